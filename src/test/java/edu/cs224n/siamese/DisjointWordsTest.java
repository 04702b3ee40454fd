package edu.cs224n.siamese;

import edu.cs224n.vectors.WordSimilarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DisjointWordsTest {
    /** A benchmark of 60 pairs over 80 words, and WordNet-like pairs touching every one of them. */
    @Test
    void drawnWordsAppearInNoPairLeftAndWholeBenchmarkPairsAreDrawn() {
        List<WordSimilarity.Pair> bench = new ArrayList<>();
        for (int i = 0; i < 60; i++) bench.add(new WordSimilarity.Pair("w" + i, "w" + (20 + i), i));
        WordSimilarity benchmark = new WordSimilarity("b", bench);
        List<LexicalPairs.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            pairs.add(new LexicalPairs.Pair("w" + i, "x" + i));
            pairs.add(new LexicalPairs.Pair("w" + i, "w" + ((i + 7) % 80)));
        }
        DisjointWords d = DisjointWords.draw(benchmark, 0.3, 5);
        int words = benchmark.words().size();
        assertTrue(d.words().size() >= Math.round(0.3 * words) && d.words().size() <= Math.round(0.3 * words) + 1, d.words().size() + " of " + words);
        List<LexicalPairs.Pair> kept = d.outside(pairs);
        for (LexicalPairs.Pair p : kept) assertFalse(d.contains(p.first()) || d.contains(p.second()), p + " mentions a disjoint word");
        long touching = pairs.stream().filter(p -> d.contains(p.first()) || d.contains(p.second())).count();
        assertEquals(pairs.size() - touching, kept.size(), "only pairs that mention a disjoint word are dropped");
        assertTrue(benchmark.within(d.words(), "x").pairs().size() >= d.words().size() / 2 - 1, "the draw takes whole pairs");
        assertEquals(d, DisjointWords.draw(benchmark, 0.3, 5), "the same seed draws the same words");
    }
}
