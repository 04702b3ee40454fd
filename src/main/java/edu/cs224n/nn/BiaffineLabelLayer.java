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

    /** Heads whose A rows {@link #bestLabels} makes at a time (256 x 50 labels x 80 floats: 4 MB). */
    static final int LABEL_HEADS_AT_ONCE = 256;

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
     * Parsing: each row's best label given its head, among the first {@code labels} outputs. {@code rows} [N, nIn] holds
     * one position a row (c-ordered); {@code headRow[n]} is the row of n's head, or -1 for a row that gets no label (ROOT,
     * padding; its answer is -1). Only the rows that are someone's head go through U ([heads, labels * dim], in blocks of
     * heads): in a tree about half the words head none, so this halves the scorer's largest product; the per-label dot
     * products with the dependents run here, without a [N, labels, dim] array. Computed in float whatever the network's
     * type.
     */
    public static int[] bestLabels(INDArray rows, int[] headRow, BiaffineLabel c, INDArray u, INDArray w, INDArray b, int labels) {
        return bestLabels(rows, headRow, c, u, w, b, labels, LABEL_HEADS_AT_ONCE);
    }

    /** {@link #bestLabels} with A made for {@code headsAtOnce} heads at a time. */
    static int[] bestLabels(INDArray rows, int[] headRow, BiaffineLabel c, INDArray u, INDArray w, INDArray b, int labels, int headsAtOnce) {
        int dim = (int) c.getDim(), outputs = (int) c.getNOut(), n = headRow.length, off = (int) c.getOffset();
        if (labels < 1 || labels > outputs) throw new IllegalArgumentException("labels: expected 1.." + outputs + ", got " + labels);
        int[] compact = new int[n];
        java.util.Arrays.fill(compact, -1);
        int[] heads = new int[n];
        int[] dependents = new int[n];
        int m = 0, k = 0;
        for (int i = 0; i < n; i++) {
            int h = headRow[i];
            if (h < 0) continue;
            if (compact[h] < 0) { compact[h] = m; heads[m++] = h; }
            dependents[k++] = i;
        }
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        if (k == 0) return out;
        INDArray x = rows.castTo(DataType.FLOAT), uf = u.castTo(DataType.FLOAT), wf = w.castTo(DataType.FLOAT);
        INDArray headBlock = Nd4j.pullRows(x, 1, java.util.Arrays.copyOf(heads, m)).get(NDArrayIndex.all(), NDArrayIndex.interval(off, off + dim)).dup('c');
        INDArray depBlock = Nd4j.pullRows(x, 1, java.util.Arrays.copyOf(dependents, k)).get(NDArrayIndex.all(), NDArrayIndex.interval(off + dim, off + 2 * dim)).dup('c');
        float[] headLinear = Gemm.hostFloats(Nd4j.gemm(headBlock, wf.get(NDArrayIndex.interval(0, dim), NDArrayIndex.all()), false, false));     // [m, outputs]
        float[] depLinear = Gemm.hostFloats(Nd4j.gemm(depBlock, wf.get(NDArrayIndex.interval(dim, 2 * dim), NDArrayIndex.all()), false, false)); // [k, outputs]
        float[] q = Gemm.hostFloats(depBlock);
        float[] bias = Gemm.hostFloats(b);
        // Dependents grouped by head, so that A = r_head U ([heads, outputs * dim], tens of MB for a whole batch) is made
        // for a block of heads at a time into one reused array.
        int[] start = new int[m + 1], byHead = new int[k];
        for (int j = 0; j < k; j++) start[compact[headRow[dependents[j]]] + 1]++;
        for (int i = 0; i < m; i++) start[i + 1] += start[i];
        int[] next = java.util.Arrays.copyOf(start, m);
        for (int j = 0; j < k; j++) byHead[next[compact[headRow[dependents[j]]]]++] = j;
        int block = Math.min(m, headsAtOnce);
        INDArray aBlock = Nd4j.createUninitialized(DataType.FLOAT, block, (long) outputs * dim);
        float[] a = new float[block * outputs * dim];
        for (int from = 0; from < m; from += block) {
            int to = Math.min(m, from + block);
            INDArray part = aBlock.get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
            Gemm.gemm(headBlock.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), uf, part, false, false, 1.0, 0.0);
            Gemm.floatBuffer(part).get(a, 0, (to - from) * outputs * dim);
            for (int hi = from; hi < to; hi++) {
                for (int at = start[hi]; at < start[hi + 1]; at++) {
                    int j = byHead[at];
                    int best = -1;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (int l = 0; l < labels; l++) {
                        int ao = ((hi - from) * outputs + l) * dim, qo = j * dim;
                        float s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four sums: independent additions the CPU can overlap
                        int e = 0;
                        for (; e + 3 < dim; e += 4) {
                            s0 += a[ao + e] * q[qo + e];
                            s1 += a[ao + e + 1] * q[qo + e + 1];
                            s2 += a[ao + e + 2] * q[qo + e + 2];
                            s3 += a[ao + e + 3] * q[qo + e + 3];
                        }
                        for (; e < dim; e++) s0 += a[ao + e] * q[qo + e];
                        double score = (s0 + s1) + (s2 + s3) + headLinear[hi * outputs + l] + depLinear[j * outputs + l] + bias[l];
                        if (score > bestScore) { bestScore = score; best = l; }
                    }
                    out[dependents[j]] = best;
                }
            }
        }
        return out;
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
