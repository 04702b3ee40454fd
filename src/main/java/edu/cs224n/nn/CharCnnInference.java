package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The forward pass of a {@link CharCnn} for inference, in float, for a list of words: the same windows, gemm and max as
 * {@link CharCnnLayer}, which works in double for its gradient checks and costs several times more per word (each array
 * converted to double and back, and a Math.tanh per filter).
 */
public final class CharCnnInference {
    private CharCnnInference() {}

    /**
     * tanh(max over each word's windows of x W + b), as rows [words, filters] (zeros for a word without characters).
     *
     * @param words each word's character ids (a 0 ends the word early, as padding does in the layer's input)
     * @param layer the layer whose parameters (E, W, b) and window width are used
     */
    public static INDArray vectors(List<int[]> words, Layer layer) {
        CharCnn c = (CharCnn) layer.conf().getLayer();
        int n = words.size(), k = c.getWidth(), dim = c.getCharDim(), filters = (int) c.getNOut();
        float[] table = Gemm.hostFloats(layer.getParam(CharCnnParams.EMBEDDING));
        int[] length = new int[n], first = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int[] ids = words.get(i);
            if (ids.length > c.getNIn()) throw new IllegalArgumentException(c.getLayerName() + ": expected at most " + c.getNIn() + " characters per word, got " + ids.length);
            int len = 0;
            while (len < ids.length && ids[len] > 0) len++;
            length[i] = len;
            first[i + 1] = first[i] + (len == 0 ? 0 : Math.max(1, len - k + 1));
        }
        int rows = first[n];
        float[] x = new float[rows * k * dim]; // window j of a word: its characters j..j+k-1 side by side, zeros past the end
        for (int i = 0; i < n; i++) {
            for (int row = first[i]; row < first[i + 1]; row++) {
                for (int p = 0, j = row - first[i]; p < k && j + p < length[i]; p++) {
                    int id = words.get(i)[j + p];
                    if (id >= c.getChars()) throw new IllegalArgumentException(c.getLayerName() + ": character id " + id + " outside the table of " + c.getChars());
                    System.arraycopy(table, id * dim, x, (row * k + p) * dim, dim);
                }
            }
        }
        float[] out = new float[n * filters];
        if (rows > 0) {
            INDArray xArray = Nd4j.createUninitialized(DataType.FLOAT, rows, (long) k * dim);
            Gemm.floatBuffer(xArray).put(x);
            INDArray h = Nd4j.createUninitialized(DataType.FLOAT, rows, filters);
            Gemm.gemm(xArray, layer.getParam(CharCnnParams.WEIGHTS).castTo(DataType.FLOAT), h, false, false, 1.0, 0.0);
            float[] hv = new float[rows * filters], bias = Gemm.hostFloats(layer.getParam(CharCnnParams.BIAS));
            Gemm.floatBuffer(h).get(hv);
            for (int i = 0; i < n; i++) {
                if (first[i] == first[i + 1]) continue;
                int o = i * filters;
                System.arraycopy(hv, first[i] * filters, out, o, filters);
                for (int row = first[i] + 1; row < first[i + 1]; row++) {
                    for (int f = 0; f < filters; f++) out[o + f] = Math.max(out[o + f], hv[row * filters + f]);
                }
                for (int f = 0; f < filters; f++) out[o + f] += bias[f];
            }
            FloatActivations.tanh(out, 0, out.length); // tanh(0) = 0 keeps a word without characters at zero
        }
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, filters);
        Gemm.floatBuffer(y).put(out);
        return y;
    }
}
