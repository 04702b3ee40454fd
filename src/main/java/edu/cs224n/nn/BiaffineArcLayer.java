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
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The computation of {@link BiaffineArc}, per sentence b with h, d as [T, dim] row blocks:
 * E = d U^T + 1 u^T (row j is U d_j + u), S = h E^T (S[i, j] = h_i^T U d_j + h_i^T u), padded heads' rows set to
 * {@link BiaffineArc#PADDED}. Backward with G = dL/dS: dh = G E, dE = G^T h, du = sum_j dE_j, dU = dE^T d, dd = dE U.
 * The forward products are recomputed in backprop from the kept input (one gemm) rather than held across DL4J's
 * workspaces.
 */
public class BiaffineArcLayer extends BaseLayer<BiaffineArc> {

    public BiaffineArcLayer(NeuralNetConfiguration conf, DataType dataType) {
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

    /** The scores [mb, T, T] of input [mb, nIn, T] under parameters U [dim, dim], u [dim, 1]. */
    public static INDArray scores(INDArray input, INDArray u, INDArray headBias) {
        long dim = u.size(0);
        INDArray x = Biaffine.rows(input, u.dataType());
        long mb = x.size(0), t = x.size(1);
        INDArray h = Biaffine.block(x, 0, dim), e = dependents(x, u, headBias);
        INDArray s = Nd4j.matmul(h, e, false, true, false);
        mask(s, Biaffine.heads(x));
        return s;
    }

    /**
     * The scores of a parse, from the MLP output as rows [B * T, C] (row b * T + i: position i of sentence b; the arc MLP's
     * head part in columns [0, dim), its dependent part in [dim, 2 dim)): s[(b * T + i) * T + j] = s_b(i, j). The same
     * products as {@link #scores} on the column blocks in place, one per sentence, without the padding mask (a parse
     * reads only its sentence's positions).
     */
    public static float[] scoresOfRows(INDArray rows, int b, int t, INDArray u, INDArray headBias) {
        long dim = u.size(0);
        INDArray x = rows.castTo(DataType.FLOAT);
        INDArray d = x.get(NDArrayIndex.all(), NDArrayIndex.interval(dim, 2 * dim));
        INDArray e = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), dim);
        Gemm.gemm(d, u.castTo(DataType.FLOAT), e, false, true, 1.0, 0.0);
        e.addiRowVector(headBias.castTo(DataType.FLOAT).reshape(1, dim));
        INDArray s = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), t);
        // Each block indexed on x itself: in ND4J 1.0.0-M2.1 a row interval not starting at 0 of the column view
        // x.get(all, interval(0, dim)) comes back as an empty rank-0 array.
        for (long first = 0; first < (long) b * t; first += t) {
            Gemm.gemm(x.get(NDArrayIndex.interval(first, first + t), NDArrayIndex.interval(0, dim)), e.get(NDArrayIndex.interval(first, first + t), NDArrayIndex.all()),
                    s.get(NDArrayIndex.interval(first, first + t), NDArrayIndex.all()), false, true, 1.0, 0.0);
        }
        float[] out = new float[(int) s.length()];
        Gemm.floatBuffer(s).get(out);
        return out;
    }

    /** E = d U^T + 1 u^T as [mb, T, dim]. */
    private static INDArray dependents(INDArray x, INDArray u, INDArray headBias) {
        long dim = u.size(0), mb = x.size(0), t = x.size(1);
        INDArray d = Biaffine.block(x, dim, dim).reshape('c', mb * t, dim);
        INDArray e = Nd4j.gemm(d, u, false, true);
        e.addiRowVector(headBias.reshape(1, dim));
        return e.reshape('c', mb, t, dim);
    }

    /** Sets row i of sentence b to PADDED where heads[b][i] < 0 (a padded position cannot be a head). */
    private static void mask(INDArray s, int[][] heads) {
        long mb = s.size(0), t = s.size(1);
        INDArray pad = Nd4j.zeros(s.dataType(), mb, t);
        boolean any = false;
        for (int b = 0; b < mb; b++) {
            for (int i = 0; i < t; i++) {
                if (heads[b][i] < 0) {
                    pad.putScalar(b, i, BiaffineArc.PADDED);
                    any = true;
                }
            }
        }
        if (any) Nd4j.getExecutioner().exec(new BroadcastAddOp(s, pad, s, 0, 1));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        checkInput();
        INDArray s = scores(input, getParam(BiaffineParams.BILINEAR), getParam(BiaffineParams.HEAD_BIAS));
        return mgr.dup(ArrayType.ACTIVATIONS, s);
    }

    private void checkInput() {
        BiaffineArc c = layerConf();
        if (input.rank() != 3 || input.size(1) != c.getNIn()) {
            throw new IllegalArgumentException(layerId() + ": expected input [minibatch, " + c.getNIn() + ", T], got " + java.util.Arrays.toString(input.shape()));
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray u = getParam(BiaffineParams.BILINEAR), headBias = getParam(BiaffineParams.HEAD_BIAS);
        long dim = u.size(0);
        INDArray x = Biaffine.rows(input, u.dataType());
        long mb = x.size(0), t = x.size(1);
        INDArray h = Biaffine.block(x, 0, dim), e = dependents(x, u, headBias);
        INDArray g = epsilon.castTo(u.dataType());
        INDArray dh = Nd4j.matmul(g, e);                      // [mb, T_i, dim]
        INDArray dE = Nd4j.matmul(g, h, true, false, false).reshape('c', mb * t, dim); // [mb * T_j, dim]
        INDArray d = Biaffine.block(x, dim, dim).reshape('c', mb * t, dim);

        Gradient ret = new DefaultGradient();
        INDArray dU = gradientViews.get(BiaffineParams.BILINEAR);
        Nd4j.gemm(dE, d, dU, true, false, 1.0, 0.0);
        ret.gradientForVariable().put(BiaffineParams.BILINEAR, dU);
        INDArray du = gradientViews.get(BiaffineParams.HEAD_BIAS);
        du.assign(dE.sum(0).reshape(dim, 1));
        ret.gradientForVariable().put(BiaffineParams.HEAD_BIAS, du);
        INDArray dd = Nd4j.gemm(dE, u, false, false).reshape('c', mb, t, dim);
        INDArray eps = Biaffine.gradient(mb, t, layerConf().getNIn(), u.dataType(), new long[] {0, dim}, dh, dd);
        return new Pair<>(ret, mgr.dup(ArrayType.ACTIVATION_GRAD, eps.castTo(epsilon.dataType())));
    }
}
