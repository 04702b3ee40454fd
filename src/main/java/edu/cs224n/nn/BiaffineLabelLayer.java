package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The computation of {@link BiaffineLabel}. With N = mb * T rows: r_head = the head's r row for each position (a
 * one-hot [T, T] selection per sentence, so gathering and its backward scatter are batched matmuls), A = r_head U
 * ([N, labels * dim], A[n, l, :] = r_head(n)^T U_l), bilinear score = sum_q A[n, l, q] q[n, q], plus [r_head; q] W + b.
 * Backward with G = dL/dS: dA = G (x) q, dU = r_head^T dA, dr_head = dA U^T + (G W^T)[:dim], dq = sum_l G A + (G W^T)[dim:],
 * dr = P^T dr_head. Products are recomputed in backprop from the kept input.
 */
public class BiaffineLabelLayer extends BaseLayer<BiaffineLabel> {

    public BiaffineLabelLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    /** What the forward pass computes and the backward pass reuses. */
    private record Forward(long mb, long t, INDArray select, INDArray headRows, INDArray depRows, INDArray a, INDArray scores) {}

    private static Forward forward(INDArray input, BiaffineLabel c, INDArray u, INDArray w, INDArray b) {
        long dim = c.getDim(), labels = c.getNOut();
        INDArray x = Biaffine.rows(input, u.dataType());
        long mb = x.size(0), t = x.size(1), n = mb * t;
        INDArray select = select(Biaffine.heads(x), mb, t, u.dataType());
        INDArray r = Biaffine.block(x, c.getOffset(), dim);
        INDArray headRows = Nd4j.matmul(select, r).reshape('c', n, dim);
        INDArray depRows = Biaffine.block(x, c.getOffset() + dim, dim).reshape('c', n, dim);
        INDArray a = Nd4j.gemm(headRows, u, false, false).reshape('c', n, labels, dim);
        INDArray prod = Nd4j.createUninitialized(u.dataType(), n, labels, dim);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(a, depRows, prod, 0, 2));
        INDArray scores = prod.sum(2);
        scores.addi(Nd4j.concat(1, headRows, depRows).mmul(w)).addiRowVector(b);
        return new Forward(mb, t, select, headRows, depRows, a, scores);
    }

    /**
     * The label scores [mb, labels, T] of input [mb, nIn, T] (its last channel holding each position's head), one label at
     * a time ([N, dim] x [dim, dim] per label), so no [N, labels * dim] array is made: for parsing large batches.
     */
    public static INDArray scores(INDArray input, BiaffineLabel c, INDArray u, INDArray w, INDArray b) {
        long dim = c.getDim(), labels = c.getNOut();
        INDArray x = Biaffine.rows(input, u.dataType());
        long mb = x.size(0), t = x.size(1), n = mb * t;
        INDArray headRows = Nd4j.matmul(select(Biaffine.heads(x), mb, t, u.dataType()), Biaffine.block(x, c.getOffset(), dim)).reshape('c', n, dim);
        INDArray depRows = Biaffine.block(x, c.getOffset() + dim, dim).reshape('c', n, dim);
        INDArray scores = Nd4j.concat(1, headRows, depRows).mmul(w).addiRowVector(b); // [N, labels]
        INDArray product = Nd4j.create(u.dataType(), n, dim);
        for (long l = 0; l < labels; l++) {
            INDArray ul = u.get(NDArrayIndex.all(), NDArrayIndex.interval(l * dim, (l + 1) * dim));
            Nd4j.gemm(headRows, ul, product, false, false, 1.0, 0.0);
            scores.getColumn(l).addi(product.muli(depRows).sum(1));
        }
        return scores.reshape('c', mb, t, labels).permute(0, 2, 1).dup('c');
    }

    /** Per sentence the [T, T] one-hot selection P[j, head(j)] = 1 (a padded position reads row 0; its loss is masked). */
    private static INDArray select(int[][] heads, long mb, long t, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray select = Nd4j.zeros(type, mb, t, t);
        for (int s = 0; s < mb; s++) {
            for (int j = 0; j < t; j++) {
                int k = heads[s][j];
                select.putScalar(s, j, k >= 0 && k < t ? k : 0, 1.0);
            }
        }
        return select;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        BiaffineLabel c = layerConf();
        if (input.rank() != 3 || input.size(1) != c.getNIn()) {
            throw new IllegalArgumentException(layerId() + ": expected input [minibatch, " + c.getNIn() + ", T], got " + java.util.Arrays.toString(input.shape()));
        }
        Forward f = forward(input, c, getParam(BiaffineParams.BILINEAR), getParam(BiaffineParams.LINEAR), getParam(BiaffineParams.BIAS));
        return mgr.dup(ArrayType.ACTIVATIONS, f.scores.reshape('c', f.mb, f.t, c.getNOut()).permute(0, 2, 1).dup('c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        BiaffineLabel c = layerConf();
        INDArray u = getParam(BiaffineParams.BILINEAR), w = getParam(BiaffineParams.LINEAR);
        Forward f = forward(input, c, u, w, getParam(BiaffineParams.BIAS));
        long dim = c.getDim(), labels = c.getNOut(), n = f.mb * f.t;
        INDArray g = epsilon.castTo(u.dataType()).permute(0, 2, 1).dup('c').reshape('c', n, labels);

        Gradient ret = new DefaultGradient();
        INDArray db = gradientViews.get(BiaffineParams.BIAS);
        db.assign(g.sum(0).reshape(1, labels));
        INDArray dW = gradientViews.get(BiaffineParams.LINEAR);
        Nd4j.gemm(Nd4j.concat(1, f.headRows, f.depRows), g, dW, true, false, 1.0, 0.0);
        INDArray dLinear = Nd4j.gemm(g, w, false, true); // [N, 2 dim]

        INDArray dA = Nd4j.zeros(u.dataType(), n, labels, dim);
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp(dA, g, dA, 0, 1));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(dA, f.depRows, dA, 0, 2));
        INDArray dAFlat = dA.reshape('c', n, labels * dim);
        INDArray dU = gradientViews.get(BiaffineParams.BILINEAR);
        Nd4j.gemm(f.headRows, dAFlat, dU, true, false, 1.0, 0.0);
        INDArray dHeadRows = Nd4j.gemm(dAFlat, u, false, true).addi(dLinear.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, dim)));
        INDArray ga = Nd4j.createUninitialized(u.dataType(), n, labels, dim);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(f.a, g, ga, 0, 1));
        INDArray dDepRows = ga.sum(1).addi(dLinear.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(dim, 2 * dim)));
        ret.gradientForVariable().put(BiaffineParams.BILINEAR, dU);
        ret.gradientForVariable().put(BiaffineParams.LINEAR, dW);
        ret.gradientForVariable().put(BiaffineParams.BIAS, db);
        INDArray dR = Nd4j.matmul(f.select, dHeadRows.reshape('c', f.mb, f.t, dim), true, false, false);
        INDArray eps = Biaffine.gradient(f.mb, f.t, c.getNIn(), u.dataType(), new long[] {c.getOffset(), c.getOffset() + dim},
                dR, dDepRows.reshape('c', f.mb, f.t, dim));
        return new Pair<>(ret, mgr.dup(ArrayType.ACTIVATION_GRAD, eps.castTo(epsilon.dataType())));
    }
}
