package edu.cs224n.siamese;

import edu.cs224n.config.DataRoot;
import edu.cs224n.util.RankStatistics;
import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.WordSimilarity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a word space is worth: Spearman's rho on the word-similarity benchmarks, and on held-out WordNet pairs the
 * AUC of synonyms against antonyms and against random pairs (a synonym pair should be the closer), plus the mean
 * distances that show a collapsing map.
 */
public final class SiameseEvaluation {
    private final List<WordSimilarity> benchmarks;

    public SiameseEvaluation(List<WordSimilarity> benchmarks) {
        this.benchmarks = benchmarks;
    }

    /** The standard benchmarks from the data root. */
    public static SiameseEvaluation standard() throws IOException {
        return new SiameseEvaluation(WordSimilarity.standard());
    }

    public List<WordSimilarity.Result> similarity(VectorSpace space, VectorSpace.Metric metric) {
        return benchmarks.stream().map(b -> b.evaluate(space, metric)).toList();
    }

    /** {@code count} random pairs of distinct words from {@code words}, the same for the same seed. */
    public static List<LexicalPairs.Pair> randomPairs(List<String> words, int count, long seed) {
        Random rng = new Random(seed);
        List<LexicalPairs.Pair> out = new ArrayList<>(count);
        while (out.size() < count && words.size() > 1) {
            String a = words.get(rng.nextInt(words.size())), b = words.get(rng.nextInt(words.size()));
            if (!a.equals(b)) out.add(new LexicalPairs.Pair(a, b));
        }
        return out;
    }

    /**
     * Metrics on one part of the split, keys prefixed with {@code prefix}: auc_syn_ant, auc_syn_random,
     * mean_dist_syn, mean_dist_random (Euclidean).
     */
    public static Map<String, Double> heldOut(String prefix, VectorSpace space, VectorSpace.Metric metric, PairSplit.Part part, long seed) {
        double[] syn = scores(space, metric, part.synonyms());
        List<LexicalPairs.Pair> random = randomPairs(part.words(), part.synonyms().size(), seed);
        double[] rnd = scores(space, metric, random);
        Map<String, Double> m = new LinkedHashMap<>();
        if (!part.antonyms().isEmpty()) m.put(prefix + "auc_syn_ant", RankStatistics.auc(syn, scores(space, metric, part.antonyms())));
        m.put(prefix + "auc_syn_random", RankStatistics.auc(syn, rnd));
        double[] dSyn = scores(space, VectorSpace.Metric.EUCLIDEAN, part.synonyms());
        double[] dRnd = scores(space, VectorSpace.Metric.EUCLIDEAN, random);
        m.put(prefix + "mean_dist_syn", -mean(dSyn));
        m.put(prefix + "mean_dist_random", -mean(dRnd));
        return m;
    }

    private static double[] scores(VectorSpace space, VectorSpace.Metric metric, List<LexicalPairs.Pair> pairs) {
        return pairs.stream().mapToDouble(p -> space.similarity(p.first(), p.second(), metric)).toArray();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return x.length == 0 ? Double.NaN : s / x.length;
    }
}
