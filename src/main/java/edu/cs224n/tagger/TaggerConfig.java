package edu.cs224n.tagger;

import edu.cs224n.config.ConfigException;

/**
 * A POS tagger experiment (YAML, snake_case keys): a bidirectional LSTM over word, suffix and shape embeddings,
 * two softmax outputs (UPOS and XPOS).
 *
 * @param dropout p_drop on the LSTM's input (DL4J's inverted dropout)
 */
public record TaggerConfig(
        String train,
        String dev,
        String test,
        int minWordCount,
        int wordDim,
        String pretrainedVectors,
        int suffixDim,
        int shapeDim,
        int hidden,
        int layers,
        double dropout,
        double learningRate,
        int batchSize,
        int epochs,
        long seed,
        int maxTrainSentences,
        int threads) {

    public static TaggerConfig defaults() {
        return new TaggerConfig("", "", "", 2, 100, "", 50, 16, 200, 1, 0.3, 2e-3, 32, 10, 1234L, 0, 2);
    }

    public TaggerConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a CoNLL-U file is required");
        ConfigException.requirePositive("word_dim", wordDim);
        ConfigException.requirePositive("suffix_dim", suffixDim);
        ConfigException.requirePositive("shape_dim", shapeDim);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("layers", layers);
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }

    /** The same run with another epoch budget and thread count (what a resumed run may change). */
    public TaggerConfig forResume(int newEpochs, int newThreads) {
        return new TaggerConfig(train, dev, test, minWordCount, wordDim, pretrainedVectors, suffixDim, shapeDim, hidden, layers, dropout,
                learningRate, batchSize, newEpochs, seed, maxTrainSentences, newThreads);
    }
}
