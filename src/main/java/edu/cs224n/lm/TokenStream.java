package edu.cs224n.lm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A corpus as one token stream (sentences one after another, each ended by {@code </s>}), cut into
 * {@code batch} parallel streams of equal length, as Mikolov's RNNLM and the PTB LM recipes train: row b of
 * the batch reads stream b, and each truncated-BPTT segment starts in the state the previous one ended in.
 * The tokens that do not fill a whole row are dropped (fewer than {@code batch}).
 */
public final class TokenStream {
    private final int[] tokens;

    public TokenStream(int[][] sentences) {
        int n = 0;
        for (int[] s : sentences) n += s.length;
        tokens = new int[n];
        int at = 0;
        for (int[] s : sentences) {
            System.arraycopy(s, 0, tokens, at, s.length);
            at += s.length;
        }
    }

    public int length() {
        return tokens.length;
    }

    public int[] tokens() {
        return tokens.clone();
    }

    /**
     * Features {@code [batch, 1, steps]} (token ids; rank 3, so DL4J's truncated BPTT cuts them into segments too) and labels
     * {@code [batch, 1, steps]} (the next token's id, for a sparse cross-entropy output), where steps =
     * length / batch - 1. One DataSet holds a whole epoch: DL4J's truncated BPTT cuts it into segments and
     * carries the state between them.
     */
    public DataSet asBatch(int batch) {
        int steps = tokens.length / batch - 1;
        if (steps < 1) throw new IllegalArgumentException("a stream of " + tokens.length + " tokens is too short for " + batch + " rows");
        float[] x = new float[batch * steps];
        float[] y = new float[batch * steps];
        int rowLength = steps + 1;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                x[b * steps + t] = tokens[b * rowLength + t];
                y[b * steps + t] = tokens[b * rowLength + t + 1];
            }
        }
        INDArray features = Nd4j.create(x, new long[] {batch, 1, steps}, 'c').castTo(DataType.FLOAT);
        INDArray labels = Nd4j.create(y, new long[] {batch, 1, steps}, 'c').castTo(DataType.FLOAT);
        return new DataSet(features, labels);
    }
}
