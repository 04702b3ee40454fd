package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link AttentionDecoder}, all row-major: {@code Wi} [enc, hidden] and {@code bi} [1, hidden] (the
 * first state), {@code Wx} [emb (+ enc), 4 hidden], {@code Wh} [hidden, 4 hidden] and {@code b} [1, 4 hidden] (the LSTM,
 * gates in the order i, f, o, g; the forget gate's bias starts at 1), and with attention {@code Wa} [hidden, a],
 * {@code Ua} [enc, a], {@code va} [a, 1]. Weights take the layer's weight init, biases start at 0.
 */
public final class AttentionDecoderParams extends ShapedParams {
    public static final AttentionDecoderParams INSTANCE = new AttentionDecoderParams();
    public static final String INIT_W = "Wi", INIT_B = "bi", INPUT_W = "Wx", RECURRENT_W = "Wh", BIAS = "b",
            ATT_W = "Wa", ATT_U = "Ua", ATT_V = "va";

    private AttentionDecoderParams() {}

    @Override
    Map<String, long[]> shapes(Layer layer) {
        AttentionDecoder d = (AttentionDecoder) layer;
        long enc = d.getEncoderSize(), h = d.getHidden(), a = d.getAttentionSize(), x = d.embeddingSize() + (d.attends() ? enc : 0);
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put(INIT_W, new long[] {enc, h});
        s.put(INIT_B, new long[] {1, h});
        s.put(INPUT_W, new long[] {x, 4 * h});
        s.put(RECURRENT_W, new long[] {h, 4 * h});
        s.put(BIAS, new long[] {1, 4 * h});
        if (d.attends()) {
            s.put(ATT_W, new long[] {h, a});
            s.put(ATT_U, new long[] {enc, a});
            s.put(ATT_V, new long[] {a, 1});
        }
        return s;
    }

    @Override
    List<String> biases(Layer layer) {
        return List.of(INIT_B, BIAS);
    }

    @Override
    void initialise(Layer layer, Map<String, INDArray> v) {
        AttentionDecoder d = (AttentionDecoder) layer;
        var init = d.getWeightInitFn();
        for (var e : v.entrySet()) {
            INDArray p = e.getValue();
            if (isBiasParam(d, e.getKey())) p.assign(0);
            else init.init(p.size(0), p.size(1), p.shape(), 'c', p);
        }
        long h = d.getHidden();
        v.get(BIAS).get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).assign(1.0);
    }
}
