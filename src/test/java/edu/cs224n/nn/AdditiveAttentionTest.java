package edu.cs224n.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** Additive attention: weights that sum to 1 and ignore padding, the context as their mix, and a numeric gradient check. */
class AdditiveAttentionTest {
    private static final int MB = 3, T = 5, DS = 4, DH = 6, A = 7;

    private static INDArray[] params(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new INDArray[] {Nd4j.randn(DataType.DOUBLE, DS, A), Nd4j.randn(DataType.DOUBLE, DH, A).muli(0.5), Nd4j.randn(DataType.DOUBLE, A, 1)};
    }

    /** Rows of different lengths: 5, 3 and 1 real positions. */
    private static INDArray mask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}});
    }

    private static AdditiveAttention.Step forward(INDArray s, INDArray h, INDArray mask, INDArray[] p) {
        return AdditiveAttention.forward(s, h, AdditiveAttention.keys(h, p[1]), mask, p[0], p[2]);
    }

    @Test
    void weightsSumToOneIgnorePaddingAndMixTheStates() {
        INDArray[] p = params(1);
        INDArray s = Nd4j.randn(DataType.DOUBLE, MB, DS), h = Nd4j.randn(DataType.DOUBLE, MB, T, DH);
        var step = forward(s, h, mask(), p);
        INDArray alpha = step.alpha();
        for (int b = 0; b < MB; b++) assertEquals(1.0, alpha.getRow(b).sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, alpha.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 5)).sumNumber().doubleValue(), 0.0, "padding gets no weight");
        assertEquals(1.0, alpha.getDouble(2, 0), 1e-12, "one real position takes all the weight");
        // padding's values cannot leak into the context
        INDArray h2 = h.dup();
        h2.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 5), NDArrayIndex.all()).assign(1e6);
        assertTrue(step.context().equalsWithEps(forward(s, h2, mask(), p).context(), 1e-9));
        assertTrue(step.context().getRow(2).equalsWithEps(h.slice(2).getRow(0), 1e-12));
    }

    /** Every gradient against central differences of L = sum(c * R), in double precision, with a padded batch. */
    @Test
    void backwardMatchesNumericGradients() {
        INDArray[] p = params(2);
        INDArray s = Nd4j.randn(DataType.DOUBLE, MB, DS), h = Nd4j.randn(DataType.DOUBLE, MB, T, DH), mask = mask();
        INDArray r = Nd4j.randn(DataType.DOUBLE, MB, DH);
        Supplier<Double> loss = () -> forward(s, h, mask, p).context().mul(r).sumNumber().doubleValue();
        var step = forward(s, h, mask, p);
        var g = AdditiveAttention.backward(step, h, r, p[0], p[2]);
        INDArray[] throughKeys = AdditiveAttention.keysBackward(h, p[1], g.dKeys());
        INDArray dh = g.dh().add(throughKeys[1]);
        List<INDArray> values = List.of(s, h, p[0], p[1], p[2]);
        List<INDArray> grads = List.of(g.ds(), dh, g.dW(), throughKeys[0], g.dv());
        List<String> names = List.of("s", "h", "W", "U", "v");
        for (int k = 0; k < values.size(); k++) {
            INDArray x = values.get(k).reshape(values.get(k).length()), analytic = grads.get(k).reshape(grads.get(k).length());
            assertArrayEquals(values.get(k).shape(), grads.get(k).shape(), names.get(k));
            for (long i = 0; i < x.length(); i++) {
                double orig = x.getDouble(i);
                x.putScalar(i, orig + 1e-6);
                double up = loss.get();
                x.putScalar(i, orig - 1e-6);
                double down = loss.get();
                x.putScalar(i, orig);
                double numeric = (up - down) / 2e-6, a = analytic.getDouble(i);
                double rel = Math.abs(numeric - a) / Math.max(1e-8, Math.abs(numeric) + Math.abs(a));
                assertTrue(rel < 1e-5 || Math.abs(numeric - a) < 1e-9, names.get(k) + "[" + i + "]: numeric " + numeric + ", analytic " + a);
            }
        }
        // padded positions of h get no gradient
        assertEquals(0.0, dh.get(NDArrayIndex.point(2), NDArrayIndex.interval(1, 5), NDArrayIndex.all()).norm2Number().doubleValue(), 0.0);
    }
}
