package edu.cs224n.siamese;

import edu.cs224n.vectors.WordSimilarity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "lexically disjoint" setting of post-specialisation (Vulić et al. 2018; Glavaš & Vulić 2018): benchmark words that
 * no training constraint mentions, so that only a map learned for the whole space can move them. Whole benchmark pairs
 * are drawn, so that many pairs have both words unseen.
 */
public record DisjointWords(Set<String> words) {
    /** Pairs of {@code benchmark} drawn at random (seeded), both words each time, until {@code fraction} of its words are in. */
    public static DisjointWords draw(WordSimilarity benchmark, double fraction, long seed) {
        int target = (int) Math.round(fraction * benchmark.words().size());
        List<WordSimilarity.Pair> pairs = new ArrayList<>(benchmark.pairs());
        Collections.shuffle(pairs, new Random(seed));
        Set<String> words = new TreeSet<>();
        for (WordSimilarity.Pair p : pairs) {
            if (words.size() >= target) break;
            words.add(p.first());
            words.add(p.second());
        }
        return new DisjointWords(Collections.unmodifiableSet(words));
    }

    /** The pairs that mention none of the words. */
    public List<LexicalPairs.Pair> outside(List<LexicalPairs.Pair> pairs) {
        return pairs.stream().filter(p -> !words.contains(p.first()) && !words.contains(p.second())).toList();
    }

    public boolean contains(String word) {
        return words.contains(word);
    }
}
