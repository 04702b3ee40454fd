package edu.cs224n.nn;

/**
 * The evidence lower bound of one binary image under a VAE's generative model, given the approximate posterior's
 * parameters and its noise, with hand-written gradients. Plain double arithmetic: the models are small (8x8 images,
 * a latent of 2-16) and the per-image optimisations of the VAE experiment call it one image at a time.
 * <pre>
 *   z_0 = mu + exp(logvar / 2) * eps,  eps ~ N(0, I)                                 (the reparameterisation)
 *   IAF step t (Kingma et al. 2016):  [m_t, s_t] = MADE_t(z_{t-1}, h),  z_t = z_{t-1} * exp(s_t) + m_t
 *   log q(z_T | x) = sum_j [-log(2 pi)/2 - logvar_j/2 - eps_j^2/2] - sum_t sum_j s_tj
 *   p(x | z) = prod_i Bernoulli(x_i; sigmoid(l_i)),  l = W_o tanh(W_d z + b_d) + b_o;  p(z) = N(0, I)
 *   log w = log p(x | z_T) + log p(z_T) - log q(z_T | x);  ELBO = E_eps[log w]
 * </pre>
 * MADE_t is a one-hidden-layer (tanh) autoregressive network: output j reads only the coordinates before j in the
 * step's order (the order reverses from one step to the next), so dz_t/dz_{t-1} is triangular and its log-determinant
 * is sum_j s_tj. Its hidden layer also reads the encoder's context vector h (C wide; Kingma et al.'s design), which
 * lets one set of flow weights shape each image's posterior differently. Its output weights start at 0, so a fresh
 * flow is the identity and q starts as the diagonal Gaussian.
 * <p>Parameters are two flat row-major arrays: the flow's (per step: W1 [K, F], Wc [C, F], b1 [F], Wm [F, K], bm [K],
 * Ws [F, K], bs [K]; masked entries are held at 0) and the decoder's (Wd [K, H], bd [H], Wo [H, D], bo [D]).
 */
public final class Elbo {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** How the bound and its gradient with respect to (mu, logvar) are estimated from one noise draw. */
    public enum Estimator {
        /** log p(x|z) + log p(z) - log q(z|x) at one sample, gradients through the sample (any flow). */
        MONTE_CARLO,
        /** log p(x|z) - KL(q || p) with the Gaussian KL in closed form (no flow), gradients through the sample. */
        ANALYTIC_KL,
        /**
         * The same value as {@code ANALYTIC_KL}, but the reconstruction term's gradient with respect to (mu, logvar) is
         * the score-function (REINFORCE) estimate log p(x|z) * d log q(z|x) / d(mu, logvar), without a baseline (no flow).
         */
        SCORE_FUNCTION
    }

    /** The sizes: latent K, decoder hidden H, pixels D, IAF steps, the MADE's hidden width F and the context's width C. */
    public record Sizes(int latent, int hidden, int pixels, int flowSteps, int flowHidden, int context) {
        public Sizes {
            if (latent < 1 || hidden < 1 || pixels < 1 || flowSteps < 0 || flowSteps > 0 && flowHidden < 1 || context < 0) {
                throw new IllegalArgumentException("Elbo sizes: latent, hidden and pixels >= 1, flow steps >= 0, flow hidden >= 1 with a flow, context >= 0; got " + this);
            }
        }

        /** Without a context vector. */
        public Sizes(int latent, int hidden, int pixels, int flowSteps, int flowHidden) {
            this(latent, hidden, pixels, flowSteps, flowHidden, 0);
        }

        public int flowStepParams() {
            return latent * flowHidden + context * flowHidden + flowHidden + 2 * (flowHidden * latent + latent);
        }

        public int flowParams() {
            return flowSteps * flowStepParams();
        }

        public int decoderParams() {
            return latent * hidden + hidden + hidden * pixels + pixels;
        }
    }

    /** The terms of log w at one sample. */
    public record Terms(double logPx, double logPz, double logQ, double kl) {
        /** log w = log p(x|z) + log p(z) - log q(z|x): the importance weight of the sample. */
        public double logWeight() {
            return logPx + logPz - logQ;
        }
    }

    /** Where gradients of the bound (to maximise) are added; a null array is not computed. */
    public record Gradients(double[] flow, double[] decoder, double[] mu, double[] logvar, double[] context) {
        public Gradients(double[] flow, double[] decoder, double[] mu, double[] logvar) {
            this(flow, decoder, mu, logvar, null);
        }
    }

    private final Sizes sizes;
    private final double[][] inputMask, outputMask; // per step: [K * F] and [F * K], 1 where a connection is allowed

