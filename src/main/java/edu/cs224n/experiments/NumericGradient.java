package edu.cs224n.experiments;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.ToDoubleFunction;

/** Central differences in double precision, and the relative error used to compare them with a derivation. */
public final class NumericGradient {
    static final double EPS = 1e-6;

    private NumericGradient() {}

    /** dJ/dx by central differences, perturbing {@code x} in place (restored afterwards); J reads x when called. */
    public static INDArray of(ToDoubleFunction<INDArray> j, INDArray x) {
        if (x.dataType() != DataType.DOUBLE) throw new IllegalArgumentException("numeric gradients need double precision, got " + x.dataType());
        INDArray grad = x.ulike();
        INDArray flat = x.reshape(x.length());
        INDArray gFlat = grad.reshape(grad.length());
        for (long i = 0; i < x.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + EPS);
            double plus = j.applyAsDouble(x);
            flat.putScalar(i, v - EPS);
            double minus = j.applyAsDouble(x);
            flat.putScalar(i, v);
            gFlat.putScalar(i, (plus - minus) / (2 * EPS));
        }
        return grad;
    }

    /**
     * max_i |a_i - n_i| / (|a_i| + |n_i|) over the entries that differ by more than 1e-9 (below that the difference is
     * the finite-difference noise of an entry near zero): about 1e-9 for a right derivation, 0.1 to 1 for a wrong one.
     */
    public static double relativeError(INDArray analytic, INDArray numeric) {
        if (!java.util.Arrays.equals(analytic.shape(), numeric.shape()) && analytic.length() != numeric.length()) {
            return Double.POSITIVE_INFINITY;
        }
        INDArray a = analytic.reshape(analytic.length()), n = numeric.reshape(numeric.length());
        double worst = 0;
        for (long i = 0; i < a.length(); i++) {
            double x = a.getDouble(i), y = n.getDouble(i);
            double diff = Math.abs(x - y);
            if (diff > 1e-9) worst = Math.max(worst, diff / (Math.abs(x) + Math.abs(y)));
        }
        return worst;
    }
}
