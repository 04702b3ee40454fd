package edu.cs224n.vae;

import edu.cs224n.nn.Elbo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Arrays;
import java.util.Random;

/**
 * Variational inference for one image with the decoder fixed, without an encoder: the classic mean-field method,
 * which maximises the bound over the image's own (m, log sigma^2), and the same with the image's own IAF steps on top
 * (when {@code elbo} has a flow). Adam (ND4J's) on the bound's reparameterised gradient, a few noise draws a step, its
 * step size decaying linearly to 0 (a constant one leaves the last iterate wandering around the optimum by the noise).
 */
public final class PerImageInference {
    /** Optimisation steps, noise draws per step, Adam's learning rate, the noise seed, and how often the trace is taken. */
    public record Options(int steps, int samplesPerStep, double learningRate, long seed, int traceEvery) {}

    /**
     * The optimised posterior, the bound (on the evaluation noise) at step 0, traceEvery, 2 traceEvery, ... and at the
     * end, and the seconds the optimisation steps took (the trace's evaluations excluded).
     */
    public record Result(double[] mu, double[] logvar, double[] flow, double[] trace, double seconds) {
        public double last() {
            return trace[trace.length - 1];
        }
    }

    private final Elbo elbo;
    private final double[] decoder;
    private final Elbo.Estimator estimator;
    private final Options options;

    /** With a flow in {@code elbo}, the bound is estimated by Monte Carlo; without one, with the closed-form KL. */
    public PerImageInference(Elbo elbo, double[] decoder, Options options) {
        this.elbo = elbo;
        this.decoder = decoder;
        this.estimator = elbo.sizes().flowSteps() > 0 ? Elbo.Estimator.MONTE_CARLO : Elbo.Estimator.ANALYTIC_KL;
        this.options = options;
    }

    /** The bound of (mu, logvar, flow) for image x as the mean over fixed noise draws {@code eps}: the common yardstick of every method. */
    public double bound(double[] x, double[] mu, double[] logvar, double[] flow, double[] context, double[][] eps) {
        double sum = 0;
        for (double[] e : eps) sum += elbo.bound(flow, decoder, x, mu, logvar, context, e, estimator, null);
        return sum / eps.length;
    }

    /** Maximises the bound for image x from (mu0, logvar0, flow0), the flow's context held fixed; {@code evalEps} measures the trace. */
    public Result optimise(double[] x, double[] mu0, double[] logvar0, double[] flow0, double[] context, double[][] evalEps) {
        int k = mu0.length, nf = flow0.length, n = 2 * k + nf;
        double[] p = new double[n];
        System.arraycopy(mu0, 0, p, 0, k);
        System.arraycopy(logvar0, 0, p, k, k);
        System.arraycopy(flow0, 0, p, 2 * k, nf);
        INDArray params = Nd4j.create(p, new long[] {1, n}, DataType.DOUBLE);
        GradientUpdater<?> adam = new Adam(options.learningRate()).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2L * n), true);
        Random random = new Random(options.seed());
        double[] trace = new double[options.steps() / options.traceEvery() + 2];
        int traced = 0;
        long spent = 0;
        double[] mu = mu0.clone(), logvar = logvar0.clone(), flow = flow0.clone();
        trace[traced++] = bound(x, mu, logvar, flow, context, evalEps);
        for (int step = 1; step <= options.steps(); step++) {
            long t0 = System.nanoTime();
            Elbo.Gradients g = new Elbo.Gradients(new double[nf], null, new double[k], new double[k]);
            for (int s = 0; s < options.samplesPerStep(); s++) {
                double[] eps = new double[k];
                for (int j = 0; j < k; j++) eps[j] = random.nextGaussian();
                elbo.bound(flow, decoder, x, mu, logvar, context, eps, estimator, g);
            }
            double[] grad = new double[n];
            for (int j = 0; j < k; j++) {
                grad[j] = -g.mu()[j] / options.samplesPerStep(); // Adam minimises: the negative bound's gradient
                grad[k + j] = -g.logvar()[j] / options.samplesPerStep();
            }
            for (int i = 0; i < nf; i++) grad[2 * k + i] = -g.flow()[i] / options.samplesPerStep();
            INDArray update = Nd4j.create(grad, new long[] {1, n}, DataType.DOUBLE);
            adam.applyUpdater(update, step - 1, 0);
            params.subi(update.muli(1 - (step - 1.0) / options.steps())); // the step size decays linearly to 0, so the last iterate settles

            double[] now = params.data().asDouble();
            mu = Arrays.copyOfRange(now, 0, k);
            logvar = Arrays.copyOfRange(now, k, 2 * k);
            flow = Arrays.copyOfRange(now, 2 * k, n);
            spent += System.nanoTime() - t0;
            if (step % options.traceEvery() == 0 || step == options.steps()) trace[traced++] = bound(x, mu, logvar, flow, context, evalEps);
        }
        return new Result(mu, logvar, flow, Arrays.copyOf(trace, traced), spent / 1e9);
    }

    /** The steps after which the trace first comes within {@code nats} of its best value (the optimum found). */
    public static int stepsToWithin(double[] trace, int traceEvery, int steps, double nats) {
        double best = Arrays.stream(trace).max().orElseThrow();
        for (int i = 0; i < trace.length; i++) if (trace[i] >= best - nats) return Math.min(steps, i * traceEvery);
        return steps;
    }

    /** {@code count} standard normal vectors of dimension k from {@code seed}. */
    public static double[][] noise(int count, int k, long seed) {
        Random r = new Random(seed);
        double[][] eps = new double[count][k];
        for (double[] e : eps) for (int j = 0; j < k; j++) e[j] = r.nextGaussian();
        return eps;
    }
}
