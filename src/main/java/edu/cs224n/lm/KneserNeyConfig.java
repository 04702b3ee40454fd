package edu.cs224n.lm;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Default;

/** The Kneser-Ney baseline ({@code lm kn}, {@code conf/lm-kn-brown.yaml}); the vocabulary is built as the neural LMs' is. */
public record KneserNeyConfig(
        /** Counted text: one sentence a line, or CoNLL. */
        @Default("corpora/brown/brown.train.txt") String train,
        /** Scored texts; empty = none. */
        @Default("corpora/brown/brown.valid.txt") String valid,
        @Default("corpora/brown/brown.test.txt") String test,
        @Default("5") int order,
        /** Rarer training words become {@code <unk>} (4: words seen <= 3 times, Bengio et al.'s Brown vocabulary). */
        @Default("4") int minCount,
        /** At most this many vocabulary entries (0 = no limit). */
        @Default("0") int maxVocab) {

    public KneserNeyConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a text to count is required");
        ConfigException.requirePositive("order", order);
        ConfigException.requirePositive("min_count", minCount);
        if (maxVocab < 0) throw new ConfigException("max_vocab: expected >= 0 (0 = no limit), got " + maxVocab);
        return this;
    }
}
