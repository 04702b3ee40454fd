package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a {@link CharCnn}: {@code E} [chars, charDim], {@code W} [width * charDim, nOut], {@code b} [1, nOut]; row-major. */
public final class CharCnnParams implements ParamInitializer {
    public static final CharCnnParams INSTANCE = new CharCnnParams();
    public static final String EMBEDDING = "E", WEIGHTS = "W", BIAS = "b";

    private CharCnnParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        CharCnn c = (CharCnn) layer;
        return (long) c.getChars() * c.getCharDim() + ((long) c.getWidth() * c.getCharDim() + 1) * c.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(EMBEDDING, WEIGHTS, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(EMBEDDING, WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return !key.equals(BIAS);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.equals(BIAS);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CharCnn c = (CharCnn) conf.getLayer();
        Map<String, INDArray> v = views(c, paramsView);
        if (initializeParams) {
            INDArray e = v.get(EMBEDDING), w = v.get(WEIGHTS);
            c.getWeightInitFn().init(c.getCharDim(), c.getCharDim(), e.shape(), 'c', e);
            c.getWeightInitFn().init(w.size(0), w.size(1), w.shape(), 'c', w);
            v.get(BIAS).assign(0);
        }
        return v;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((CharCnn) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(CharCnn c, INDArray flat) {
        long e = (long) c.getChars() * c.getCharDim(), in = (long) c.getWidth() * c.getCharDim(), f = c.getNOut();
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(EMBEDDING, row.get(NDArrayIndex.interval(0, e)).reshape('c', c.getChars(), c.getCharDim()));
        out.put(WEIGHTS, row.get(NDArrayIndex.interval(e, e + in * f)).reshape('c', in, f));
        out.put(BIAS, row.get(NDArrayIndex.interval(e + in * f, e + in * f + f)).reshape('c', 1, f));
        return out;
    }
}