    public Elbo(Sizes sizes) {
        this.sizes = sizes;
        int k = sizes.latent(), f = sizes.flowHidden();
        inputMask = new double[sizes.flowSteps()][];
        outputMask = new double[sizes.flowSteps()][];
        for (int t = 0; t < sizes.flowSteps(); t++) {
            inputMask[t] = new double[k * f];
            outputMask[t] = new double[f * k];
            for (int j = 0; j < k; j++) {
                for (int h = 0; h < f; h++) {
                    if (hiddenDegree(h) >= degree(t, j)) inputMask[t][j * f + h] = 1;
                    if (degree(t, j) > hiddenDegree(h)) outputMask[t][h * k + j] = 1;
                }
            }
        }
    }

    public Sizes sizes() {
        return sizes;
    }

    /** Coordinate j's place (1..K) in step t's autoregressive order: ascending in even steps, descending in odd ones. */
    public int degree(int step, int j) {
        return step % 2 == 0 ? j + 1 : sizes.latent() - j;
    }

    /** Hidden unit h's degree in 1..K-1: it may read coordinates of degree <= it and feed outputs of degree > it. */
    private int hiddenDegree(int h) {
        return h % Math.max(1, sizes.latent() - 1) + 1;
    }

    /** Whether MADE input j connects to hidden h in step t (for initialisation and for the mask test). */
    public boolean inputConnected(int step, int j, int h) {
        return inputMask[step][j * sizes.flowHidden() + h] == 1;
    }

    public boolean outputConnected(int step, int h, int j) {
        return outputMask[step][h * sizes.latent() + j] == 1;
    }

    /** Offsets of step t's arrays within the flow parameters. */
    private int stepOffset(int t) {
        return t * sizes.flowStepParams();
    }

    /** The reparameterised sample z_0 = mu + exp(logvar / 2) * eps of the base Gaussian. */
    public static double[] sample(double[] mu, double[] logvar, double[] eps) {
        double[] z = new double[mu.length];
        for (int j = 0; j < z.length; j++) z[j] = mu[j] + Math.exp(0.5 * logvar[j]) * eps[j];
        return z;
    }

    /** z_T from z_0 (in place, and returned): the flow's output for a sample of the base Gaussian. */
    public double[] flow(double[] flow, double[] context, double[] z) {
        flowForward(flow, context, z, null, null, null);
        return z;
    }

    /**
     * Runs the flow on z in place and returns its log-determinant sum_t sum_j s_tj; with non-null arrays, keeps each
     * step's input, MADE hidden activations and s for the backward pass.
     */
    private double flowForward(double[] flow, double[] context, double[] z, double[][] zs, double[][] hs, double[][] ss) {
        int k = sizes.latent(), f = sizes.flowHidden(), c = sizes.context();
        double logDet = 0;
        for (int t = 0; t < sizes.flowSteps(); t++) {
            int o = stepOffset(t), oWc = o + k * f, oB1 = oWc + c * f, oWm = oB1 + f, oBm = oWm + f * k, oWs = oBm + k, oBs = oWs + f * k;
            double[] h = new double[f], s = new double[k];
            if (zs != null) zs[t] = z.clone();
            for (int u = 0; u < f; u++) {
                double a = flow[oB1 + u];
                for (int j = 0; j < k; j++) a += z[j] * flow[o + j * f + u] * inputMask[t][j * f + u];
                for (int q = 0; q < c; q++) a += context[q] * flow[oWc + q * f + u];
                h[u] = Math.tanh(a);
            }
            for (int j = 0; j < k; j++) {
                double m = flow[oBm + j], sj = flow[oBs + j];
                for (int u = 0; u < f; u++) {
                    double mask = outputMask[t][u * k + j];
                    m += h[u] * flow[oWm + u * k + j] * mask;
                    sj += h[u] * flow[oWs + u * k + j] * mask;
                }
                s[j] = sj;
                z[j] = z[j] * Math.exp(sj) + m;
                logDet += sj;
            }
            if (hs != null) {
                hs[t] = h;
                ss[t] = s;
            }
        }
        return logDet;
    }

    /** The decoder's logits l for latent z. */
    public double[] logits(double[] decoder, double[] z) {
        return decode(decoder, z, new double[sizes.hidden()]);
    }

    private double[] decode(double[] decoder, double[] z, double[] g) {
        int k = sizes.latent(), hd = sizes.hidden(), d = sizes.pixels();
        int oBd = k * hd, oWo = oBd + hd, oBo = oWo + hd * d;
        for (int u = 0; u < hd; u++) {
            double a = decoder[oBd + u];
            for (int j = 0; j < k; j++) a += z[j] * decoder[j * hd + u];
            g[u] = Math.tanh(a);
        }
        double[] l = new double[d];
        for (int i = 0; i < d; i++) l[i] = decoder[oBo + i];
        for (int u = 0; u < hd; u++) {
            double gu = g[u];
            int row = oWo + u * d;
            for (int i = 0; i < d; i++) l[i] += gu * decoder[row + i];
        }
        return l;
    }

