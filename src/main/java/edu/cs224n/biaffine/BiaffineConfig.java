package edu.cs224n.biaffine;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;
import edu.cs224n.data.TagSet;

import java.util.List;

/**
 * A graph-based parser run (Dozat and Manning 2017): word, tag and character inputs, a BiLSTM stack, four MLPs and
 * the biaffine arc and label scorers. YAML keys are the snake_case names; paths are resolved by
 * {@link edu.cs224n.config.DataRoot}. The paper's sizes are noted where ours differ (chosen to train on 2 cores).
 */
public record BiaffineConfig(
        /** The parser kind; a config with {@code parser: biaffine} is this record (else the transition parser's). */
        @Default("biaffine") String parser,
        /** Training treebank (CoNLL-U or CoNLL-X); every tree is used, projective or not. */
        @Default("") String train,
        /** Development treebank; required, the best model is chosen on it. */
        @Default("") String dev,
        /** Test treebank; empty = none. */
        @Default("") String test,
        /** Tag sets embedded as inputs: upos, xpos or both (empty = none). */
        @Default("[upos, xpos]") List<String> tags,
        /** Labelled trees (DEPREL scored) or unlabelled (a treebank without labels, e.g. the PTB sample). */
        @Default("true") boolean labelled,
        /** Lowercase word forms before the vocabulary (characters keep their case). */
        @Default("true") boolean lowercase,
        /** Words seen fewer times are UNK (the paper: 2). */
        @Default("2") int minWordCount,
        /** Trainable word embedding (the paper: 100). */
        @Default("100") int wordDim,
        /**
         * Word vectors (word2vec/GloVe text, lowercased words) read as a fixed input added to the trainable word embedding,
         * which then starts at zero (the paper's pre-trained GloVe); vectors of another dimension than word_dim go through
         * a trainable linear map (no bias) first. Empty = none.
         */
        @Default("") String pretrainedVectors,
        /** The pre-trained table keeps the file's first N words (word2vec writes the most frequent first). */
        @Default("100000") int pretrainedWords,
        /** Each tag set's embedding (the paper: 100). */
        @Default("50") int tagDim,
        /** Character embedding of the character CNN (a word's characters as one vector); 0 = no character input. */
        @Default("0") int charDim,
        /** The character CNN's filters (the width of a word's character vector). */
        @Default("100") int charFilters,
        /** P of replacing a word by UNK in training (the paper drops word and tag embeddings at 0.33). */
        @Default("0.33") double wordDropout,
        /** P of replacing each tag by UNK in training. */
        @Default("0.33") double tagDropout,
        /** BiLSTM layers (the paper: 3). */
        @Default("2") int layers,
        /** LSTM units per direction (the paper: 400). */
        @Default("200") int hidden,
        /** p_drop on each BiLSTM layer's input (the paper: 0.33). */
        @Default("0.33") double lstmDropout,
        /** Arc MLP width (the paper: 500). */
        @Default("300") int arcDim,
        /** Label MLP width (the paper: 100). */
        @Default("100") int labelDim,
        /** p_drop on the MLP outputs (the paper: 0.33). */
        @Default("0.33") double mlpDropout,
        /** Adam's learning rate (the paper: 2e-3, beta1 = beta2 = 0.9). */
        @Default("2e-3") double learningRate,
        @Default("0.9") double beta1,
        @Default("0.9") double beta2,
        /** Per-layer L2 norm clip of the gradient (the paper: 5). */
        @Default("5.0") double clip,
        /** Sentences per training batch (batches hold sentences of similar length). */
        @Default("32") int batchSize,
        @Default("30") int epochs,
        /** A budget of training time in minutes over the whole run (0 = none): the epoch in which it runs out is the last. */
        @Default("0") double maxTrainMinutes,
        @Default("1234") long seed,
        /** Train on the first N sentences only; 0 = all. */
        @Default("0") int maxTrainSentences,
        /** Sentences parsed together at evaluation (one length bucket at a time). */
        @Default("256") int evalBatchSize,
        /** ND4J threads; 0 = all cores. */
        @Default("0") int threads) implements RunConfig {

    public static final String KIND = "biaffine";

    public BiaffineConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        pretrainedVectors = pretrainedVectors == null ? "" : pretrainedVectors;
    }

    public static BiaffineConfig defaults() {
        return Configs.defaults(BiaffineConfig.class);
    }

    @Override
    public BiaffineConfig validate() {
        if (!KIND.equals(parser)) throw new ConfigException("parser: this config is for the biaffine parser (parser: biaffine), got " + parser);
        if (train == null || train.isBlank()) throw new ConfigException("train: a training file is required");
        try {
            tagSets();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tags: " + e.getMessage());
        }
        ConfigException.requirePositive("min_word_count", minWordCount);
        ConfigException.requirePositive("word_dim", wordDim);
        ConfigException.requirePositive("tag_dim", tagDim);
        ConfigException.requirePositive("pretrained_words", pretrainedWords);
        ConfigException.requirePositive("layers", layers);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("arc_dim", arcDim);
        ConfigException.requirePositive("label_dim", labelDim);
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("eval_batch_size", evalBatchSize);
        ConfigException.requirePositive("char_filters", charFilters);
        if (charDim < 0) throw new ConfigException("char_dim: expected >= 0 (0 = no character representation), got " + charDim);
        probability("word_dropout", wordDropout);
        probability("tag_dropout", tagDropout);
        probability("lstm_dropout", lstmDropout);
        probability("mlp_dropout", mlpDropout);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new ConfigException("beta1: expected [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new ConfigException("beta2: expected [0, 1), got " + beta2);
        if (!(clip > 0)) throw new ConfigException("clip: expected > 0, got " + clip);
        if (maxTrainMinutes < 0) throw new ConfigException("max_train_minutes: expected >= 0 (0 = no budget), got " + maxTrainMinutes);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = all cores), got " + threads);
        return this;
    }

    private static void probability(String key, double p) {
        if (!(p >= 0 && p < 1)) throw new ConfigException(key + ": expected a probability in [0, 1), got " + p);
    }

    public boolean hasPretrained() {
        return !pretrainedVectors.isBlank();
    }

    public List<TagSet> tagSets() {
        return tags.stream().map(TagSet::parse).toList();
    }

    @Override
    public java.util.Set<String> resumableKeys() {
        return java.util.Set.of("epochs", "threads", "max_train_minutes");
    }
}
