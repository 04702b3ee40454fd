package edu.cs224n.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bahdanau et al.'s (2015) additive attention for one decoder step over a batch, forward and hand-written backward,
 * the piece the attention lemmatizer's decoder layer is built on:
 * <pre>
 *   e_tj = v^T tanh(W s_{t-1} + U h_j)      alpha_t = softmax_j(e_t) over the input's positions (padding masked)
 *   c_t  = sum_j alpha_tj h_j
 * </pre>
 * Shapes: s [mb, dS], h [mb, T, dH], mask [mb, T] (1 = a real position; every row needs one), W [dS, a], U [dH, a],
 * v [a, 1]. U h_j does not depend on the step, so it is computed once per input sequence ({@link #keys}).
 */
public final class AdditiveAttention {
    private AdditiveAttention() {}

    /** One step's values kept for the backward pass. */
    public record Step(INDArray s, INDArray h, INDArray mask, INDArray z, INDArray alpha, INDArray context) {}

    /** Gradients of the loss with respect to the step's inputs and the parameters. */
    public record Gradients(INDArray ds, INDArray dh, INDArray dW, INDArray dU, INDArray dv) {}

    /** U h_j for every position: [mb, T, a]. */
    public static INDArray keys(INDArray h, INDArray U) {
        long mb = h.size(0), t = h.size(1);
        return h.reshape('c', mb * t, h.size(2)).mmul(U).reshape('c', mb, t, U.size(1));
    }

    public static Step forward(INDArray s, INDArray h, INDArray mask, INDArray W, INDArray U, INDArray v) {
        long mb = h.size(0), t = h.size(1), a = U.size(1);
        INDArray pre = keys(h, U).addi(s.mmul(W).reshape('c', mb, 1, a).broadcast(mb, t, a));
        INDArray z = Transforms.tanh(pre, true);
        INDArray e = z.reshape('c', mb * t, a).mmul(v).reshape('c', mb, t);
        // Padding gets a score no softmax can pick: exp underflows to exactly 0.
        e.addi(mask.rsub(1.0).muli(-1e9));
        INDArray alpha = Transforms.softmax(e, true);
        INDArray context = Nd4j.create(h.dataType(), mb, h.size(2));
        for (long b = 0; b < mb; b++) context.putRow(b, alpha.getRow(b).reshape(1, t).mmul(h.slice(b)));
        return new Step(s, h, mask, z, alpha, context);
    }

    /** Backward from dL/dc [mb, dH]. */
    public static Gradients backward(Step f, INDArray dContext, INDArray W, INDArray U, INDArray v) {
        INDArray h = f.h(), alpha = f.alpha(), z = f.z();
        long mb = h.size(0), t = h.size(1), dH = h.size(2), a = U.size(1);
        INDArray dh = Nd4j.create(h.dataType(), mb, t, dH);
        INDArray dAlpha = Nd4j.create(h.dataType(), mb, t);
        for (long b = 0; b < mb; b++) {
            INDArray dc = dContext.getRow(b).reshape(1, dH);
            dAlpha.putRow(b, dc.mmul(h.slice(b).transpose()).reshape(t));
            dh.slice(b).assign(alpha.getRow(b).reshape(t, 1).mmul(dc));
        }
        // softmax: de_j = alpha_j (dalpha_j - sum_k alpha_k dalpha_k); masked positions have alpha = 0, so de = 0 there
        INDArray de = alpha.mul(dAlpha.subColumnVector(alpha.mul(dAlpha).sum(1).reshape(mb, 1)));
        INDArray z2 = z.reshape('c', mb * t, a);
        INDArray dv = z2.transpose().mmul(de.reshape('c', mb * t, 1));
        INDArray dPre = de.reshape('c', mb * t, 1).mmul(v.transpose()).muli(z2.mul(z2).rsubi(1.0));
        INDArray dWs = dPre.reshape('c', mb, t, a).sum(1);
        INDArray dW = f.s().transpose().mmul(dWs);
        INDArray ds = dWs.mmul(W.transpose());
        INDArray h2 = h.reshape('c', mb * t, dH);
        INDArray dU = h2.transpose().mmul(dPre);
        dh.addi(dPre.mmul(U.transpose()).reshape('c', mb, t, dH));
        return new Gradients(ds, dh, dW, dU, dv);
    }
}
