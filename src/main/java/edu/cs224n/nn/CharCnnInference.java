package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass of a {@link CharCnn} for inference, in float and straight into the time-major rows the BiLSTM pass
 * reads: the same windows, gemm and max as {@link CharCnnLayer}, which works in double for its gradient checks and costs
 * several times more per word (each array converted to double and back, and a Math.tanh per filter).
 */
public final class CharCnnInference {
    private CharCnnInference() {}

    /**
     * tanh(max over the word's windows of x W + b) for character ids [B, MAX, T] (NCW, 0 after the word's last
     * character); returns [T * B, filters], row t * B + b for position t of word sequence b (zeros for a position
     * without characters).
     *
     * @param layer the layer whose parameters (E, W, b) and window width are used
     */
    public static INDArray timeMajorRows(INDArray chars, org.deeplearning4j.nn.api.Layer layer) {
        CharCnn c = (CharCnn) layer.conf().getLayer();
        int b = (int) chars.size(0), slots = (int) chars.size(1), t = (int) chars.size(2), words = b * t;
        int k = c.getWidth(), dim = c.getCharDim(), filters = (int) c.getNOut();
        if (slots != c.getNIn()) throw new IllegalArgumentException(c.getLayerName() + ": expected " + c.getNIn() + " characters per word, got " + slots);
        float[] ids = Gemm.hostFloats(chars);             // [B, MAX, T]
        float[] table = Gemm.hostFloats(layer.getParam(CharCnnParams.EMBEDDING));
        int[] length = new int[words], first = new int[words + 1];
        for (int step = 0; step < t; step++) {
            for (int s = 0; s < b; s++) {
                int word = step * b + s, len = 0;
                while (len < slots && ids[(s * slots + len) * t + step] > 0) len++;
                length[word] = len;
                first[word + 1] = first[word] + (len == 0 ? 0 : Math.max(1, len - k + 1));
            }
        }
        int rows = first[words];
        float[] x = new float[rows * k * dim]; // window j of a word: its characters j..j+k-1 side by side, zeros past the end
        for (int word = 0; word < words; word++) {
            int s = word % b, step = word / b;
            for (int row = first[word]; row < first[word + 1]; row++) {
                for (int p = 0, j = row - first[word]; p < k && j + p < length[word]; p++) {
                    int id = (int) ids[(s * slots + j + p) * t + step];
                    if (id >= c.getChars()) throw new IllegalArgumentException(c.getLayerName() + ": character id " + id + " outside the table of " + c.getChars());
                    System.arraycopy(table, id * dim, x, (row * k + p) * dim, dim);
                }
            }
        }
        float[] out = new float[words * filters];
        if (rows > 0) {
            INDArray xArray = Nd4j.createUninitialized(DataType.FLOAT, rows, (long) k * dim);
            Gemm.floatBuffer(xArray).put(x);
            INDArray h = Nd4j.createUninitialized(DataType.FLOAT, rows, filters);
            Gemm.gemm(xArray, layer.getParam(CharCnnParams.WEIGHTS).castTo(DataType.FLOAT), h, false, false, 1.0, 0.0);
            float[] hv = new float[rows * filters], bias = Gemm.hostFloats(layer.getParam(CharCnnParams.BIAS));
            Gemm.floatBuffer(h).get(hv);
            for (int word = 0; word < words; word++) {
                if (first[word] == first[word + 1]) continue;
                int o = word * filters;
                System.arraycopy(hv, first[word] * filters, out, o, filters);
                for (int row = first[word] + 1; row < first[word + 1]; row++) {
                    for (int f = 0; f < filters; f++) out[o + f] = Math.max(out[o + f], hv[row * filters + f]);
                }
                for (int f = 0; f < filters; f++) out[o + f] += bias[f];
            }
            FloatActivations.tanh(out, 0, out.length); // tanh(0) = 0 keeps a position without characters at zero
        }
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, words, filters);
        Gemm.floatBuffer(y).put(out);
        return y;
    }
}
