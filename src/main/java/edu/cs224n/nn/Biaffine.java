package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The array plumbing both biaffine layers share. Their input arrives [mb, C, T] (DL4J's NCW); they compute on it as
 * [mb, T, C] ("rows": one row per position), so a channel block is a column slice and a flattened [mb * T, d] block
 * is one gemm operand.
 */
final class Biaffine {
    private Biaffine() {}

    /** [mb, C, T] -> [mb, T, C], c-ordered. */
    static INDArray rows(INDArray ncw, DataType type) {
        return ncw.castTo(type).permute(0, 2, 1).dup('c');
    }

    /** Columns [from, from + d) of rows [mb, T, C], as a c-ordered [mb, T, d]. */
    static INDArray block(INDArray rows, long from, long d) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + d)).dup('c');
    }

    /** The last channel (heads) as ints [mb][T]. */
    static int[][] heads(INDArray rows) {
        int mb = (int) rows.size(0), t = (int) rows.size(1);
        double[] v = rows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(rows.size(2) - 1)).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[][] h = new int[mb][t];
        for (int b = 0; b < mb; b++) for (int j = 0; j < t; j++) h[b][j] = (int) Math.round(v[b * t + j]);
        return h;
    }

    /** A gradient [mb, T, C] with the given blocks ([mb, T, d] each, at their first columns) and zeros elsewhere, as [mb, C, T]. */
    static INDArray gradient(long mb, long t, long c, DataType type, long[] from, INDArray... blocks) {
        INDArray g = Nd4j.zeros(type, mb, t, c);
        for (int i = 0; i < blocks.length; i++) {
            g.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from[i], from[i] + blocks[i].size(2))).assign(blocks[i]);
        }
        return g.permute(0, 2, 1).dup('c');
    }
}
