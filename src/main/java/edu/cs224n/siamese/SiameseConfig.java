package edu.cs224n.siamese;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

import java.util.List;

/**
 * Every hyper-parameter of a Siamese run; YAML keys are the snake_case names, paths found through
 * {@link edu.cs224n.config.DataRoot} (or as given).
 *
 * @param vectors          input word vectors (GloVe / word2vec text, word2vec binary); empty = train word2vec on
 *                         {@code vectorCorpora} first (lowercased; {@code w2v_*} keys)
 * @param maxRank          pairs use only the first {@code maxRank} words of the vector file (0 = all): the most frequent
 *                         ones, as word2vec, GloVe and {@code vectors train} list words by frequency; rare words' vectors are noise
 * @param objective        {@code contrastive}: synonyms attract, antonyms and random pairs repel beyond {@code margin};
 *                         {@code seed}: the midterm's J = 1/2 ||h1 - h2||^2 + lambda/2 ||W||^2 on synonym pairs only;
 *                         {@code attract-repel}: Mrkšić et al. (2017), each pair against its in-batch negatives (see
 *                         {@link AttractRepelLoss}); batches hold synonyms or antonyms only, unit-length images, cosine geometry;
 *                         {@code explicit-retrofit}: Glavaš & Vulić (2018), each pair's cosine regressed to 1 (synonyms)
 *                         or -1 (antonyms), its nearest in-batch negatives' to their input cosines (see {@link ExplicitRetrofitLoss});
 *                         {@code post-specialisation}: Vulić et al. (2018), Attract-Repel run per word on the training pairs
 *                         ({@link AttractRepelPerWord}), then the map learns, on the words those pairs moved, to send each
 *                         input vector to its specialised one (cosine loss); the final space keeps the specialised vectors
 *                         of those words and maps every other word
 * @param perWordRate      post-specialisation: per-word Attract-Repel's AdaGrad step on unit vectors
 * @param perWordEpochs    post-specialisation: per-word Attract-Repel's epochs (the paper: 5)
 * @param postNegatives    post-specialisation: k > 0 adds the paper's max-margin hinges against the k nearest other
 *                         targets of the batch to the cosine loss ({@link PostSpecialisationLoss}); 0 = the cosine alone
 * @param postMargin       post-specialisation: the hinges' delta
 * @param trainedWords     post-specialisation: where the final space puts the words the training pairs moved:
 *                         {@code per-word}, their per-word specialised vectors (the paper's setting; every other word is
 *                         the map's image); {@code map}, the map's image like every other word; {@code shifted}, the
 *                         map's image plus their per-word displacement (specialised minus input vector), so they keep what
 *                         Attract-Repel gave them in the same space as the words the map places
 * @param postDev          post-specialisation: fraction of the specialised words the map does not train on; their mean
 *                         cosine to their specialised vectors ({@code dev_fit}) picks the best epoch (0 = none: the held-out
 *                         AUC picks it, as for the other objectives)
 * @param attractMargin    Attract-Repel's delta_att (the paper: 0.6)
 * @param repelMargin      Attract-Repel's delta_rpl (the paper: 0.0)
 * @param disjointWords    fraction of SimLex-999's words that appear in no WordNet pair at all (train, dev or test), drawn
 *                         as whole SimLex pairs: the "lexically disjoint" setting, where only a map that generalises can
 *                         move them (0 = none); the other words of the benchmarks (SimLex, WordSim, MEN) then all go to
 *                         train, and dev and test words are drawn from the rest
 * @param layers           widths of the shared layers; the last is the dimension of the learned space (with {@code residual},
 *                         the hidden layers of f in x + f(x))
 * @param residual         the map is x + f(x), f's last layer linear and starting at zero: training starts from the input space
 * @param activation       of every shared layer (DL4J's names: sigmoid, tanh, relu, identity, ...)
 * @param weightInit       DL4J's initialisation by name: xavier, or identity (square layers start as the identity map,
 *                         so training starts from the input geometry)
 * @param l2               lambda of lambda/2 ||W||^2, weights only (the midterm's regulariser)
 * @param preserve         weight mu of a third, shared-weight branch's loss mu * ||h(x) - x||^2 on random training-side
 *                         words: the map is pulled toward the identity, so what the pairs do not ask for stays where the input
 *                         vectors had it (0 = off: the plain two-branch graph; > 0 needs the last layer as wide as the input)
 * @param antonymRepeats   each training antonym pair appears this many times per epoch (they are few)
 * @param randomPerSynonym random repel pairs per synonym pair, drawn afresh each epoch from non-held-out words
 * @param devWords         fraction of the pairs' words held out for model selection; {@code testWords} for the report
 * @param normalize        scale input vectors to unit length first (cosine geometry becomes Euclidean)
 */
