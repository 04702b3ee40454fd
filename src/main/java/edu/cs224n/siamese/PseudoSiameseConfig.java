package edu.cs224n.siamese;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;
import edu.cs224n.train.Updaters;

import java.util.List;

/** The pseudo-Siamese classifier of the practice midterm, question 6 ({@code conf/siamese-pseudo.yaml}). */
public record PseudoSiameseConfig(
        /** Word vectors (GloVe / word2vec text or binary), lowercase; required. */
        @Default("") String vectors,
        /** CoNLL-U files giving each word's most frequent UPOS, the class to predict. */
        @Default("[corpora/ud-english-ewt/en_ewt-ud-train.conllu]") List<String> treebanks,
        /** Words seen fewer times in the treebanks are left out. */
        @Default("2") int minCount,
        /** Width m of both branches. */
        @Default("100") int hidden,
        /** sgd (the midterm's update rule), adagrad, rmsprop or adam. */
        @Default("sgd") String optimizer,
        @Default("0.5") double learningRate,
        @Default("64") int batch,
        @Default("20") int epochs,
        /** Which matrices learn: both, w1-only (W2 frozen) or w2-only (W1 frozen); the experiment runs all three. */
        @Default("both") String trained,
        @Default("1234") long seed,
        @Default("2") int threads) implements RunConfig {

    public static PseudoSiameseConfig defaults() {
        return edu.cs224n.config.Configs.defaults(PseudoSiameseConfig.class);
    }

    public PseudoSiameseNetwork.Trained trainedBranches() {
        return PseudoSiameseNetwork.Trained.valueOf(trained.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    @Override
    public PseudoSiameseConfig validate() {
        if (treebanks == null || treebanks.isEmpty()) throw new ConfigException("treebanks: at least one CoNLL-U file is required");
        if (!Updaters.NAMES.contains(optimizer)) throw new ConfigException("optimizer: expected one of " + Updaters.NAMES + ", got " + optimizer);
        try {
            trainedBranches();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("trained: expected both, w1-only or w2-only, got " + trained);
        }
        ConfigException.requirePositive("min_count", minCount);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("batch", batch);
        ConfigException.requirePositive("epochs", epochs);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }
}
