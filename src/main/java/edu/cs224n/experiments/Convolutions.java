package edu.cs224n.experiments;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The deep-learning midterm, question 2(c): the full, valid and same convolutions of [1, 2, 3, 4] with the kernel [1, 0, 2], computed
 * with ND4J's conv1d op. ND4J (like every deep-learning library) computes cross-correlation, so a true convolution
 * flips the kernel first; the answers worked by hand are y(n) = sum_m x(m) k(n - m):
 * full [1, 2, 5, 8, 6, 8], valid [5, 8], same (the centre 4 of full) [2, 5, 8, 6].
 */
public final class Convolutions implements Experiment {
    static final double[] INPUT = {1, 2, 3, 4};
    static final double[] KERNEL = {1, 0, 2};

    @Override public String name() { return "convolutions"; }

    @Override public String title() { return "Full, valid and same 1-D convolution with kernel flipping"; }

    @Override public String source() { return "the deep-learning practice midterm question 2(c)"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        double[] flipped = reversed(KERNEL);
        compare(r, "full", new double[] {1, 2, 5, 8, 6, 8}, conv1d(INPUT, flipped, PaddingMode.VALID, KERNEL.length - 1));
        compare(r, "valid", new double[] {5, 8}, conv1d(INPUT, flipped, PaddingMode.VALID, 0));
        compare(r, "same", new double[] {2, 5, 8, 6}, conv1d(INPUT, flipped, PaddingMode.SAME, 0));
        double[] correlation = conv1d(INPUT, KERNEL, PaddingMode.VALID, 0);
        r.check("without the flip the op gives the cross-correlation [1*1+0*2+2*3, 1*2+0*3+2*4] = [7, 10], not the convolution",
                "[7.0, 10.0]", Arrays.toString(correlation), Arrays.equals(correlation, new double[] {7, 10}));
        r.text("The kernel is flipped to [2, 0, 1] before ND4J's `conv1d` (NCW, one channel in and out, stride 1); "
                + "full = valid with k - 1 = 2 zeros of padding on each side.");
    }

    private static void compare(ExperimentReport r, String mode, double[] byHand, double[] computed) {
        r.check(mode + " convolution of [1, 2, 3, 4] with [1, 0, 2] (worked by hand)", Arrays.toString(byHand), Arrays.toString(computed),
                Arrays.equals(byHand, computed));
    }

    /** ND4J conv1d: input [1, 1, W] (NCW), weights [k, 1, 1]. */
    static double[] conv1d(double[] x, double[] kernel, PaddingMode mode, int padding) {
        INDArray input = Nd4j.create(x, new long[] {1, 1, x.length}, DataType.DOUBLE);
        INDArray weights = Nd4j.create(kernel, new long[] {kernel.length, 1, 1}, DataType.DOUBLE);
        Conv1DConfig config = Conv1DConfig.builder().k(kernel.length).s(1).p(padding).paddingMode(mode).dataFormat(Conv1DConfig.NCW).build();
        return Nd4j.cnn().conv1d(input, weights, config).reshape(-1).toDoubleVector();
    }

    private static double[] reversed(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[a.length - 1 - i];
        return out;
    }
}
