package edu.cs224n.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.*;

/** The VAE's bound and its hand-written gradients against central differences, in double precision; the flow's masks; the sample's moments. */
class ElboTest {
    private static double[] random(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = scale * r.nextGaussian();
        return a;
    }

    /** Compares grad[i] with the central difference of f at every coordinate of p. */
    private static void assertNumeric(String what, double[] p, double[] grad, ToDoubleFunction<double[]> f) {
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = f.applyAsDouble(p);
            p[i] = keep - h;
            double down = f.applyAsDouble(p);
            p[i] = keep;
            double numeric = (up - down) / (2 * h);
            double scale = Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i]));
            assertTrue(Math.abs(numeric - grad[i]) / scale < 1e-5, what + "[" + i + "]: analytic " + grad[i] + ", numeric " + numeric);
        }
    }

    @Test
    void gradientsOfTheBoundEqualNumericOnesWithAndWithoutAFlow() {
        Random r = new Random(7);
        for (int steps : new int[] {0, 2}) {
            for (Elbo.Estimator est : steps == 0 ? new Elbo.Estimator[] {Elbo.Estimator.MONTE_CARLO, Elbo.Estimator.ANALYTIC_KL}
                    : new Elbo.Estimator[] {Elbo.Estimator.MONTE_CARLO}) {
                Elbo elbo = new Elbo(new Elbo.Sizes(3, 5, 6, steps, 4, steps > 0 ? 2 : 0));
                double[] flow = random(r, elbo.sizes().flowParams(), 0.5), decoder = random(r, elbo.sizes().decoderParams(), 0.5);
                double[] x = new double[6];
                for (int i = 0; i < 6; i++) x[i] = r.nextBoolean() ? 1 : 0;
                double[] mu = random(r, 3, 1), logvar = random(r, 3, 0.5), eps = random(r, 3, 1), context = random(r, elbo.sizes().context(), 1);
                Elbo.Gradients g = new Elbo.Gradients(new double[flow.length], new double[decoder.length], new double[3], new double[3], new double[context.length]);
                elbo.bound(flow, decoder, x, mu, logvar, context, eps, est, g);
                String what = est + " with " + steps + " flow steps: ";
                assertNumeric(what + "flow", flow, g.flow(), p -> elbo.bound(p, decoder, x, mu, logvar, context, eps, est, null));
                assertNumeric(what + "decoder", decoder, g.decoder(), p -> elbo.bound(flow, p, x, mu, logvar, context, eps, est, null));
                assertNumeric(what + "mu", mu, g.mu(), p -> elbo.bound(flow, decoder, x, p, logvar, context, eps, est, null));
                assertNumeric(what + "logvar", logvar, g.logvar(), p -> elbo.bound(flow, decoder, x, mu, p, context, eps, est, null));
                assertNumeric(what + "context", context, g.context(), p -> elbo.bound(flow, decoder, x, mu, logvar, p, eps, est, null));
            }
        }
    }

    @Test
    void theClosedFormKlEqualsTheMonteCarloOneOnAverage() {
        Random r = new Random(3);
        Elbo elbo = new Elbo(new Elbo.Sizes(2, 4, 5, 0, 0));
        double[] decoder = random(r, elbo.sizes().decoderParams(), 0.5), x = {1, 0, 1, 1, 0}, mu = {0.7, -0.3}, logvar = {-0.5, 0.4};
        double mc = 0, analytic = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double[] eps = random(r, 2, 1);
            mc += elbo.bound(new double[0], decoder, x, mu, logvar, new double[0], eps, Elbo.Estimator.MONTE_CARLO, null) / n;
            analytic += elbo.bound(new double[0], decoder, x, mu, logvar, new double[0], eps, Elbo.Estimator.ANALYTIC_KL, null) / n;
        }
        assertEquals(analytic, mc, 0.02);
    }

    @Test
    void eachFlowOutputReadsOnlyEarlierCoordinatesInItsStepsOrder() {
        Random r = new Random(11);
        int k = 4;
        for (int step = 0; step < 2; step++) {
            Elbo one = new Elbo(new Elbo.Sizes(k, 3, 2, step + 1, 7));
            int t = step;
            // every raw entry non-zero, masked ones included: the masks, not the values, must cut the connections
            double[] flow = random(r, one.sizes().flowParams(), 0.7);
            double[] z = random(r, k, 1);
            for (int j = 0; j < k; j++) {
                double[] up = z.clone(), down = z.clone();
                up[j] += 1e-5;
                down[j] -= 1e-5;
                double[] a = one.flow(flow, new double[0], up), b = one.flow(flow, new double[0], down);
                // with 2 steps, test only the second: the first step's output is its input
                for (int i = 0; i < k; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    if (t == 0) {
                        boolean allowed = i == j || one.degree(0, j) < one.degree(0, i);
                        if (!allowed) assertEquals(0, d, 1e-12, "step 0: output " + i + " must not read input " + j);
                        else if (i == j) assertTrue(d > 0, "output " + i + " reads its own input through exp(s)");
                    }
                }
            }
            // the masks themselves: input j reaches hidden h only if h's degree >= j's, hidden h reaches output j only if j's degree > h's
            for (int j = 0; j < k; j++) {
                for (int h = 0; h < 7; h++) {
                    for (int i = 0; i < k; i++) {
                        if (one.inputConnected(t, j, h) && one.outputConnected(t, h, i)) assertTrue(one.degree(t, j) < one.degree(t, i));
                    }
                }
            }
        }
    }

    @Test
    void aFreshFlowIsTheIdentity() {
        Elbo elbo = new Elbo(new Elbo.Sizes(3, 2, 2, 2, 5));
        double[] flow = elbo.initialFlow(new Random(1)), z = {0.3, -1.2, 2.0};
        assertArrayEquals(new double[] {0.3, -1.2, 2.0}, elbo.flow(flow, new double[0], z.clone()), 1e-15);
    }

    @Test
    void theReparameterisedSampleHasTheEncodersMeanAndVariance() {
        Random r = new Random(5);
        double[] mu = {1.5, -2.0}, logvar = {Math.log(0.25), Math.log(4)};
        int n = 100_000;
        double[] sum = new double[2], sq = new double[2];
        for (int i = 0; i < n; i++) {
            double[] z = Elbo.sample(mu, logvar, random(r, 2, 1));
            for (int j = 0; j < 2; j++) {
                sum[j] += z[j];
                sq[j] += z[j] * z[j];
            }
        }
        for (int j = 0; j < 2; j++) {
            double mean = sum[j] / n, var = sq[j] / n - mean * mean;
            assertEquals(mu[j], mean, 0.02, "mean of z_" + j);
            assertEquals(Math.exp(logvar[j]), var, 0.03 * Math.exp(logvar[j]) + 0.005, "variance of z_" + j);
        }
    }

    @Test
    void theScoreFunctionEstimateIsUnbiasedForTheReparameterisedGradient() {
        Random r = new Random(9);
        Elbo elbo = new Elbo(new Elbo.Sizes(2, 4, 5, 0, 0));
        double[] decoder = random(r, elbo.sizes().decoderParams(), 0.5), x = {1, 0, 1, 1, 0}, mu = {0.2, -0.4}, logvar = {-0.3, 0.2};
        double[] reparam = new double[2], score = new double[2];
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            double[] eps = random(r, 2, 1);
            elbo.bound(new double[0], decoder, x, mu, logvar, new double[0], eps, Elbo.Estimator.ANALYTIC_KL, new Elbo.Gradients(null, null, reparam, null));
            elbo.bound(new double[0], decoder, x, mu, logvar, new double[0], eps, Elbo.Estimator.SCORE_FUNCTION, new Elbo.Gradients(null, null, score, null));
        }
        for (int j = 0; j < 2; j++) assertEquals(reparam[j] / n, score[j] / n, 0.05 * Math.max(1, Math.abs(reparam[j] / n)), "d/dmu_" + j);
    }
}
