package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;

/**
 * The forward pass of a DL4J {@code Bidirectional(CONCAT, LSTM)} layer for inference on sentences of different
 * lengths, computed the way DL4J's LSTM defines it but with the input products of every step and both directions in
 * one gemm and each sentence's backward direction read from its own last word (DL4J 1.0.0-M2.1 reverses the padded
 * batch instead, which gives a sentence followed by padding other backward states).
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
     * Padding rows (t >= their sentence's length) come out zero.
     *
     * @param lengths each sentence's length (<= T)
     */
    public static INDArray bidirectional(INDArray x, int[] lengths, int t, Weights forward, Weights backward) {
        if (forward.w().dataType() != DataType.FLOAT || backward.w().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected FLOAT weights, got " + forward.w().dataType() + " and " + backward.w().dataType());
        }
        INDArray products = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), 8 * forward.hidden());
        Gemm.gemm(x.castTo(DataType.FLOAT), Nd4j.concat(1, forward.w(), backward.w()), products, false, false, 1.0, 0.0);
        FloatBuffer pb = Gemm.floatBuffer(products);
        int width = (int) products.size(1);
        return bidirectional((row, column, into) -> pb.get(row * width + column, into, 0, into.length), lengths, t, forward, backward);
    }

    /**
     * Where an LSTM layer reads its input products x W: row r's columns [column, column + 4h) of x [W_forward |
     * W_backward] ([T * B, 8h], time-major rows; padding rows are never read) into {@code into} (4h long).
     */
    public interface InputProducts {
        void read(int row, int column, float[] into);
    }

    /** {@link #bidirectional} from the input products, for a caller that has them without x. */
    public static INDArray bidirectional(InputProducts products, int[] lengths, int t, Weights forward, Weights backward) {
        int b = lengths.length;
        // Sentences longest first: at step t the ones still running are then rows [0, active[t]) of the step, so
        // each step's product and cell update skip the finished ones (none of the padding is computed).
        Integer[] byLength = new Integer[b];
        for (int s = 0; s < b; s++) byLength[s] = s;
        java.util.Arrays.sort(byLength, (p, q) -> Integer.compare(lengths[q], lengths[p]));
        int[] active = new int[t];
        for (int s = 0; s < b; s++) for (int step = 0; step < lengths[byLength[s]] && step < t; step++) active[step]++;
        int[] sorted = new int[t * b], reversed = new int[t * b]; // rows of x read at (step, slot) by each direction
        for (int slot = 0; slot < b; slot++) {
            int s = byLength[slot], n = lengths[s];
            for (int step = 0; step < t; step++) {
                sorted[step * b + slot] = step * b + s;
                reversed[step * b + slot] = (step < n ? n - 1 - step : step) * b + s;
            }
        }
        INDArray fwd = direction(products, 0, sorted, b, t, active, forward);
        INDArray bwd = direction(products, 4 * (int) forward.hidden(), reversed, b, t, active, backward);
        INDArray out = Nd4j.create(fwd.dataType(), (long) t * b, 2 * forward.hidden());
        FloatBuffer o = Gemm.floatBuffer(out), f = Gemm.floatBuffer(fwd), r = Gemm.floatBuffer(bwd);
        int h = (int) forward.hidden();
        float[] row = new float[h];
        for (int step = 0; step < t; step++) {
            for (int slot = 0; slot < active[step]; slot++) {
                int at = step * b + slot;
                f.position(at * h).get(row);
                o.position(sorted[at] * 2 * h).put(row);
                r.position(at * h).get(row);
                o.position(reversed[at] * 2 * h + h).put(row);
            }
        }
        return out;
    }

    /**
     * One left-to-right LSTM pass from zero states, where at each step only the first {@code active[step]} slots are
     * running; returns the hidden states [T * B, h] by (step, slot) (zero elsewhere). Slot s at step t reads its input
     * product x W from row {@code rowOf[t * B + s]} of {@code products}, columns [column, column + 4h). Each step adds
     * h_prev RW (straight BLAS on its active rows) and updates the cell in Java loops with {@link FloatActivations}: at
     * these sizes the several ND4J element-wise ops they replace cost several times more.
     */
    static INDArray direction(InputProducts products, int column, int[] rowOf, int b, int t, int[] active, Weights p) {
        int h = (int) p.hidden(), g = 4 * h;
        INDArray out = Nd4j.create(DataType.FLOAT, (long) t * b, h);
        INDArray recurrent = Nd4j.createUninitialized(DataType.FLOAT, b, g);
        float[] bias = Gemm.hostFloats(p.b());
        float[] c = new float[b * h], r = new float[b * g], hidden = new float[b * h], a = new float[g];
        FloatBuffer rb = Gemm.floatBuffer(recurrent), ob = Gemm.floatBuffer(out);
        for (int step = 0; step < t; step++) {
            int k = active[step];
            if (k == 0) break;
            if (step > 0) {
                INDArray previous = out.get(NDArrayIndex.interval((long) (step - 1) * b, (long) (step - 1) * b + k), NDArrayIndex.all());
                Gemm.gemm(previous, p.rw(), recurrent.get(NDArrayIndex.interval(0, k), NDArrayIndex.all()), false, false, 1.0, 0.0);
                rb.position(0).get(r, 0, k * g);
            }
            for (int slot = 0; slot < k; slot++) {
                int rr = slot * g, hr = slot * h;
                products.read(rowOf[step * b + slot], column, a);
                // a = [block input | forget | output | input gate], each loop over whole arrays so that C2 vectorizes it
                if (step > 0) for (int j = 0; j < g; j++) a[j] = (a[j] + r[rr + j]) + bias[j];
                else for (int j = 0; j < g; j++) a[j] = a[j] + bias[j];
                FloatActivations.tanh(a, 0, h);
                FloatActivations.sigmoid(a, h, g);
                for (int j = 0; j < h; j++) c[hr + j] = a[h + j] * c[hr + j] + a[3 * h + j] * a[j];
                System.arraycopy(c, hr, a, 0, h);
                FloatActivations.tanh(a, 0, h);
                for (int j = 0; j < h; j++) hidden[hr + j] = a[2 * h + j] * a[j];
            }
            ob.position(step * b * h).put(hidden, 0, k * h);
        }
        return out;
    }
}
