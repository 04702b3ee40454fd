package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link VariationalBound}, in {@link Elbo}'s order: {@code flow} [1, flow params] (only with a flow;
 * the MADE's masked layout, starting as the identity), then the decoder's {@code Wd} [K, H], {@code bd} [1, H],
 * {@code Wo} [H, D], {@code bo} [1, D] (weights take the layer's weight init, biases 0).
 */
public final class VariationalBoundParams extends ShapedParams {
    public static final VariationalBoundParams INSTANCE = new VariationalBoundParams();
    public static final String FLOW = "flow", DECODER_W = "Wd", DECODER_B = "bd", OUTPUT_W = "Wo", OUTPUT_B = "bo";

    private VariationalBoundParams() {}

    @Override
    Map<String, long[]> shapes(Layer layer) {
        Elbo.Sizes s = ((VariationalBound) layer).sizes();
        Map<String, long[]> m = new LinkedHashMap<>();
        if (s.flowSteps() > 0) m.put(FLOW, new long[] {1, s.flowParams()});
        m.put(DECODER_W, new long[] {s.latent(), s.hidden()});
        m.put(DECODER_B, new long[] {1, s.hidden()});
        m.put(OUTPUT_W, new long[] {s.hidden(), s.pixels()});
        m.put(OUTPUT_B, new long[] {1, s.pixels()});
        return m;
    }

    @Override
    List<String> biases(Layer layer) {
        return List.of(DECODER_B, OUTPUT_B);
    }

    @Override
    void initialise(Layer layer, Map<String, INDArray> views) {
        VariationalBound v = (VariationalBound) layer;
        for (var e : views.entrySet()) {
            INDArray p = e.getValue();
            switch (e.getKey()) {
                case FLOW -> p.assign(Nd4j.create(new Elbo(v.sizes()).initialFlow(new java.util.Random(Nd4j.getRandom().nextLong())), p.shape())
                        .castTo(p.dataType()));
                case DECODER_B, OUTPUT_B -> p.assign(0);
                default -> v.getWeightInitFn().init(p.size(0), p.size(1), p.shape(), 'c', p);
            }
        }
    }
}
