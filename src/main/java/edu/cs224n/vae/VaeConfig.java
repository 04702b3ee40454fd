package edu.cs224n.vae;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;
import edu.cs224n.nn.Elbo;

import java.util.Set;

/**
 * A VAE on the 8x8 digits (YAML, snake_case keys): an encoder MLP to (mu, log sigma^2), a K-dimensional Gaussian latent
 * (optionally followed by IAF steps), a decoder MLP to Bernoulli logits, p(z) = N(0, I); the best model on the
 * validation ELBO is kept.
 */
public record VaeConfig(
        /** The digits file (gzip CSV) under the data root. */
        @Default("corpora/digits/digits.csv.gz") String data,
        /** Images in the training and validation splits of the seeded shuffle; the rest are test (1,200 / 297 / 300). */
        @Default("1200") int trainImages,
        @Default("297") int validImages,
        /** The shuffle that makes the split (fixed, so every model sees the same test images). */
        @Default("42") long splitSeed,
        /** K, the latent dimension. */
        @Default("8") int latent,
        /** Hidden tanh units of the encoder and of the decoder. */
        @Default("200") int hidden,
        /**
         * IAF steps after the Gaussian (0 = the plain VAE), the hidden width of each step's MADE, and the width of the
         * context vector h the encoder gives every step (Kingma et al.'s; 0 = none).
         */
        @Default("0") int flowSteps,
        @Default("32") int flowHidden,
        @Default("0") int flowContext,
        /** How the encoder's gradient is estimated: reparameterised, or score_function (REINFORCE, no baseline; no flow). */
        @Default("reparameterised") String estimator,
        @Default("1e-3") double learningRate,
        @Default("100") int batchSize,
        @Default("400") int epochs,
        /** Training time budget over the whole run (evaluation excluded); 0 = none. */
        @Default("0") double maxTrainMinutes,
        /** Noise samples per validation image for the ELBO that chooses the best model (the same draws every epoch). */
        @Default("10") int validSamples,
        /** k of the IWAE bound reported on test at the end of training. */
        @Default("500") int iwaeSamples,
        @Default("1234") long seed,
        @Default("1") int threads) implements RunConfig {

    public static VaeConfig defaults() {
        return Configs.defaults(VaeConfig.class);
    }

    /** The bound's estimator for training: the closed-form KL without a flow (lower variance), one Monte Carlo sample with it. */
    public Elbo.Estimator trainingEstimator() {
        if (estimator.equals("score_function")) return Elbo.Estimator.SCORE_FUNCTION;
        return flowSteps > 0 ? Elbo.Estimator.MONTE_CARLO : Elbo.Estimator.ANALYTIC_KL;
    }

    @Override
    public VaeConfig validate() {
        if (data == null || data.isBlank()) throw new ConfigException("data: the digits file is required");
        ConfigException.requirePositive("train_images", trainImages);
        ConfigException.requirePositive("valid_images", validImages);
        ConfigException.requirePositive("latent", latent);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("valid_samples", validSamples);
        ConfigException.requirePositive("iwae_samples", iwaeSamples);
        if (flowSteps < 0) throw new ConfigException("flow_steps: expected >= 0 (0 = no flow), got " + flowSteps);
        if (flowSteps > 0) ConfigException.requirePositive("flow_hidden", flowHidden);
        if (flowContext < 0 || flowContext > 0 && flowSteps == 0) throw new ConfigException("flow_context: expected >= 0, and 0 without a flow; got " + flowContext);
        if (!estimator.equals("reparameterised") && !estimator.equals("score_function")) {
            throw new ConfigException("estimator: expected reparameterised or score_function, got '" + estimator + "'");
        }
        if (estimator.equals("score_function") && flowSteps > 0) throw new ConfigException("estimator: score_function is for the Gaussian posterior (flow_steps 0)");
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (maxTrainMinutes < 0) throw new ConfigException("max_train_minutes: expected >= 0 (0 = no budget), got " + maxTrainMinutes);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }

    @Override
    public Set<String> resumableKeys() {
        return Set.of("epochs", "threads", "max_train_minutes", "iwae_samples");
    }
}
