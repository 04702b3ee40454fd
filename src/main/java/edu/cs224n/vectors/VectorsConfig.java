package edu.cs224n.vectors;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

import java.util.List;

/** Word2vec training ({@code vectors train}, {@code conf/vectors.yaml}): DL4J's skip-gram with negative sampling. */
public record VectorsConfig(
        /** Text files (one sentence a line) and CoNLL files (their word forms), read in this order. */
        @Default("[corpora/brown/brown.train.txt, corpora/ud-english-ewt/en_ewt-ud-train.conllu]") List<String> corpora,
        @Default("50") int dim,
        @Default("5") int window,
        /** Words seen fewer times get no vector. */
        @Default("2") int minCount,
        @Default("5") int epochs,
        /** Sub-sampling threshold for frequent words (0 = none; 1e-4 is typical). */
        @Default("0") double sampling,
        @Default("1234") long seed,
        /** Lowercase all text first. */
        @Default("false") boolean lowercase,
        @Default("2") int threads) implements RunConfig {

    public static VectorsConfig defaults() {
        return Configs.defaults(VectorsConfig.class);
    }

    @Override
    public VectorsConfig validate() {
        if (corpora == null || corpora.isEmpty()) throw new ConfigException("corpora: at least one text or CoNLL file is required");
        ConfigException.requirePositive("dim", dim);
        ConfigException.requirePositive("window", window);
        ConfigException.requirePositive("min_count", minCount);
        ConfigException.requirePositive("epochs", epochs);
        if (!(sampling >= 0)) throw new ConfigException("sampling: expected >= 0, got " + sampling);
        if (threads < 0) throw new ConfigException("threads: expected >= 0, got " + threads);
        return this;
    }
}
