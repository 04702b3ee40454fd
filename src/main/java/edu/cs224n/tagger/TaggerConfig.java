package edu.cs224n.tagger;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

/**
 * A POS tagger experiment (YAML, snake_case keys): a bidirectional LSTM over word, suffix and shape embeddings (and a
 * character CNN's vector),
 * two softmax outputs (UPOS and XPOS).
 *
 * @param dropout p_drop on the LSTM's input (DL4J's inverted dropout)
 */
public record TaggerConfig(
        @Default("") String train,
        /** Required: the best model is chosen on it. */
        @Default("") String dev,
        @Default("") String test,
        /** Words seen fewer times are UNK. */
        @Default("2") int minWordCount,
        @Default("100") int wordDim,
        /** GloVe or word2vec text file (lowercased words); empty = none. How it is used: {@code pretrained_words}. */
        @Default("") String pretrainedVectors,
        /**
         * 0: the vectors initialise the trainable word table (word_dim must be their dimension). N > 0: the file's first N
         * words form a fixed table whose vectors (mapped to word_dim by a trainable linear map if the dimensions differ)
         * are added to the trainable word embedding, which then starts at zero: words rare or absent in training keep
         * their vector (Stanza's tagger has such a table).
         */
        @Default("0") int pretrainedWords,
        /** Embedding of the 3-letter suffix. */
        @Default("50") int suffixDim,
        /** Embedding of the word shape (Xxxx, dd, ...). */
        @Default("16") int shapeDim,
        /**
         * Character embedding of a character CNN over each word's characters (case kept), whose vector joins the word's
         * features, as Stanza's and UDPipe's taggers read characters; 0 = none.
         */
        @Default("0") int charDim,
        /** The character CNN's filters (the width of a word's character vector). */
        @Default("100") int charFilters,
        /** LSTM units per direction. */
        @Default("200") int hidden,
        @Default("1") int layers,
        @Default("0.3") double dropout,
        @Default("2e-3") double learningRate,
        /** Sentences per batch. */
        @Default("32") int batchSize,
        @Default("10") int epochs,
        @Default("1234") long seed,
        /** Train on the first N sentences only; 0 = all. */
        @Default("0") int maxTrainSentences,
        @Default("2") int threads) implements RunConfig {

    public static TaggerConfig defaults() {
        return Configs.defaults(TaggerConfig.class);
    }

    public TaggerConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a CoNLL-U file is required");
        ConfigException.requirePositive("word_dim", wordDim);
        ConfigException.requirePositive("suffix_dim", suffixDim);
        ConfigException.requirePositive("shape_dim", shapeDim);
        ConfigException.requirePositive("char_filters", charFilters);
        if (charDim < 0) throw new ConfigException("char_dim: expected >= 0 (0 = no character CNN), got " + charDim);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("layers", layers);
        if (pretrainedWords < 0) throw new ConfigException("pretrained_words: expected >= 0 (0 = initialise the word table only), got " + pretrainedWords);
        if (pretrainedWords > 0 && (pretrainedVectors == null || pretrainedVectors.isBlank())) {
            throw new ConfigException("pretrained_words: " + pretrainedWords + " needs pretrained_vectors");
        }
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }

}
