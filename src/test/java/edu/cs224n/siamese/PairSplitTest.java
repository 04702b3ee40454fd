package edu.cs224n.siamese;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PairSplitTest {
    @Test
    void noWordIsSharedBetweenPartsAndEveryKeptPairStaysInsideOne() {
        List<LexicalPairs.Pair> syn = new ArrayList<>(), ant = new ArrayList<>();
        for (int i = 0; i < 3000; i++) syn.add(new LexicalPairs.Pair("w" + (i % 700), "w" + ((i * 7 + 3) % 700)));
        for (int i = 0; i < 300; i++) ant.add(new LexicalPairs.Pair("w" + i, "w" + (699 - i)));
        syn.removeIf(p -> p.first().equals(p.second()));
        PairSplit s = PairSplit.byWord(syn, ant, 0.15, 0.15, 4);
        List<PairSplit.Part> parts = List.of(s.train(), s.dev(), s.test());
        Set<String> seen = new HashSet<>();
        int words = 0;
        for (PairSplit.Part p : parts) {
            Set<String> own = new HashSet<>(p.words());
            words += own.size();
            for (String w : own) assertTrue(seen.add(w), w + " is in two parts");
            for (LexicalPairs.Pair pair : p.synonyms()) assertTrue(own.contains(pair.first()) && own.contains(pair.second()));
            for (LexicalPairs.Pair pair : p.antonyms()) assertTrue(own.contains(pair.first()) && own.contains(pair.second()));
            assertFalse(p.synonyms().isEmpty());
        }
        assertEquals(700, words);
        assertEquals(0.15, s.test().words().size() / 700.0, 0.04);
        assertEquals(s, PairSplit.byWord(syn, ant, 0.15, 0.15, 4), "the same seed gives the same split");
    }

    /** Words required in train land there; the dev and test shares are drawn from the other words. */
    @Test
    void trainWordsAreNeverHeldOut() {
        List<LexicalPairs.Pair> syn = new ArrayList<>();
        for (int i = 0; i < 3000; i++) syn.add(new LexicalPairs.Pair("w" + (i % 700), "w" + ((i * 7 + 3) % 700)));
        syn.removeIf(p -> p.first().equals(p.second()));
        Set<String> required = new HashSet<>();
        for (int i = 0; i < 700; i += 3) required.add("w" + i);
        PairSplit s = PairSplit.byWord(syn, List.of(), 0.15, 0.15, 4, required);
        assertTrue(s.train().words().containsAll(required));
        assertFalse(s.dev().words().isEmpty() || s.test().words().isEmpty());
        for (String w : s.dev().words()) assertFalse(required.contains(w), w);
        for (String w : s.test().words()) assertFalse(required.contains(w), w);
        assertEquals(0.15, s.test().words().size() / 700.0, 0.04, "the shares still hold over all words");
    }

    @Test
    void pairsAreUnordered() {
        assertEquals(new LexicalPairs.Pair("big", "large"), new LexicalPairs.Pair("large", "big"));
    }
}
