package edu.cs224n.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The forward pass of a DL4J {@code Bidirectional(CONCAT, LSTM)} layer for inference on sentences of different
 * lengths, computed the way DL4J's LSTM defines it but with the input products of every step in one gemm and each
 * sentence's backward direction read from its own last word (DL4J 1.0.0-M2.1 reverses the padded batch instead, which
 * gives a sentence followed by padding other backward states).
 * <p>Rows are time-major: row {@code t * B + b} is position t of sentence b; positions at or past a sentence's length
 * are padding (their outputs are undefined and never reach a real position). DL4J's LSTM: columns [0, h) of
 * {@code x W + h_prev RW + b} are the block input (tanh), [h, 2h) the forget gate, [2h, 3h) the output gate and
 * [3h, 4h) the input gate (sigmoids); c = f c_prev + i z, h = o tanh(c).
 */
public final class LstmInference {
    private LstmInference() {}

    /** One direction's parameters: W [nIn, 4h], RW [h, 4h], b [1, 4h]. */
    public record Weights(INDArray w, INDArray rw, INDArray b) {
        long hidden() {
            return rw.size(0);
        }
    }

    /**
     * Both directions over {@code x} [T * B, nIn] (time-major); returns [T * B, 2h], forward states then backward ones.
     *
     * @param lengths each sentence's length (<= T)
     */
    public static INDArray bidirectional(INDArray x, int[] lengths, int t, Weights forward, Weights backward) {
        int b = lengths.length;
        int[] reversed = new int[t * b]; // row of x read at (t, b) by the backward direction
        for (int s = 0; s < b; s++) {
            for (int step = 0; step < t; step++) reversed[step * b + s] = (step < lengths[s] ? lengths[s] - 1 - step : step) * b + s;
        }
        INDArray fwd = direction(x, b, t, forward);
        INDArray bwdReversed = direction(Nd4j.pullRows(x, 1, reversed), b, t, backward);
        INDArray bwd = Nd4j.pullRows(bwdReversed, 1, reversed); // the reversal is its own inverse
        return Nd4j.concat(1, fwd, bwd);
    }

    /** One left-to-right LSTM pass over x [T * B, nIn] from zero states; returns the hidden states [T * B, h]. */
    static INDArray direction(INDArray x, int b, int t, Weights p) {
        long h = p.hidden();
        INDArray gates = Nd4j.createUninitialized(p.w().dataType(), x.size(0), 4 * h); // c-ordered, so a step's rows are one block
        Nd4j.gemm(x, p.w(), gates, false, false, 1.0, 0.0);
        gates.addiRowVector(p.b());
        INDArray out = Nd4j.create(p.w().dataType(), (long) t * b, h);
        INDArray c = Nd4j.zeros(p.w().dataType(), b, h);
        INDArray scratch = Nd4j.create(p.w().dataType(), b, h);
        INDArray previous = null;
        for (int step = 0; step < t; step++) {
            INDArray z = gates.get(NDArrayIndex.interval((long) step * b, (long) (step + 1) * b), NDArrayIndex.all());
            if (previous != null) Nd4j.gemm(previous, p.rw(), z, false, false, 1.0, 1.0);
            INDArray input = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
            INDArray sigmoids = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4 * h));
            Transforms.tanh(input, false);
            Transforms.sigmoid(sigmoids, false);
            INDArray forget = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
            INDArray output = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
            INDArray inputGate = z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h));
            c.muli(forget).addi(input.muli(inputGate));
            INDArray hidden = out.get(NDArrayIndex.interval((long) step * b, (long) (step + 1) * b), NDArrayIndex.all());
            Transforms.tanh(scratch.assign(c), false);
            hidden.assign(scratch.muli(output));
            previous = hidden;
        }
        return out;
    }
}
