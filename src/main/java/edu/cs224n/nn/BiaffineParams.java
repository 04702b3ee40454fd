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
 * The parameters of {@link BiaffineArc} ({@code U} [dim, dim], {@code u} [dim, 1]) and {@link BiaffineLabel}
 * ({@code U} [dim, labels * dim], row p holding U_l[p, q] at column l * dim + q; {@code W} [2 dim, labels]; {@code b}
 * [1, labels]). U and W take the layer's weight init; u and b start at zero. All row-major.
 */
public final class BiaffineParams implements ParamInitializer {
    public static final BiaffineParams INSTANCE = new BiaffineParams();
    public static final String BILINEAR = "U", HEAD_BIAS = "u", LINEAR = "W", BIAS = "b";

    private BiaffineParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        if (layer instanceof BiaffineArc a) return (long) a.getDim() * a.getDim() + a.getDim();
        BiaffineLabel l = (BiaffineLabel) layer;
        long d = l.getDim(), n = l.getNOut();
        return d * n * d + 2 * d * n + n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layer instanceof BiaffineArc ? List.of(BILINEAR, HEAD_BIAS) : List.of(BILINEAR, LINEAR, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return layer instanceof BiaffineArc ? List.of(BILINEAR) : List.of(BILINEAR, LINEAR);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return layer instanceof BiaffineArc ? List.of(HEAD_BIAS) : List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> v = views(layer, paramsView);
        if (initializeParams) {
            var init = ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getWeightInitFn();
            INDArray u = v.get(BILINEAR);
            init.init(u.size(0), u.size(0), u.shape(), 'c', u);
            if (layer instanceof BiaffineArc) {
                v.get(HEAD_BIAS).assign(0);
            } else {
                INDArray w = v.get(LINEAR);
                init.init(w.size(0), w.size(1), w.shape(), 'c', w);
                v.get(BIAS).assign(0);
            }
        }
        return v;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (layer instanceof BiaffineArc a) {
            long d = a.getDim();
            out.put(BILINEAR, row.get(NDArrayIndex.interval(0, d * d)).reshape('c', d, d));
            out.put(HEAD_BIAS, row.get(NDArrayIndex.interval(d * d, d * d + d)).reshape('c', d, 1));
            return out;
        }
        BiaffineLabel l = (BiaffineLabel) layer;
        long d = l.getDim(), n = l.getNOut(), o = 0;
        out.put(BILINEAR, row.get(NDArrayIndex.interval(o, o + d * n * d)).reshape('c', d, n * d));
        o += d * n * d;
        out.put(LINEAR, row.get(NDArrayIndex.interval(o, o + 2 * d * n)).reshape('c', 2 * d, n));
        o += 2 * d * n;
        out.put(BIAS, row.get(NDArrayIndex.interval(o, o + n)).reshape('c', 1, n));
        return out;
    }
}