public record SiameseConfig(
        @Default("") String vectors,
        @Default("[corpora/brown/brown.train.txt, corpora/brown/brown.valid.txt, corpora/brown/brown.test.txt, corpora/ud-english-ewt/en_ewt-ud-train.conllu]")
        List<String> vectorCorpora,
        @Default("100") int w2vDim,
        @Default("15") int w2vEpochs,
        @Default("3") int w2vMinCount,
        @Default("1e-4") double w2vSampling,
        @Default("wordnet/synonyms.tsv") String synonyms,
        @Default("wordnet/antonyms.tsv") String antonyms,
        @Default("10000") int maxRank,
        @Default("contrastive") String objective,
        @Default("[300]") List<Integer> layers,
        @Default("false") boolean residual,
        @Default("tanh") String activation,
        @Default("xavier") String weightInit,
        @Default("1.0") double margin,
        @Default("0.6") double attractMargin,
        @Default("0.0") double repelMargin,
        @Default("0.0") double disjointWords,
        @Default("0.01") double perWordRate,
        @Default("5") int perWordEpochs,
        @Default("0") int postNegatives,
        @Default("0.6") double postMargin,
        @Default("per-word") String trainedWords,
        @Default("0.0") double postDev,
        @Default("1e-5") double l2,
        @Default("0.0") double preserve,
        @Default("5") int antonymRepeats,
        @Default("1.0") double randomPerSynonym,
        @Default("0.15") double devWords,
        @Default("0.15") double testWords,
        @Default("true") boolean normalize,
        @Default("1e-3") double learningRate,
        @Default("256") int batch,
        @Default("20") int epochs,
        @Default("1234") long seed,
        @Default("2") int threads) implements RunConfig {

    public static final List<String> TRAINED_WORDS = List.of("per-word", "map", "shifted");
    public static final List<String> OBJECTIVES = List.of("contrastive", "seed", "attract-repel", "explicit-retrofit", "post-specialisation");

    public static SiameseConfig defaults() {
        return Configs.defaults(SiameseConfig.class);
    }

    /** The words pairs may use: the first {@code maxRank} of {@code ranked} (file order = frequency order), or all. */
    public java.util.Set<String> pairWords(List<String> ranked) {
        return new java.util.HashSet<>(maxRank == 0 ? ranked : ranked.subList(0, Math.min(ranked.size(), maxRank)));
    }

    public boolean seedObjective() {
        return "seed".equals(objective);
    }

    public boolean attractRepel() {
        return "attract-repel".equals(objective);
    }

    public boolean explicitRetrofit() {
        return "explicit-retrofit".equals(objective);
    }

    public boolean postSpecialisation() {
        return "post-specialisation".equals(objective);
    }

    /** The objectives that score a pair with each word's in-batch negative in cosine geometry. */
    public boolean withNegatives() {
        return attractRepel() || explicitRetrofit();
    }

    /** The objectives that compare unit vectors, so the learned space is measured with the cosine. */
    public boolean cosineGeometry() {
        return withNegatives() || postSpecialisation();
    }

    public SiameseConfig validate() {
        if (!OBJECTIVES.contains(objective)) throw new ConfigException("objective: expected one of " + OBJECTIVES + ", got " + objective);
        if ((vectors == null || vectors.isBlank()) && (vectorCorpora == null || vectorCorpora.isEmpty())) {
            throw new ConfigException("vectors: give a vector file, or vector_corpora to train word2vec on");
        }
        if (layers == null || layers.isEmpty() || layers.stream().anyMatch(w -> w == null || w < 1)) {
            throw new ConfigException("layers: expected a list of positive widths, e.g. [300], got " + layers);
        }
        try {
            org.nd4j.linalg.activations.Activation.fromString(activation);
        } catch (RuntimeException e) {
            throw new ConfigException("activation: unknown activation '" + activation + "' (e.g. sigmoid, tanh, relu, identity)");
        }
        if (maxRank < 0) throw new ConfigException("max_rank: expected >= 0 (0 = every word), got " + maxRank);
        try {
            org.deeplearning4j.nn.weights.WeightInit.valueOf(weightInit.toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ConfigException("weight_init: unknown initialisation '" + weightInit + "' (e.g. xavier, identity)");
        }
        if ("identity".equalsIgnoreCase(weightInit) && !residual) {
            // The vector dimension is only known later; the layers must at least all be square among themselves.
            if (layers.stream().distinct().count() != 1) throw new ConfigException("weight_init identity: every layer must have the input's width, got " + layers);
        }
        if (!(margin > 0)) throw new ConfigException("margin: expected > 0, got " + margin);
        if (postSpecialisation() && preserve > 0) throw new ConfigException("preserve: post-specialisation's map is fitted to the specialised vectors, which already stay near their inputs; set preserve: 0");
        if (!(perWordRate > 0)) throw new ConfigException("per_word_rate: expected > 0, got " + perWordRate);
        ConfigException.requirePositive("per_word_epochs", perWordEpochs);
        if (postNegatives < 0) throw new ConfigException("post_negatives: expected >= 0 (0 = the cosine loss alone), got " + postNegatives);
        if (!(postMargin >= 0)) throw new ConfigException("post_margin: expected >= 0, got " + postMargin);
        if (!TRAINED_WORDS.contains(trainedWords)) throw new ConfigException("trained_words: expected one of " + TRAINED_WORDS + ", got " + trainedWords);
        if (!(postDev >= 0 && postDev < 1)) throw new ConfigException("post_dev: expected a fraction in [0, 1), got " + postDev);
        if (cosineGeometry() && !normalize) throw new ConfigException("normalize: " + objective + " compares unit vectors (dot products are cosines); set normalize: true");
        if (!(disjointWords >= 0 && disjointWords < 1)) throw new ConfigException("disjoint_words: expected a fraction in [0, 1), got " + disjointWords);
        if (!(l2 >= 0)) throw new ConfigException("l2: expected >= 0, got " + l2);
        if (!(preserve >= 0)) throw new ConfigException("preserve: expected >= 0, got " + preserve);
        if (preserve > 0 && seedObjective()) throw new ConfigException("preserve: the seed objective is the midterm's exactly; use preserve with objective contrastive");
        if (antonymRepeats < 0) throw new ConfigException("antonym_repeats: expected >= 0, got " + antonymRepeats);
        if (!(randomPerSynonym >= 0)) throw new ConfigException("random_per_synonym: expected >= 0, got " + randomPerSynonym);
        if (!(devWords > 0 && testWords > 0 && devWords + testWords < 1)) {
            throw new ConfigException("dev_words, test_words: expected fractions > 0 with a sum below 1, got " + devWords + " and " + testWords);
        }
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        ConfigException.requirePositive("batch", batch);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("w2v_dim", w2vDim);
        ConfigException.requirePositive("w2v_epochs", w2vEpochs);
        ConfigException.requirePositive("w2v_min_count", w2vMinCount);
        if (!(w2vSampling >= 0)) throw new ConfigException("w2v_sampling: expected >= 0, got " + w2vSampling);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }
}
