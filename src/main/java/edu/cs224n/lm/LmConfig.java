package edu.cs224n.lm;

import edu.cs224n.config.ConfigException;

/**
 * Every hyper-parameter of a word-level RNN LM run; YAML keys are the snake_case names, paths found through
 * {@link edu.cs224n.config.DataRoot}.
 */
public record LmConfig(
        String train,
        String valid,
        String test,
        int minCount,
        int maxVocab,
        int embedding,
        int hidden,
        int tau,
        int streams,
        int chunk,
        double learningRate,
        int epochs,
        long seed,
        int evalWindow,
        int threads) {

    /** Mikolov-style defaults on Brown with the Bengio et al. vocabulary (words seen <= 3 times -> <unk>). */
    public static LmConfig defaults() {
        return new LmConfig("corpora/brown/brown.train.txt", "corpora/brown/brown.valid.txt", "corpora/brown/brown.test.txt",
                4, 0, 100, 200, 10, 32, 500, 2e-3, 4, 1234L, 500, 2);
    }

    public LmConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a training text is required");
        if (valid == null || valid.isBlank()) throw new ConfigException("valid: a validation text is required (the best model is chosen on it)");
        ConfigException.requirePositive("min_count", minCount);
        ConfigException.requirePositive("embedding", embedding);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("tau", tau);
        ConfigException.requirePositive("streams", streams);
        ConfigException.requirePositive("chunk", chunk);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("eval_window", evalWindow);
        if (chunk % tau != 0) throw new ConfigException("chunk: expected a multiple of tau (" + tau + "), got " + chunk);
        if (maxVocab < 0) throw new ConfigException("max_vocab: expected >= 0 (0 = no limit), got " + maxVocab);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }


    public LmConfig forResume(int newEpochs, int newThreads) {
        return new LmConfig(train, valid, test, minCount, maxVocab, embedding, hidden, tau, streams, chunk, learningRate, newEpochs, seed,
                evalWindow, newThreads);
    }
}
