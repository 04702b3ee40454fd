package edu.cs224n.siamese;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Train / dev / test pairs split by WORD: every word of the pairs goes to one part, and a pair belongs to a part
 * only when both its words do (pairs across parts are dropped). No dev or test word is seen in training, so the
 * held-out scores measure what the learned map does to words it never saw.
 */
public record PairSplit(Part train, Part dev, Part test) {
    /** Words per chunk assigned together. */
    static final int CHUNK = 20;

    public record Part(List<String> words, List<LexicalPairs.Pair> synonyms, List<LexicalPairs.Pair> antonyms) {}

    public static PairSplit byWord(List<LexicalPairs.Pair> synonyms, List<LexicalPairs.Pair> antonyms, double devFraction, double testFraction, long seed) {
        return byWord(synonyms, antonyms, devFraction, testFraction, seed, java.util.Set.of());
    }

    /** @param trainWords words that go to train whatever the draw (e.g. benchmark words the map should be trained on) */
    public static PairSplit byWord(List<LexicalPairs.Pair> synonyms, List<LexicalPairs.Pair> antonyms, double devFraction, double testFraction, long seed,
                                   java.util.Set<String> trainWords) {
        if (devFraction < 0 || testFraction < 0 || devFraction + testFraction >= 1) {
            throw new IllegalArgumentException("dev and test fractions must be >= 0 and sum to less than 1, got " + devFraction + " and " + testFraction);
        }
        TreeSet<String> words = new TreeSet<>();
        for (List<LexicalPairs.Pair> list : List.of(synonyms, antonyms)) {
            for (LexicalPairs.Pair p : list) {
                words.add(p.first());
                words.add(p.second());
            }
        }
        // Words go to parts in small connected chunks (breadth-first over the pair graph from a random word) rather
        // one by one: a word's neighbours then tend to share its part, so far fewer pairs are cut at the borders.
        Map<String, List<String>> graph = new HashMap<>();
        for (List<LexicalPairs.Pair> list : List.of(synonyms, antonyms)) {
            for (LexicalPairs.Pair p : list) {
                graph.computeIfAbsent(p.first(), k -> new ArrayList<>()).add(p.second());
                graph.computeIfAbsent(p.second(), k -> new ArrayList<>()).add(p.first());
            }
        }
        List<String> shuffled = new ArrayList<>(words);
        Random rng = new Random(seed);
        Collections.shuffle(shuffled, rng);
        double[] target = {1 - devFraction - testFraction, devFraction, testFraction};
        int[] filled = new int[3];
        Map<String, Integer> part = new HashMap<>();
        for (String w : words) {
            if (trainWords.contains(w)) {
                part.put(w, 0);
                filled[0]++;
            }
        }
        for (String start : shuffled) {
            if (part.containsKey(start)) continue;
            int to = 0; // the part furthest below its share
            for (int k = 1; k < 3; k++) if (filled[k] - target[k] * words.size() < filled[to] - target[to] * words.size()) to = k;
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
            part.put(start, to);
            int size = 1;
            while (!queue.isEmpty() && size < CHUNK) {
                for (String next : graph.get(queue.poll())) {
                    if (size < CHUNK && !part.containsKey(next)) {
                        part.put(next, to);
                        queue.add(next);
                        size++;
                    }
                }
            }
            filled[to] += size;
        }
        List<List<String>> w = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String s : words) w.get(part.get(s)).add(s);
        List<List<LexicalPairs.Pair>> syn = partition(synonyms, part), ant = partition(antonyms, part);
        return new PairSplit(new Part(w.get(0), syn.get(0), ant.get(0)), new Part(w.get(1), syn.get(1), ant.get(1)),
                new Part(w.get(2), syn.get(2), ant.get(2)));
    }

    private static List<List<LexicalPairs.Pair>> partition(List<LexicalPairs.Pair> pairs, Map<String, Integer> part) {
        List<List<LexicalPairs.Pair>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (LexicalPairs.Pair p : pairs) {
            int a = part.get(p.first());
            if (a == part.get(p.second())) out.get(a).add(p);
        }
        return out;
    }
}
