package edu.cs224n.siamese;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

import java.util.List;

/** The references of {@code siamese ceiling} ({@code conf/siamese-ceiling.yaml}). */
public record SiameseCeilingConfig(
        /** Input word vectors (e.g. input-vectors.txt of a siamese train run); required. */
        @Default("") String vectors,
        /** The Siamese config whose pair files, max_rank and dev/test word fractions the references share. */
        @Default("conf/siamese-wordnet.yaml") String siameseConfig,
        /** Retrofitting weights of each word's own vector (Faruqui et al.'s alpha). */
        @Default("[1.0, 2.0, 4.0, 8.0]") List<Double> alphas,
        /** Retrofitting sweeps. */
        @Default("10") int sweeps,
        /** Per-word Attract-Repel's AdaGrad steps (one row each), on unit vectors. */
        @Default("[0.003, 0.01]") List<Double> attractRepelRates,
        /** Per-word Attract-Repel's epochs (the paper: 5). */
        @Default("5") int attractRepelEpochs,
        /** Pair classifiers by hidden width: 0 = logistic regression. */
        @Default("[0, 256]") List<Integer> hidden,
        /** Word splits, seeds seed, seed+1, ... */
        @Default("5") int splits,
        /** Epochs of each pair classifier (the best on dev is kept). */
        @Default("30") int epochs,
        @Default("1e-3") double learningRate,
        @Default("1234") long seed,
        @Default("2") int threads) implements RunConfig {

    public static SiameseCeilingConfig defaults() {
        return Configs.defaults(SiameseCeilingConfig.class);
    }

    @Override
    public SiameseCeilingConfig validate() {
        if (alphas == null || alphas.isEmpty() || alphas.stream().anyMatch(a -> a == null || !(a > 0))) {
            throw new ConfigException("alphas: expected a list of positive weights, got " + alphas);
        }
        if (attractRepelRates == null || attractRepelRates.stream().anyMatch(a -> a == null || !(a > 0))) {
            throw new ConfigException("attract_repel_rates: expected a list of positive learning rates, got " + attractRepelRates);
        }
        ConfigException.requirePositive("attract_repel_epochs", attractRepelEpochs);
        if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h < 0)) {
            throw new ConfigException("hidden: expected a list of widths >= 0 (0 = logistic regression), got " + hidden);
        }
        ConfigException.requirePositive("sweeps", sweeps);
        ConfigException.requirePositive("splits", splits);
        ConfigException.requirePositive("epochs", epochs);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }
}
