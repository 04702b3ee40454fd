package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a {@link ClassFactoredSoftmax}: {@code Wc} [nIn, C] and {@code bc} [1, C] for the classes;
 * {@code W} [|V|, nIn] (one row per word, so a class's words are a contiguous block of rows) and {@code b} [1, |V|]
 * for the words. Weights take the layer's weight init (fan-in nIn), biases start at zero.
 */
public final class ClassFactoredSoftmaxParams implements ParamInitializer {
    public static final ClassFactoredSoftmaxParams INSTANCE = new ClassFactoredSoftmaxParams();
    public static final String CLASS_WEIGHTS = "Wc", CLASS_BIAS = "bc", WORD_WEIGHTS = "W", WORD_BIAS = "b";

    private ClassFactoredSoftmaxParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        ClassFactoredSoftmax c = (ClassFactoredSoftmax) layer;
        return (c.getNIn() + 1) * (c.classes() + c.getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(CLASS_WEIGHTS, CLASS_BIAS, WORD_WEIGHTS, WORD_BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(CLASS_WEIGHTS, WORD_WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(CLASS_BIAS, WORD_BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return key.equals(CLASS_WEIGHTS) || key.equals(WORD_WEIGHTS);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.equals(CLASS_BIAS) || key.equals(WORD_BIAS);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        ClassFactoredSoftmax c = (ClassFactoredSoftmax) conf.getLayer();
        Map<String, INDArray> v = views(c, paramsView);
        if (initializeParams) {
            INDArray wc = v.get(CLASS_WEIGHTS), w = v.get(WORD_WEIGHTS);
            c.getWeightInitFn().init(c.getNIn(), c.classes(), wc.shape(), 'c', wc);
            c.getWeightInitFn().init(c.getNIn(), c.getNOut(), w.shape(), 'c', w);
            v.get(CLASS_BIAS).assign(0);
            v.get(WORD_BIAS).assign(0);
        }
        return v;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((ClassFactoredSoftmax) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(ClassFactoredSoftmax c, INDArray flat) {
        long h = c.getNIn(), k = c.classes(), v = c.getNOut();
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long o = 0;
        out.put(CLASS_WEIGHTS, row.get(NDArrayIndex.interval(o, o + h * k)).reshape('c', h, k));
        o += h * k;
        out.put(CLASS_BIAS, row.get(NDArrayIndex.interval(o, o + k)).reshape('c', 1, k));
        o += k;
        out.put(WORD_WEIGHTS, row.get(NDArrayIndex.interval(o, o + v * h)).reshape('c', v, h));
        o += v * h;
        out.put(WORD_BIAS, row.get(NDArrayIndex.interval(o, o + v)).reshape('c', 1, v));
        return out;
    }
}
