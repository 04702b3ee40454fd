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
 * The parameters of {@link AttentionDecoder}, all row-major: {@code Wi} [enc, hidden] and {@code bi} [1, hidden] (the
 * first state), {@code Wx} [emb (+ enc), 4 hidden], {@code Wh} [hidden, 4 hidden] and {@code b} [1, 4 hidden] (the LSTM,
 * gates in the order i, f, o, g; the forget gate's bias starts at 1), and with attention {@code Wa} [hidden, a],
 * {@code Ua} [enc, a], {@code va} [a, 1]. Weights take the layer's weight init, biases start at 0.
 */
public final class AttentionDecoderParams implements ParamInitializer {
    public static final AttentionDecoderParams INSTANCE = new AttentionDecoderParams();
    public static final String INIT_W = "Wi", INIT_B = "bi", INPUT_W = "Wx", RECURRENT_W = "Wh", BIAS = "b",
            ATT_W = "Wa", ATT_U = "Ua", ATT_V = "va";

    private AttentionDecoderParams() {}

    private static Map<String, long[]> shapes(AttentionDecoder d) {
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
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return shapes((AttentionDecoder) layer).values().stream().mapToLong(s -> s[0] * s[1]).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return new ArrayList<>(shapes((AttentionDecoder) layer).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> !k.equals(INIT_B) && !k.equals(BIAS)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(INIT_B, BIAS);
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
        AttentionDecoder d = (AttentionDecoder) conf.getLayer();
        Map<String, INDArray> v = views(d, paramsView);
        if (initializeParams) {
            var init = d.getWeightInitFn();
            for (var e : v.entrySet()) {
                INDArray p = e.getValue();
                if (isBiasParam(d, e.getKey())) p.assign(0);
                else init.init(p.size(0), p.size(1), p.shape(), 'c', p);
            }
            long h = d.getHidden();
            v.get(BIAS).get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).assign(1.0);
        }
        return v;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((AttentionDecoder) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(AttentionDecoder d, INDArray flat) {
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long o = 0;
        for (var e : shapes(d).entrySet()) {
            long n = e.getValue()[0] * e.getValue()[1];
            out.put(e.getKey(), row.get(NDArrayIndex.interval(o, o + n)).reshape('c', e.getValue()));
            o += n;
        }
        return out;
    }
}
