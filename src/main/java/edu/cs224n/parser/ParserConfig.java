package edu.cs224n.parser;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.TagSet;

import java.util.List;

/**
 * Every hyper-parameter of a parser run; YAML keys are the snake_case names. Paths are resolved by
 * {@link edu.cs224n.config.DataRoot}.
 */
public record ParserConfig(
        String train,
        String dev,
        String test,
        List<String> tags,
        boolean labelled,
        boolean lowercase,
        int minWordCount,
        int wordDim,
        int tagDim,
        int labelDim,
        double embeddingInitStd,
        String network,
        int hidden,
        double dropout,
        double learningRate,
        String optimizer,
        double l2,
        int batchSize,
        int epochs,
        long seed,
        String pretrainedVectors,
        int maxTrainSentences,
        int evalBatchSize,
        int threads,
        String contextTagger,
        List<String> contextPositions,
        double contextDropout) {

    /** The configuration positions whose tagger states {@code context_positions} may name, in {@link FeatureTemplate} order. */
    public static final List<String> CONTEXT_POSITIONS = List.of("s1", "s2", "s3", "b1", "b2", "b3");

    /** The CS224n reference settings. */
    public static ParserConfig defaults() {
        return new ParserConfig("", "", "", List.of("upos"), true, false, 1, 50, 50, 50, 0.0, "fused", 200, 0.5, 5e-4, "adam", 0.0, 1024,
                10, 1234L, "", 0, 5000, 0,
                "", List.of("s1", "s2", "s3", "b1"), 0.0);
    }

    public ParserConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        pretrainedVectors = pretrainedVectors == null ? "" : pretrainedVectors;
        network = network == null ? "fused" : network;
        contextTagger = contextTagger == null ? "" : contextTagger;
        contextPositions = contextPositions == null ? List.of() : List.copyOf(contextPositions);
    }

    /** Whether the parser also reads a tagger's BiLSTM states ({@code context_tagger}). */
    public boolean hasContext() {
        return !contextTagger.isBlank();
    }

    /** The {@link FeatureTemplate} position indices of {@code context_positions}. */
    public int[] contextSlots() {
        return contextPositions.stream().mapToInt(CONTEXT_POSITIONS::indexOf).toArray();
    }

    /** Checks ranges; throws a {@link ConfigException} naming the key. */
    public ParserConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a training file is required");
        if (tags.isEmpty()) throw new ConfigException("tags: at least one of upos, xpos is required");
        try {
            tagSets();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tags: " + e.getMessage());
        }
        ConfigException.requirePositive("min_word_count", minWordCount);
        ConfigException.requirePositive("word_dim", wordDim);
        ConfigException.requirePositive("tag_dim", tagDim);
        ConfigException.requirePositive("label_dim", labelDim);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("eval_batch_size", evalBatchSize);
        if (!ParserNetwork.KINDS.contains(network)) throw new ConfigException("network: expected one of " + ParserNetwork.KINDS + ", got " + network);
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (!edu.cs224n.train.Optimizers.NAMES.contains(optimizer)) {
            throw new ConfigException("optimizer: expected one of " + edu.cs224n.train.Optimizers.NAMES + ", got " + optimizer);
        }
        if (embeddingInitStd < 0) throw new ConfigException("embedding_init_std: expected >= 0 (0 = Xavier uniform), got " + embeddingInitStd);
        if (l2 < 0) throw new ConfigException("l2: expected >= 0, got " + l2);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        if (hasContext()) {
            if (contextPositions.isEmpty()) throw new ConfigException("context_positions: at least one of " + CONTEXT_POSITIONS + " is required");
            for (String p : contextPositions) {
                if (!CONTEXT_POSITIONS.contains(p)) throw new ConfigException("context_positions: expected names from " + CONTEXT_POSITIONS + ", got " + p);
            }
            if (!network.equals("fused")) throw new ConfigException("context_tagger: only the fused network reads tagger states (network: fused)");
        }
        if (!(contextDropout >= 0 && contextDropout < 1)) throw new ConfigException("context_dropout: expected a probability in [0, 1), got " + contextDropout);
        return this;
    }


    /** The same run settings with another epoch budget and thread count (what a resumed run may change). */
    public ParserConfig forResume(int newEpochs, int newThreads) {
        return new ParserConfig(train, dev, test, tags, labelled, lowercase, minWordCount, wordDim, tagDim, labelDim, embeddingInitStd, network, hidden,
                dropout, learningRate, optimizer, l2, batchSize, newEpochs, seed, pretrainedVectors, maxTrainSentences, evalBatchSize, newThreads,
                contextTagger, contextPositions, contextDropout);
    }

    public ParserConfig withNetwork(String kind) {
        return new ParserConfig(train, dev, test, tags, labelled, lowercase, minWordCount, wordDim, tagDim, labelDim, embeddingInitStd, kind, hidden,
                dropout, learningRate, optimizer, l2, batchSize, epochs, seed, pretrainedVectors, maxTrainSentences, evalBatchSize, threads,
                contextTagger, contextPositions, contextDropout);
    }

    public List<TagSet> tagSets() {
        return tags.stream().map(TagSet::parse).toList();
    }
}
