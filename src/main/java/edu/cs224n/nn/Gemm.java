package edu.cs224n.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * c = alpha op(a) op(b) + beta c straight through OpenBLAS's cblas_sgemm/dgemm on the arrays' host memory. ND4J's
 * {@code Nd4j.gemm} builds a custom-op context per call, which costs more than the product itself for the small
 * per-time-step matrices of a recurrent layer. Any 2-D array with a unit stride along one dimension (row- or
 * column-major, views included) is used in place; anything else falls back to Nd4j.gemm.
 */
public final class Gemm {
    private Gemm() {}

    /** A matrix as column-major storage of itself ({@code transposed = false}) or of its transpose, with its leading dimension. */
    private record Layout(boolean transposed, long ld) {
        static Layout of(INDArray x) {
            long r = x.size(0), c = x.size(1), s0 = x.stride(0), s1 = x.stride(1);
            if ((s0 == 1 || r == 1) && (c == 1 || s1 >= Math.max(1, r))) return new Layout(false, c == 1 ? Math.max(1, r) : s1);
            if ((s1 == 1 || c == 1) && (r == 1 || s0 >= Math.max(1, c))) return new Layout(true, r == 1 ? Math.max(1, c) : s0);
            return null;
        }
    }

    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        DataType dt = c.dataType();
        Layout la = a.rank() == 2 ? Layout.of(a) : null, lb = b.rank() == 2 ? Layout.of(b) : null, lc = c.rank() == 2 ? Layout.of(c) : null;
        if (la == null || lb == null || lc == null || a.dataType() != dt || b.dataType() != dt || (dt != DataType.FLOAT && dt != DataType.DOUBLE)
                || a.isEmpty() || b.isEmpty() || c.isEmpty()) {
            return Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
        long m = c.size(0), n = c.size(1), k = transA ? a.size(0) : a.size(1);
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(0) : b.size(1)) != n || (transB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm: shapes do not match: a " + java.util.Arrays.toString(a.shape()) + (transA ? "^T" : "")
                    + ", b " + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "") + ", c " + java.util.Arrays.toString(c.shape()));
        }
        // Column-major C: C = op(A) op(B). Row-major C is column-major C^T = op(B)^T op(A)^T.
        INDArray first = lc.transposed ? b : a, second = lc.transposed ? a : b;
        Layout lf = lc.transposed ? lb : la, ls = lc.transposed ? la : lb;
        boolean tf = (lc.transposed ? !transB : transA) ^ lf.transposed;
        boolean ts = (lc.transposed ? !transA : transB) ^ ls.transposed;
        long rows = lc.transposed ? n : m, cols = lc.transposed ? m : n;
        int order = openblas_nolapack.CblasColMajor;
        int opF = tf ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opS = ts ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (dt == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(order, opF, opS, (int) rows, (int) cols, (int) k, (float) alpha,
                    floats(first), (int) lf.ld, floats(second), (int) ls.ld, (float) beta, floats(c), (int) lc.ld);
        } else {
            openblas_nolapack.cblas_dgemm(order, opF, opS, (int) rows, (int) cols, (int) k, alpha,
                    doubles(first), (int) lf.ld, doubles(second), (int) ls.ld, beta, doubles(c), (int) lc.ld);
        }
        return c;
    }

    /**
     * The elements of a float array that is contiguous in memory (views included), as a direct buffer whose element i
     * is element i of the array's memory. {@code data().asNioFloat()} is not that: where it starts differs between
     * buffers (arrays made in a workspace), while the address pointer below does not.
     */
    public static FloatBuffer floatBuffer(INDArray x) {
        if (x.dataType() != DataType.FLOAT || x.elementWiseStride() != 1) throw new IllegalArgumentException("expected a contiguous float array, got " + x.shapeInfoToString());
        FloatPointer p = floats(x);
        return p.limit(p.position() + x.length()).asBuffer();
    }

    /** The elements of an array in c order as a new Java array: one copy when it already is a contiguous c-ordered float array. */
    public static float[] hostFloats(INDArray x) {
        INDArray c = x.dataType() == DataType.FLOAT && x.ordering() == 'c' && x.elementWiseStride() == 1 ? x : x.castTo(DataType.FLOAT).dup('c');
        float[] v = new float[(int) c.length()];
        floatBuffer(c).get(v);
        return v;
    }

    // A view's buffer already starts at the view's offset (its addressPointer includes data().offset()).
    /** Where a float array's first element lives: two arrays with the same address and length are the same memory. */
    static long address(INDArray x) {
        FloatPointer p = floats(x);
        return p.address() + p.position() * Float.BYTES;
    }

    private static FloatPointer floats(INDArray x) {
        return new FloatPointer(x.data().addressPointer()).position(x.offset() - x.data().offset());
    }

    private static DoublePointer doubles(INDArray x) {
        return new DoublePointer(x.data().addressPointer()).position(x.offset() - x.data().offset());
    }
}
