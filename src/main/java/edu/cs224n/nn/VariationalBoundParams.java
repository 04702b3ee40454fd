package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link VariationalBound}, in {@link Elbo}'s order: {@code flow} [1, flow params] (only with a flow;
 * the MADE's masked layout, starting as the identity), then the decoder's {@code Wd} [K, H], {@code bd} [1, H],
 * {@code Wo} [H, D], {@code bo} [1, D] (weights take the layer's weight init, biases 0).
 */
public final class VariationalBoundParams implements ParamInitializer {
    public static final VariationalBoundParams INSTANCE = new VariationalBoundParams();
    public static final String FLOW = "flow", DECODER_W = "Wd", DECODER_B = "bd", OUTPUT_W = "Wo", OUTPUT_B = "bo";

    private VariationalBoundParams() {}

    private static Map<String, long[]> shapes(VariationalBound v) {
        Elbo.Sizes s = v.sizes();
        Map<String, long[]> m = new LinkedHashMap<>();
        if (s.flowSteps() > 0) m.put(FLOW, new long[] {1, s.flowParams()});
        m.put(DECODER_W, new long[] {s.latent(), s.hidden()});
        m.put(DECODER_B, new long[] {1, s.hidden()});
        m.put(OUTPUT_W, new long[] {s.hidden(), s.pixels()});
        m.put(OUTPUT_B, new long[] {1, s.pixels()});
        return m;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Elbo.Sizes s = ((VariationalBound) layer).sizes();
        return s.flowParams() + s.decoderParams();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.copyOf(shapes((VariationalBound) layer).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> !biasKeys(layer).contains(k)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(DECODER_B, OUTPUT_B);
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
        VariationalBound v = (VariationalBound) conf.getLayer();
        Map<String, INDArray> views = views(v, paramsView);
        if (initializeParams) {
            for (var e : views.entrySet()) {
                INDArray p = e.getValue();
                switch (e.getKey()) {
                    case FLOW -> p.assign(Nd4j.create(new Elbo(v.sizes()).initialFlow(new java.util.Random(Nd4j.getRandom().nextLong())),
                            p.shape()).castTo(p.dataType()));
                    case DECODER_B, OUTPUT_B -> p.assign(0);
                    default -> v.getWeightInitFn().init(p.size(0), p.size(1), p.shape(), 'c', p);
                }
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((VariationalBound) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(VariationalBound v, INDArray flat) {
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long o = 0;
        for (var e : shapes(v).entrySet()) {
            long n = e.getValue()[0] * e.getValue()[1];
            out.put(e.getKey(), row.get(NDArrayIndex.interval(o, o + n)).reshape('c', e.getValue()));
            o += n;
        }
        return out;
    }
}
