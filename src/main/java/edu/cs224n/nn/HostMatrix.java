package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Element access to a 2-D array's host memory (views included) from plain Java loops. An element-wise step of a
 * recurrent cell written as one loop costs less than the several ND4J ops it replaces, each of which carries a
 * fixed dispatch cost that dominates at the sizes of one time step.
 */
final class HostMatrix {
    private final FloatBuffer f;
    private final DoubleBuffer d;
    private final int base, s0, s1;
    final int rows, cols;

    private HostMatrix(INDArray x) {
        if (x.rank() != 2) throw new IllegalArgumentException("expected a matrix, got rank " + x.rank());
        if (x.dataType() == DataType.FLOAT) {
            f = x.data().asNioFloat();
            d = null;
        } else if (x.dataType() == DataType.DOUBLE) {
            d = x.data().asNioDouble();
            f = null;
        } else {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + x.dataType());
        }
        base = (int) x.offset(); // asNio* exposes the whole underlying buffer, from its start
        s0 = (int) x.stride(0);
        s1 = (int) x.stride(1);
        rows = (int) x.size(0);
        cols = (int) x.size(1);
    }

    static HostMatrix of(INDArray x) {
        return new HostMatrix(x);
    }

    double get(int r, int c) {
        int i = base + r * s0 + c * s1;
        return f != null ? f.get(i) : d.get(i);
    }

    void set(int r, int c, double v) {
        int i = base + r * s0 + c * s1;
        if (f != null) f.put(i, (float) v); else d.put(i, v);
    }

    void add(int r, int c, double v) {
        int i = base + r * s0 + c * s1;
        if (f != null) f.put(i, f.get(i) + (float) v); else d.put(i, d.get(i) + v);
    }

    /** Whether the elements are floats (the float cell path reads and writes them in bulk). */
    boolean isFloat() {
        return f != null;
    }

    /** Columns [c0, c0 + n) into dst from off, column after column ({@code rows} values each); floats only. */
    void readColumns(int c0, int n, float[] dst, int off) {
        for (int c = 0; c < n; c++) {
            int from = base + (c0 + c) * s1, to = off + c * rows;
            if (s0 == 1) f.get(from, dst, to, rows);
            else for (int r = 0; r < rows; r++) dst[to + r] = f.get(from + r * s0);
        }
    }

    /** The inverse of {@link #readColumns}: columns [c0, c0 + n) from src. */
    void writeColumns(int c0, int n, float[] src, int off) {
        for (int c = 0; c < n; c++) {
            int to = base + (c0 + c) * s1, from = off + c * rows;
            if (s0 == 1) f.put(to, src, from, rows);
            else for (int r = 0; r < rows; r++) f.put(to + r * s0, src[from + r]);
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * tanh through the intrinsic Math.exp: Java 17's Math.tanh is a native fdlibm call, several times slower, and a
     * recurrent cell takes one per unit per step. Absolute error about 1e-16; exp's overflow gives exactly +-1.
     */
    static double tanh(double x) {
        return 1 - 2 / (Math.exp(2 * x) + 1);
    }

    /** A new row-major [rows, cols] array of type dt holding v, in one bulk copy (Nd4j.create(double[]) stores element by element). */
    static INDArray rowMajor(double[] v, long rows, long cols, DataType dt) {
        if (v.length != rows * cols) throw new IllegalArgumentException("expected " + rows * cols + " values, got " + v.length);
        INDArray out = Nd4j.createUninitialized(dt, new long[] {rows, cols}, 'c');
        if (dt == DataType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
            out.data().asNioFloat().put(f);
        } else if (dt == DataType.DOUBLE) {
            out.data().asNioDouble().put(v);
        } else {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + dt);
        }
        return out;
    }

    /** The elements of a dense row-major matrix as doubles, in one bulk read (DataBuffer.asDouble reads element by element). */
    static double[] rowMajorValues(INDArray x) {
        boolean dense = x.rank() == 2 && (x.size(0) == 1 || x.stride(0) == x.size(1)) && (x.size(1) == 1 || x.stride(1) == 1);
        if (!dense) throw new IllegalArgumentException("expected a dense row-major array, got " + x.shapeInfoToString());
        int n = (int) x.length();
        double[] out = new double[n];
        if (x.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            x.data().asNioFloat().position((int) x.offset()).get(f);
            for (int i = 0; i < n; i++) out[i] = f[i];
        } else if (x.dataType() == DataType.DOUBLE) {
            x.data().asNioDouble().position((int) x.offset()).get(out);
        } else {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + x.dataType());
        }
        return out;
    }
}
