package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
