package edu.cs224n.vectors;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

import java.util.List;

/** Word2vec training ({@code vectors train}, {@code conf/vectors.yaml}): DL4J's skip-gram with negative sampling. */
public record VectorsConfig(
        /** Text files (one sentence a line; gzip ones read as a stream) and CoNLL files (their word forms), read in this order. */
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
        /** Tokenise text lines first (raw text such as Wikipedia's; Brown is already tokenised). */
        @Default("false") boolean splitPunctuation,
        /** Keep at most this many words, the most frequent (0 = all at min_count). */
        @Default("0") int maxWords,
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
        if (maxWords < 0) throw new ConfigException("max_words: expected >= 0 (0 = all), got " + maxWords);
        if (threads < 0) throw new ConfigException("threads: expected >= 0, got " + threads);
        return this;
    }
}
