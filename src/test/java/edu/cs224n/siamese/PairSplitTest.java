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

    @Test
    void pairsAreUnordered() {
        assertEquals(new LexicalPairs.Pair("big", "large"), new LexicalPairs.Pair("large", "big"));
    }
}
