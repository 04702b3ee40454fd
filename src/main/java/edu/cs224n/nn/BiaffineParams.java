package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link BiaffineArc} ({@code U} [dim, dim], {@code u} [dim, 1]) and {@link BiaffineLabel}
 * ({@code U} [dim, labels * dim], row p holding U_l[p, q] at column l * dim + q; {@code W} [2 dim, labels]; {@code b}
 * [1, labels]). U and W take the layer's weight init; u and b start at zero. All row-major.
 */
public final class BiaffineParams extends ShapedParams {
    public static final BiaffineParams INSTANCE = new BiaffineParams();
    public static final String BILINEAR = "U", HEAD_BIAS = "u", LINEAR = "W", BIAS = "b";

    private BiaffineParams() {}

    @Override
    Map<String, long[]> shapes(Layer layer) {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (layer instanceof BiaffineArc a) {
            long d = a.getDim();
            out.put(BILINEAR, new long[] {d, d});
            out.put(HEAD_BIAS, new long[] {d, 1});
            return out;
        }
        BiaffineLabel l = (BiaffineLabel) layer;
        long d = l.getDim(), n = l.getNOut();
        out.put(BILINEAR, new long[] {d, n * d});
        out.put(LINEAR, new long[] {2 * d, n});
        out.put(BIAS, new long[] {1, n});
        return out;
    }

    @Override
    List<String> biases(Layer layer) {
        return layer instanceof BiaffineArc ? List.of(HEAD_BIAS) : List.of(BIAS);
    }

    @Override
    void initialise(Layer layer, Map<String, INDArray> v) {
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
}
