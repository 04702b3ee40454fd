package edu.cs224n.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bahdanau et al.'s (2015) additive attention for one decoder step over a batch, forward and hand-written backward,
 * the piece {@link AttentionDecoderLayer} is built on:
 * <pre>
 *   e_tj = v^T tanh(W s_{t-1} + U h_j)      alpha_t = softmax_j(e_t) over the input's positions (padding masked)
 *   c_t  = sum_j alpha_tj h_j
 * </pre>
 * Shapes: s [mb, dS], h [mb, T, dH], mask [mb, T] (1 = a real position; every row needs one), W [dS, a], U [dH, a],
 * v [a, 1]. The keys K = U h_j do not depend on the step, so they are computed once per input sequence
 * ({@link #keys}); a step's backward returns dL/dK, summed over the steps and taken through U once
 * ({@link #keysBackward}).
 */
public final class AdditiveAttention {
    /** The score of a padded position: exp underflows to exactly 0, so no softmax can pick it. */
    private static final double PADDED = -1e9;

    private AdditiveAttention() {}

    /** One step's values kept for the backward pass. */
    public record Step(INDArray s, INDArray z, INDArray alpha, INDArray context) {}

    /** Gradients of the loss with respect to the step's inputs and parameters; dh is the part through the context only. */
    public record Gradients(INDArray ds, INDArray dh, INDArray dKeys, INDArray dW, INDArray dv) {}

    /** K = U h_j for every position: [mb, T, a]. */
    public static INDArray keys(INDArray h, INDArray U) {
        long mb = h.size(0), t = h.size(1);
        return mm(h.reshape('c', mb * t, h.size(2)), U, false, false).reshape('c', mb, t, U.size(1));
    }

    /** dL/dU and the part of dL/dh that goes through the keys, from dL/dK [mb, T, a]: {dU, dh}. */
    public static INDArray[] keysBackward(INDArray h, INDArray U, INDArray dKeys) {
        long mb = h.size(0), t = h.size(1), a = U.size(1);
        INDArray h2 = h.reshape('c', mb * t, h.size(2)), dk = dKeys.reshape('c', mb * t, a);
        return new INDArray[] {mm(h2, dk, true, false), mm(dk, U, false, true).reshape('c', mb, t, h.size(2))};
    }

    /** op(a) op(b) through {@link Gemm} (a transposed view's mmul in ND4J copies it first: six times slower here). */
    static INDArray mm(INDArray a, INDArray b, boolean ta, boolean tb) {
        INDArray c = Nd4j.create(a.dataType(), ta ? a.size(1) : a.size(0), tb ? b.size(0) : b.size(1));
        return Gemm.gemm(a, b, c, ta, tb, 1.0, 0.0);
    }

    public static Step forward(INDArray s, INDArray h, INDArray keys, INDArray mask, INDArray W, INDArray v) {
        long mb = h.size(0), t = h.size(1), a = keys.size(2);
        INDArray pre = Nd4j.create(keys.dataType(), mb, t, a);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(keys, mm(s, W, false, false), pre, 0, 2)); // W s_{t-1} added at every position
        INDArray z = Transforms.tanh(pre, false);
        INDArray e = mm(z.reshape('c', mb * t, a), v, false, false).reshape('c', mb, t);
        e.addi(mask.rsub(1.0).muli(PADDED));
        INDArray alpha = Transforms.softmax(e, false);
        INDArray context = Nd4j.matmul(alpha.reshape('c', mb, 1, t), h).reshape('c', mb, h.size(2));
        return new Step(s, z, alpha, context);
    }

    /** Backward from dL/dc [mb, dH]. */
    public static Gradients backward(Step f, INDArray h, INDArray dContext, INDArray W, INDArray v) {
        INDArray alpha = f.alpha(), z = f.z();
        long mb = h.size(0), t = h.size(1), dH = h.size(2), a = z.size(2);
        INDArray dc = dContext.reshape('c', mb, 1, dH);
        INDArray dAlpha = Nd4j.matmul(dc, h, false, true, false).reshape('c', mb, t);
        INDArray dh = Nd4j.matmul(alpha.reshape('c', mb, t, 1), dc);
        // softmax: de_j = alpha_j (dalpha_j - sum_k alpha_k dalpha_k); padded positions have alpha = 0, so de = 0 there
        INDArray de = alpha.mul(dAlpha.subColumnVector(alpha.mul(dAlpha).sum(1).reshape(mb, 1)));
        INDArray z2 = z.reshape('c', mb * t, a);
        INDArray dv = mm(z2, de.reshape('c', mb * t, 1), true, false);
        INDArray dPre = mm(de.reshape('c', mb * t, 1), v, false, true).muli(z2.mul(z2).rsubi(1.0));
        INDArray dWs = dPre.reshape('c', mb, t, a).sum(1);
        INDArray dW = mm(f.s(), dWs, true, false);
        INDArray ds = mm(dWs, W, false, true);
        return new Gradients(ds, dh, dPre.reshape('c', mb, t, a), dW, dv);
    }
}
