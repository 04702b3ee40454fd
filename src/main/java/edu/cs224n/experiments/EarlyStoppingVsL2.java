package edu.cs224n.experiments;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deep-learning midterm, question 5(a)-(b): on a linear least-squares model, gradient descent from w = 0 stopped after t steps of
 * size eta lands close to the L2-penalised (ridge) solution with alpha ~ 1/(eta t): along each eigen-direction of
 * X^T X / n (eigenvalue s) GD keeps 1 - (1 - eta s)^t of the solution and ridge keeps s / (s + alpha), both ~1 for
 * s >> alpha and ~s/alpha for s << alpha. Training longer = a smaller penalty = more capacity.
 */
public final class EarlyStoppingVsL2 implements Experiment {
    static final int N = 100, D = 60, TEST = 2000;

    @Override public String name() { return "early-stopping-vs-l2"; }

    @Override public String title() { return "Early stopping and L2 weight decay on a linear model: t steps ~ alpha = 1/(eta t)"; }

    @Override public String source() { return "the deep-learning practice midterm question 5(a)-(b)"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(5);
        INDArray scale = Nd4j.zeros(DataType.DOUBLE, 1, D);
        for (int j = 0; j < D; j++) scale.putScalar(0, j, Math.pow(0.9, j)); // a decaying spectrum: some directions are learnt late
        INDArray wTrue = Nd4j.randn(DataType.DOUBLE, D, 1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, N, D).muliRowVector(scale), xTest = Nd4j.randn(DataType.DOUBLE, TEST, D).muliRowVector(scale);
        INDArray y = x.mmul(wTrue).addi(Nd4j.randn(DataType.DOUBLE, N, 1).muli(1.0)), yTest = xTest.mmul(wTrue);
        INDArray gram = x.transpose().mmul(x).divi(N), xty = x.transpose().mmul(y).divi(N);
        double eta = 0.5; // below 2 / largest eigenvalue of X^T X / n (about 3 here), so GD is stable

        int[] checkpoints = {3, 10, 30, 100, 300, 1000, 3000};
        List<List<Object>> rows = new ArrayList<>();
        INDArray w = Nd4j.zeros(DataType.DOUBLE, D, 1);
        double[] ratios = new double[checkpoints.length], gaps = new double[checkpoints.length], stopErr = new double[checkpoints.length];
        double[] tAxis = new double[checkpoints.length], ridgeAxis = new double[checkpoints.length];
        int next = 0;
        for (int t = 1; t <= checkpoints[checkpoints.length - 1]; t++) {
            w.subi(gram.mmul(w).subi(xty).muli(eta)); // w <- w - eta grad of 1/(2n) ||Xw - y||^2
            if (t != checkpoints[next]) continue;
            double bestAlpha = Double.NaN, bestGap = Double.MAX_VALUE;
            for (double logA = -6; logA <= 2; logA += 0.02) {
                double alpha = Math.pow(10, logA);
                double gap = ridge(gram, xty, alpha).sub(w).norm2Number().doubleValue() / w.norm2Number().doubleValue();
                if (gap < bestGap) { bestGap = gap; bestAlpha = alpha; }
            }
            ratios[next] = bestAlpha * eta * t;
            gaps[next] = bestGap;
            stopErr[next] = testError(xTest, yTest, w);
            tAxis[next] = t;
            ridgeAxis[next] = testError(xTest, yTest, ridge(gram, xty, 1 / (eta * t)));
            rows.add(List.of(t, 1 / (eta * t), bestAlpha, ratios[next], bestGap, stopErr[next], ridgeAxis[next]));
            next++;
        }
        double minRatio = java.util.Arrays.stream(ratios).min().orElseThrow(), maxRatio = java.util.Arrays.stream(ratios).max().orElseThrow();
        r.check("the ridge penalty closest to GD after t steps is alpha* = c / (eta t) with c within [1/3, 3] for t = 3 .. 3000",
                "c in [0.333, 3]", String.format(Locale.ROOT, "c from %.3f to %.3f", minRatio, maxRatio), minRatio >= 1 / 3.0 && maxRatio <= 3);
        r.atMost("largest ||w_GD(t) - w_ridge(alpha*)|| / ||w_GD(t)|| over those t (the filters differ near s ~ alpha: 1 - 1/e vs 1/2)", 0.2, java.util.Arrays.stream(gaps).max().orElseThrow());
        double bestStop = java.util.Arrays.stream(stopErr).min().orElseThrow(), bestRidge = java.util.Arrays.stream(ridgeAxis).min().orElseThrow();
        r.atMost("best held-out error of early stopping / of ridge at alpha = 1/(eta t) (same checkpoints)", 1.2, bestStop / bestRidge);
        r.atLeast("training to t = 3000 overfits: held-out error at 3000 / best early-stopped", 1.05, stopErr[stopErr.length - 1] / bestStop);
        StringBuilder table = new StringBuilder("| GD steps t | 1/(eta t) | closest alpha* | alpha* eta t | relative distance | held-out MSE, GD at t | held-out MSE, ridge 1/(eta t) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<Object> row : rows) {
            table.append(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.2f | %.3f | %.4f | %.4f |%n", row.toArray()));
        }
        r.text("Least squares, " + N + " training examples, " + D + " features with scales 0.9^j (a spread of eigenvalues), noise sd 1, "
                + "GD step eta = " + eta + " from w = 0; alpha* minimises ||w_ridge(alpha) - w_GD(t)|| over a log grid.\n\n" + table);
        r.table("trajectory", List.of("steps", "one_over_eta_t", "closest_alpha", "alpha_eta_t", "relative_distance", "heldout_mse_gd", "heldout_mse_ridge"), rows);
        XYChart chart = new XYChartBuilder().width(640).height(420).title("Held-out error: early stopping at t vs ridge with alpha = 1/(eta t)")
                .xAxisTitle("GD steps t (ridge: 1/(eta alpha))").yAxisTitle("held-out MSE").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("early stopping", tAxis, stopErr);
        chart.addSeries("ridge", tAxis, ridgeAxis);
        r.chart("heldout", chart);
    }

    static INDArray ridge(INDArray gram, INDArray xty, double alpha) {
        double[][] a = gram.add(Nd4j.eye(gram.rows()).castTo(DataType.DOUBLE).muli(alpha)).toDoubleMatrix();
        return Nd4j.create(Optimisers.solve(a, xty.toDoubleVector()), new long[] {gram.rows(), 1}, 'c');
    }

    static double testError(INDArray x, INDArray y, INDArray w) {
        INDArray d = x.mmul(w).subi(y);
        return d.mul(d).meanNumber().doubleValue();
    }
}
