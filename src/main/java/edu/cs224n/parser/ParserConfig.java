package edu.cs224n.parser;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;
import edu.cs224n.data.TagSet;

import java.util.List;

/**
 * Every hyper-parameter of a parser run; YAML keys are the snake_case names. Paths are resolved by
 * {@link edu.cs224n.config.DataRoot}.
 */
public record ParserConfig(
        /** The parser kind: transition (this record) or biaffine (a {@code BiaffineConfig}); chosen by this key in a config file. */
        @Default("transition") String parser,
        /** Training treebank (CoNLL-X or CoNLL-U); required. */
        @Default("") String train,
        /** Development treebank; required, the best model is chosen on it. */
        @Default("") String dev,
        /** Test treebank; empty = none. */
        @Default("") String test,
        /** Tag sets read as features, one embedding table each: upos, xpos or both. */
        @Default("[upos]") List<String> tags,
        /** Labelled arc-standard (2L+1 transitions) or unlabelled (3). */
        @Default("true") boolean labelled,
        /**
         * Non-projective training trees: skip (the arc-standard oracle cannot build them) or pseudo (Nivre and Nilsson's
         * pseudo-projective transform: trained on lifted trees, the lifts undone after parsing, so crossing arcs can come out).
         */
        @Default("skip") String nonprojective,
        /** Lowercase word forms before the vocabulary. */
        @Default("false") boolean lowercase,
        /** Words seen fewer times are UNK. */
        @Default("1") int minWordCount,
        @Default("50") int wordDim,
        @Default("50") int tagDim,
        @Default("50") int labelDim,
        /** Std of the normal embedding initialisation; 0 = Xavier uniform. */
        @Default("0.0") double embeddingInitStd,
        /** fused (one embedding layer, the fast path) or plain (one DL4J embedding layer per group). */
        @Default("fused") String network,
        /** Hidden units (cube or ReLU layer); CS224n uses 200. */
        @Default("200") int hidden,
        /** p_drop of the inverted-dropout layer on the hidden layer's output. */
        @Default("0.5") double dropout,
        @Default("5e-4") double learningRate,
        /** adam, sgd, adagrad or rmsprop. */
        @Default("adam") String optimizer,
        @Default("0.0") double l2,
        @Default("1024") int batchSize,
        @Default("10") int epochs,
        @Default("1234") long seed,
        /** GloVe or word2vec text file for the word table; empty = none. */
        @Default("") String pretrainedVectors,
        /** Train on the first N sentences only; 0 = all. */
        @Default("0") int maxTrainSentences,
        /** Sentences parsed together at evaluation. */
        @Default("5000") int evalBatchSize,
        /** ND4J threads for training, parsing threads for evaluation; 0 = all cores. */
        @Default("0") int threads,
        /** A tagger model file whose BiLSTM states the parser also reads; empty = none. */
        @Default("") String contextTagger,
        /** The positions whose tagger states are read (names from CONTEXT_POSITIONS). */
        @Default("[s1, s2, s3, b1]") List<String> contextPositions,
        /** p_drop on the tagger states. */
        @Default("0.0") double contextDropout) implements RunConfig {

    /** The configuration positions whose tagger states {@code context_positions} may name, in {@link FeatureTemplate} order. */
    /** The value of {@code parser} for this record. */
    public static final String KIND = "transition";

    public static final List<String> CONTEXT_POSITIONS = List.of("s1", "s2", "s3", "b1", "b2", "b3");

    /** The CS224n reference settings (every key's {@link Default}). */
    public static ParserConfig defaults() {
        return Configs.defaults(ParserConfig.class);
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
        if (!KIND.equals(parser)) throw new ConfigException("parser: this config is for the transition parser (parser: transition), got " + parser);
        if (train == null || train.isBlank()) throw new ConfigException("train: a training file is required");
        if (!List.of("skip", "pseudo").contains(nonprojective)) throw new ConfigException("nonprojective: expected skip or pseudo, got " + nonprojective);
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
        if (!edu.cs224n.train.Updaters.NAMES.contains(optimizer)) {
            throw new ConfigException("optimizer: expected one of " + edu.cs224n.train.Updaters.NAMES + ", got " + optimizer);
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

    public ParserConfig withNetwork(String kind) {
        return Configs.with(this, "network", kind);
    }

    public List<TagSet> tagSets() {
        return tags.stream().map(TagSet::parse).toList();
    }
}