    /** log Bernoulli(x; sigmoid(l)) summed over pixels, computed stably: x l - softplus(l). */
    public static double logBernoulli(double[] x, double[] l) {
        double sum = 0;
        for (int i = 0; i < l.length; i++) sum += x[i] * l[i] - softplus(l[i]);
        return sum;
    }

    static double softplus(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /** The terms of log w for image x at the sample given by noise eps (no gradients). */
    public Terms terms(double[] flow, double[] decoder, double[] x, double[] mu, double[] logvar, double[] context, double[] eps) {
        return compute(flow, decoder, x, mu, logvar, context, eps, Estimator.MONTE_CARLO, null);
    }

    /**
     * The bound's one-sample estimate for image x (the value the estimator differentiates: log w for
     * {@code MONTE_CARLO}, log p(x|z) - KL otherwise), and with {@code grads} its gradients added there.
     */
    public double bound(double[] flow, double[] decoder, double[] x, double[] mu, double[] logvar, double[] context, double[] eps, Estimator estimator,
                        Gradients grads) {
        Terms t = compute(flow, decoder, x, mu, logvar, context, eps, estimator, grads);
        return estimator == Estimator.MONTE_CARLO ? t.logWeight() : t.logPx() - t.kl();
    }

    private Terms compute(double[] flow, double[] decoder, double[] x, double[] mu, double[] logvar, double[] context, double[] eps, Estimator estimator,
                          Gradients grads) {
        int k = sizes.latent(), hd = sizes.hidden(), d = sizes.pixels(), f = sizes.flowHidden(), steps = sizes.flowSteps(), c = sizes.context();
        if (context.length != c) throw new IllegalArgumentException("expected a context of " + c + ", got " + context.length);
        if (estimator != Estimator.MONTE_CARLO && steps > 0) throw new IllegalArgumentException(estimator + " needs a Gaussian posterior without a flow");
        double[] sigma = new double[k], z = sample(mu, logvar, eps);
        double logQ = 0, kl = 0;
        for (int j = 0; j < k; j++) {
            sigma[j] = Math.exp(0.5 * logvar[j]);
            logQ += -HALF_LOG_2PI - 0.5 * logvar[j] - 0.5 * eps[j] * eps[j];
            kl += 0.5 * (mu[j] * mu[j] + sigma[j] * sigma[j] - 1 - logvar[j]);
        }
        double[][] zs = new double[steps][], hs = new double[steps][], ss = new double[steps][];
        logQ -= flowForward(flow, context, z, zs, hs, ss);
        double[] g = new double[hd];
        double[] l = decode(decoder, z, g);
        double logPx = logBernoulli(x, l), logPz = 0;
        for (int j = 0; j < k; j++) logPz += -HALF_LOG_2PI - 0.5 * z[j] * z[j];
        Terms terms = new Terms(logPx, logPz, logQ, kl);
        if (grads == null) return terms;

        // decoder: d log p(x|z) / d l = x - sigmoid(l)
        int oBd = k * hd, oWo = oBd + hd, oBo = oWo + hd * d;
        double[] dl = new double[d];
        for (int i = 0; i < d; i++) dl[i] = x[i] - sigmoid(l[i]);
        double[] da = new double[hd];
        for (int u = 0; u < hd; u++) {
            double dg = 0;
            int row = oWo + u * d;
            for (int i = 0; i < d; i++) dg += decoder[row + i] * dl[i];
            da[u] = dg * (1 - g[u] * g[u]);
        }
        double[] gd = grads.decoder();
        if (gd != null) {
            for (int u = 0; u < hd; u++) {
                int row = oWo + u * d;
                for (int i = 0; i < d; i++) gd[row + i] += g[u] * dl[i];
                gd[oBd + u] += da[u];
                for (int j = 0; j < k; j++) gd[j * hd + u] += z[j] * da[u];
            }
            for (int i = 0; i < d; i++) gd[oBo + i] += dl[i];
        }
        if (grads.mu() == null && grads.logvar() == null && grads.flow() == null && grads.context() == null) return terms;

        double[] dz = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int u = 0; u < hd; u++) s += decoder[j * hd + u] * da[u];
            dz[j] = s - (estimator == Estimator.MONTE_CARLO ? z[j] : 0); // + d log p(z) / dz
        }
        // the flow, last step first; the bound holds + sum_t sum_j s_tj (from -log q)
        for (int t = steps - 1; t >= 0; t--) {
            int o = stepOffset(t), oWc = o + k * f, oB1 = oWc + c * f, oWm = oB1 + f, oBm = oWm + f * k, oWs = oBm + k, oBs = oWs + f * k;
            double[] zPrev = zs[t], h = hs[t], s = ss[t];
            double[] dm = new double[k], ds = new double[k], dzPrev = new double[k];
            for (int j = 0; j < k; j++) {
                double e = Math.exp(s[j]);
                dm[j] = dz[j];
                ds[j] = dz[j] * zPrev[j] * e + 1;
                dzPrev[j] = dz[j] * e;
            }
            double[] da1 = new double[f];
            for (int u = 0; u < f; u++) {
                double dh = 0;
                for (int j = 0; j < k; j++) {
                    double mask = outputMask[t][u * k + j];
                    dh += (flow[oWm + u * k + j] * dm[j] + flow[oWs + u * k + j] * ds[j]) * mask;
                }
                da1[u] = dh * (1 - h[u] * h[u]);
            }
            for (int j = 0; j < k; j++) {
                for (int u = 0; u < f; u++) dzPrev[j] += flow[o + j * f + u] * inputMask[t][j * f + u] * da1[u];
            }
            if (grads.context() != null) {
                for (int q = 0; q < c; q++) for (int u = 0; u < f; u++) grads.context()[q] += flow[oWc + q * f + u] * da1[u];
            }
            double[] gf = grads.flow();
            if (gf != null) {
                for (int q = 0; q < c; q++) for (int u = 0; u < f; u++) gf[oWc + q * f + u] += context[q] * da1[u];
                for (int u = 0; u < f; u++) {
                    for (int j = 0; j < k; j++) {
                        double mask = outputMask[t][u * k + j];
                        gf[oWm + u * k + j] += h[u] * dm[j] * mask;
                        gf[oWs + u * k + j] += h[u] * ds[j] * mask;
                        gf[o + j * f + u] += zPrev[j] * da1[u] * inputMask[t][j * f + u];
                    }
                    gf[oB1 + u] += da1[u];
                }
                for (int j = 0; j < k; j++) {
                    gf[oBm + j] += dm[j];
                    gf[oBs + j] += ds[j];
                }
            }
            dz = dzPrev;
        }
        for (int j = 0; j < k; j++) {
            double dMu, dLogvar;
            switch (estimator) {
                case MONTE_CARLO -> { // z_0 = mu + sigma eps; -log q_0 holds + logvar / 2
                    dMu = dz[j];
                    dLogvar = dz[j] * eps[j] * 0.5 * sigma[j] + 0.5;
                }
                case ANALYTIC_KL -> {
                    dMu = dz[j] - mu[j];
                    dLogvar = dz[j] * eps[j] * 0.5 * sigma[j] - 0.5 * (sigma[j] * sigma[j] - 1);
                }
                default -> { // d log q(z) / d mu = eps / sigma, d log q(z) / d logvar = (eps^2 - 1) / 2, z held fixed
                    dMu = logPx * eps[j] / sigma[j] - mu[j];
                    dLogvar = logPx * 0.5 * (eps[j] * eps[j] - 1) - 0.5 * (sigma[j] * sigma[j] - 1);
                }
            }
            if (grads.mu() != null) grads.mu()[j] += dMu;
            if (grads.logvar() != null) grads.logvar()[j] += dLogvar;
        }
        return terms;
    }

    /** log (1/n sum_i exp(a_i)), stably. */
    public static double logMeanExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double v : a) sum += Math.exp(v - max);
        return max + Math.log(sum / a.length);
    }

    /**
     * The flow's initial parameters: input and context weights uniform in +-1/sqrt(K + C) (inputs where connected), output
     * weights and biases 0 (the identity).
     */
    public double[] initialFlow(java.util.Random random) {
        int k = sizes.latent(), f = sizes.flowHidden(), c = sizes.context();
        double[] flow = new double[sizes.flowParams()];
        double scale = 1 / Math.sqrt(k + c);
        for (int t = 0; t < sizes.flowSteps(); t++) {
            int o = stepOffset(t);
            for (int j = 0; j < k; j++) {
                for (int u = 0; u < f; u++) if (inputConnected(t, j, u)) flow[o + j * f + u] = (2 * random.nextDouble() - 1) * scale;
            }
            for (int i = k * f; i < (k + c) * f; i++) flow[o + i] = (2 * random.nextDouble() - 1) * scale;
        }
        return flow;
    }
}
