package edu.cs224n.experiments;

import edu.cs224n.train.Updaters;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deep-learning midterm, question 4 on logistic regression (full batch, ill-conditioned features): SGD, Adagrad, RMSprop and Adam
 * (DL4J updaters, each at the best learning rate of a grid), conjugate gradient and L-BFGS (textbook versions here,
 * and DL4J's own, reported as measured) and Newton's method (w -= H^-1 g with H = X^T S X / n). Loss gap to the optimum against
 * steps and against seconds.
 */
public final class Optimisers implements Experiment {
    static final int N = 2000, D = 10, STEPS = 100;
    static final double[] GRID = {0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};

    record Trace(double[] loss, double[] seconds, double lr) {}

    @Override public String name() { return "optimisers"; }

    @Override public String title() { return "Optimisers on logistic regression: first-order, conjugate gradient, L-BFGS and Newton"; }

    @Override public String source() { return "the deep-learning practice midterm question 4"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(4);
        double[] sc = new double[D];
        for (int i = 0; i < D; i++) sc[i] = Math.pow(10, -1 + 2.0 * i / (D - 1));
        INDArray scales = Nd4j.create(sc, new long[] {1, D}, 'c');
        INDArray x = Nd4j.randn(DataType.DOUBLE, N, D).muliRowVector(scales); // feature scales 0.1 .. 10: condition number ~ 10^4
        INDArray wTrue = Nd4j.randn(DataType.DOUBLE, D, 1).divi(scales.transpose());
        INDArray p = Transforms.sigmoid(x.mmul(wTrue), true);
        INDArray y = Nd4j.rand(DataType.DOUBLE, N, 1).lt(p).castTo(DataType.DOUBLE);

        Map<String, Trace> traces = new LinkedHashMap<>();
        traces.put("newton", newton(x, y));
        double optimum = traces.get("newton").loss()[STEPS];
        for (String name : Updaters.NAMES) {
            Trace best = null;
            for (double lr : GRID) {
                Trace t = dl4j(x, y, OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT, Updaters.updater(name, lr), lr);
                if (best == null || area(t, optimum) < area(best, optimum)) best = t;
            }
            traces.put(name, best);
        }
        traces.put("conjugate-gradient", lineSearch(x, y, false));
        traces.put("lbfgs", lineSearch(x, y, true));
        traces.put("dl4j-conjugate-gradient", dl4j(x, y, OptimizationAlgorithm.CONJUGATE_GRADIENT, new Sgd(1.0), Double.NaN));
        traces.put("dl4j-lbfgs", dl4j(x, y, OptimizationAlgorithm.LBFGS, new Sgd(1.0), Double.NaN));

        Map<String, Integer> toTolerance = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| optimiser | learning rate | loss gap after 10 / 100 steps | steps to gap < 1e-4 | seconds for 100 steps |\n|---|---:|---:|---:|---:|\n");
        for (var e : traces.entrySet()) {
            Trace t = e.getValue();
            int steps = firstBelow(t, optimum, 1e-4);
            toTolerance.put(e.getKey(), steps);
            table.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.2e / %.2e | %s | %.3f |%n", e.getKey(),
                    e.getKey().equals("newton") ? "full step" : Double.isNaN(t.lr()) ? "line search" : ExperimentReport.fmt(t.lr()), t.loss()[10] - optimum, t.loss()[STEPS] - optimum,
                    steps > STEPS ? "> " + STEPS : String.valueOf(steps), t.seconds()[STEPS]));
            for (int s = 0; s <= STEPS; s++) rows.add(List.of(e.getKey(), s, t.seconds()[s], t.loss()[s], t.loss()[s] - optimum));
        }
        r.text("`conjugate-gradient` (Polak-Ribiere+) and `lbfgs` (memory 10, two-loop recursion) "
                + "are textbook implementations here (L-BFGS tries the unit step and backtracks to the Armijo condition; conjugate gradient minimises along each direction with 1-D Newton steps). DL4J 1.0.0-M2.1's own `LBFGS` "
                + "(`dl4j-lbfgs`) computes rho and the initial Hessian scale from dot(params, gradient) instead of dot(s, y) "
                + "and never updates its stored old parameters, so from zero weights its search direction is a vanishing multiple of the "
                + "gradient and it does not move; its `ConjugateGradient` (`dl4j-conjugate-gradient`) is shown as measured.");
        r.text("Logistic regression, " + N + " examples, " + D + " features scaled 0.1 to 10, full batch; first-order "
                + "methods at the best learning rate of " + java.util.Arrays.toString(GRID) + " (smallest summed loss gap); the optimum is Newton's loss "
                + "after " + STEPS + " steps.\n\n" + table);
        r.table("logistic", List.of("optimiser", "step", "seconds", "loss", "gap"), rows);
        r.atMost("Newton's method: steps to a loss gap below 1e-4", 10, toTolerance.get("newton"));
        r.atMost("L-BFGS needs fewer steps than the best first-order method",
                toTolerance.entrySet().stream().filter(e -> Updaters.NAMES.contains(e.getKey())).mapToInt(Map.Entry::getValue).min().orElseThrow() - 1,
                toTolerance.get("lbfgs"));
        r.atMost("conjugate gradient's loss gap after " + STEPS + " steps / SGD's", 0.01,
                (traces.get("conjugate-gradient").loss()[STEPS] - optimum) / (traces.get("sgd").loss()[STEPS] - optimum));
        r.atMost("Newton needs fewer steps than L-BFGS", toTolerance.get("lbfgs") - 1, toTolerance.get("newton"));
        r.chart("logistic-steps", chart(traces, optimum, false));
        r.chart("logistic-seconds", chart(traces, optimum, true));
    }

    private static XYChart chart(Map<String, Trace> traces, double optimum, boolean seconds) {
        XYChart c = new XYChartBuilder().width(720).height(450).title("Logistic regression: loss - optimum")
                .xAxisTitle(seconds ? "seconds" : "step").yAxisTitle("loss gap").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(0);
        for (var e : traces.entrySet()) {
            double[] gap = new double[STEPS + 1];
            for (int s = 0; s <= STEPS; s++) gap[s] = Math.max(e.getValue().loss()[s] - optimum, 1e-12);
            double[] xs = seconds ? e.getValue().seconds() : java.util.stream.IntStream.rangeClosed(0, STEPS).asDoubleStream().toArray();
            c.addSeries(e.getKey(), xs, gap);
        }
        return c;
    }

    private static double area(Trace t, double optimum) {
        double sum = 0;
        for (double l : t.loss()) sum += Double.isFinite(l) ? Math.log(Math.max(l - optimum, 1e-12)) : 1e9;
        return sum;
    }

    private static int firstBelow(Trace t, double optimum, double gap) {
        for (int s = 0; s <= STEPS; s++) if (t.loss()[s] - optimum < gap) return s;
        return STEPS + 1;
    }

    private static Trace dl4j(INDArray x, INDArray y, OptimizationAlgorithm algorithm, org.nd4j.linalg.learning.config.IUpdater updater, double lr) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .optimizationAlgo(algorithm).maxNumLineSearchIterations(30).updater(updater).weightInit(WeightInit.ZERO).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(D).nOut(1).activation(Activation.SIGMOID).build()).build());
        net.init();
        double[] loss = new double[STEPS + 1], seconds = new double[STEPS + 1];
        loss[0] = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        long t0 = System.nanoTime();
        for (int s = 1; s <= STEPS; s++) {
            net.fit(x, y);
            seconds[s] = (System.nanoTime() - t0) / 1e9;
            loss[s] = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        }
        return new Trace(loss, seconds, lr);
    }

    /** Newton's method on the mean logistic loss: g = X^T (p - y) / n, H = X^T diag(p (1 - p)) X / n. */
    private static Trace newton(INDArray x, INDArray y) {
        INDArray xb = Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, N, 1)); // the bias as a constant feature
        INDArray w = Nd4j.zeros(DataType.DOUBLE, D + 1, 1);
        double[] loss = new double[STEPS + 1], seconds = new double[STEPS + 1];
        loss[0] = logLoss(xb, w, y);
        long t0 = System.nanoTime();
        for (int s = 1; s <= STEPS; s++) {
            INDArray p = Transforms.sigmoid(xb.mmul(w), true);
            INDArray g = gradient(xb, w, y);
            INDArray h = xb.transpose().mmul(xb.mulColumnVector(p.mul(p.rsub(1)))).divi(N);
            w.subi(Nd4j.create(solve(h.toDoubleMatrix(), g.toDoubleVector()), new long[] {D + 1, 1}, 'c'));
            seconds[s] = (System.nanoTime() - t0) / 1e9;
            loss[s] = logLoss(xb, w, y);
        }
        return new Trace(loss, seconds, Double.NaN);
    }

    /** Textbook L-BFGS (Nocedal & Wright algorithm 7.4, memory 10) or Polak-Ribiere+ conjugate gradient, Armijo backtracking. */
    private static Trace lineSearch(INDArray x, INDArray y, boolean lbfgs) {
        INDArray xb = Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, N, 1));
        INDArray w = Nd4j.zeros(DataType.DOUBLE, D + 1, 1);
        double[] loss = new double[STEPS + 1], seconds = new double[STEPS + 1];
        loss[0] = logLoss(xb, w, y);
        java.util.ArrayDeque<INDArray[]> memory = new java.util.ArrayDeque<>(); // (s, y) pairs, newest first
        INDArray g = gradient(xb, w, y), direction = g.neg(), previousG = null;
        long t0 = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            if (lbfgs) {
                direction = twoLoop(g, memory).negi();
            } else if (previousG != null) {
                double beta = Math.max(0, g.sub(previousG).mul(g).sumNumber().doubleValue() / previousG.mul(previousG).sumNumber().doubleValue());
                direction = g.neg().addi(direction.mul(beta)); // PR+ restarts itself when beta hits 0
            }
            double slope = g.mul(direction).sumNumber().doubleValue();
            if (slope >= 0) { direction = g.neg(); slope = -g.mul(g).sumNumber().doubleValue(); }
            INDArray next;
            if (lbfgs) { // the unit step first, halved until the Armijo condition holds
                double t = 1, f0 = loss[step - 1];
                next = w.add(direction.mul(t));
                while (logLoss(xb, next, y) > f0 + 1e-4 * t * slope && t > 1e-12) {
                    t *= 0.5;
                    next = w.add(direction.mul(t));
                }
            } else { // conjugate gradient needs a near-exact line search: 1-D Newton along the direction
                INDArray xd = xb.mmul(direction);
                double t = 0;
                for (int k = 0; k < 8; k++) {
                    INDArray p = Transforms.sigmoid(xb.mmul(w).addi(xd.mul(t)), true);
                    double d1 = p.sub(y).muli(xd).sumNumber().doubleValue() / N;
                    double d2 = p.mul(p.rsub(1)).muli(xd).muli(xd).sumNumber().doubleValue() / N;
                    t -= d1 / d2;
                }
                next = w.add(direction.mul(t));
            }
            INDArray nextG = gradient(xb, next, y);
            if (lbfgs) {
                INDArray sv = next.sub(w), yv = nextG.sub(g);
                if (sv.mul(yv).sumNumber().doubleValue() > 1e-12) memory.addFirst(new INDArray[] {sv, yv});
                if (memory.size() > 10) memory.removeLast();
            }
            previousG = g;
            w = next;
            g = nextG;
            seconds[step] = (System.nanoTime() - t0) / 1e9;
            loss[step] = logLoss(xb, w, y);
        }
        return new Trace(loss, seconds, Double.NaN);
    }

    /** H g by the two-loop recursion, H0 = (s.y / y.y) I from the newest pair. */
    private static INDArray twoLoop(INDArray g, java.util.ArrayDeque<INDArray[]> memory) {
        INDArray q = g.dup();
        double[] alpha = new double[memory.size()];
        int i = 0;
        for (INDArray[] sy : memory) {
            alpha[i] = sy[0].mul(q).sumNumber().doubleValue() / sy[1].mul(sy[0]).sumNumber().doubleValue();
            q.subi(sy[1].mul(alpha[i++]));
        }
        if (!memory.isEmpty()) {
            INDArray[] newest = memory.peekFirst();
            q.muli(newest[0].mul(newest[1]).sumNumber().doubleValue() / newest[1].mul(newest[1]).sumNumber().doubleValue());
        }
        var it = memory.descendingIterator();
        i = memory.size() - 1;
        while (it.hasNext()) {
            INDArray[] sy = it.next();
            double beta = sy[1].mul(q).sumNumber().doubleValue() / sy[1].mul(sy[0]).sumNumber().doubleValue();
            q.addi(sy[0].mul(alpha[i--] - beta));
        }
        return q;
    }

    private static INDArray gradient(INDArray xb, INDArray w, INDArray y) {
        return xb.transpose().mmul(Transforms.sigmoid(xb.mmul(w), true).subi(y)).divi(N);
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting (ND4J 1.0.0-M2.1's matrix_inverse op fails here). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
            double[] row = a[c]; a[c] = a[pivot]; a[pivot] = row;
            double t = b[c]; b[c] = b[pivot]; b[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = b[r];
            for (int k = r + 1; k < n; k++) sum -= a[r][k] * x[k];
            x[r] = sum / a[r][r];
        }
        return x;
    }

    private static double logLoss(INDArray xb, INDArray w, INDArray y) {
        INDArray z = xb.mmul(w);
        // mean of log(1 + e^z) - y z, computed stably
        INDArray softplus = Transforms.max(z, 0).addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
        return softplus.subi(y.mul(z)).meanNumber().doubleValue();
    }
}
