package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a {@link GatedFeedbackRnn}, per layer j (H = nOut, d = the layer's input width, G = 3 blocks
 * [z | r | candidate] for a GRU unit, 1 for tanh, L = layers):
 * {@code W<j>} [d, G*H] input weights; {@code U<j>} [L*H, H] with global gates (row block i = U(i->j)), else [H, H];
 * {@code V<j>} [H, 2H] the GRU gates' own recurrent weights [U_z | U_r]; {@code Wg<j>} [d, L] and {@code Ug<j>} [L*H, L]
 * the global gates' vectors w_g(i->j), u_g(i->j) as columns i; {@code b<j>} [G*H]. Matrices are row-major views of the
 * flat parameter vector; weights take the layer's weight init with fan-in = rows, biases start at zero.
 */
public final class GatedFeedbackRnnParams implements ParamInitializer {
    public static final GatedFeedbackRnnParams INSTANCE = new GatedFeedbackRnnParams();

    private GatedFeedbackRnnParams() {}

    public static String w(int j) { return "W" + j; }

    public static String u(int j) { return "U" + j; }

    public static String v(int j) { return "V" + j; }

    public static String wg(int j) { return "Wg" + j; }

    public static String ug(int j) { return "Ug" + j; }

    public static String b(int j) { return "b" + j; }

    /** Every parameter as (key, rows, cols), in the order of the flat vector. */
    private static List<Object[]> shapes(GatedFeedbackRnn c) {
        long h = c.getNOut();
        int l = c.getLayers();
        List<Object[]> out = new ArrayList<>();
        for (int j = 0; j < l; j++) {
            long d = c.inWidth(j);
            out.add(new Object[] {w(j), d, c.blocks() * h});
            out.add(new Object[] {u(j), c.isGlobalGates() ? l * h : h, h});
            if (c.getUnit() == GatedFeedbackRnn.Unit.GRU) out.add(new Object[] {v(j), h, 2 * h});
            if (c.isGlobalGates()) {
                out.add(new Object[] {wg(j), d, (long) l});
                out.add(new Object[] {ug(j), l * h, (long) l});
            }
            if (c.isHasBias()) out.add(new Object[] {b(j), 1L, c.blocks() * h});
        }
        return out;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long n = 0;
        for (Object[] s : shapes((GatedFeedbackRnn) layer)) n += (long) s[1] * (long) s[2];
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (Object[] s : shapes((GatedFeedbackRnn) layer)) keys.add((String) s[0]);
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> !k.startsWith("b")).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> k.startsWith("b")).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return !key.startsWith("b");
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.startsWith("b");
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GatedFeedbackRnn c = (GatedFeedbackRnn) conf.getLayer();
        Map<String, INDArray> views = views(c, paramsView);
        if (initializeParams) {
            for (Map.Entry<String, INDArray> e : views.entrySet()) {
                INDArray p = e.getValue();
                if (e.getKey().startsWith("b")) {
                    p.assign(0);
                } else {
                    boolean recurrent = e.getKey().startsWith("U") || e.getKey().startsWith("V");
                    var init = recurrent && c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
                    init.init(p.size(0), p.size(1), p.shape(), 'c', p);
                }
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((GatedFeedbackRnn) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(GatedFeedbackRnn c, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray row = flat.reshape(flat.length());
        long offset = 0;
        for (Object[] s : shapes(c)) {
            long r = (long) s[1], k = (long) s[2];
            out.put((String) s[0], row.get(NDArrayIndex.interval(offset, offset + r * k)).reshape('c', r, k));
            offset += r * k;
        }
        return out;
    }
}
