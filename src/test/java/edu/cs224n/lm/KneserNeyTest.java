package edu.cs224n.lm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The Kneser-Ney baseline: proper distributions, sensible orders, Brown-style vocabulary. */
class KneserNeyTest {
    static final List<List<String>> TEXT = List.of(
            List.of("the", "cat", "sat", "on", "the", "mat"),
            List.of("the", "dog", "sat", "on", "the", "log"),
            List.of("a", "cat", "saw", "the", "dog"),
            List.of("the", "dog", "saw", "a", "cat", "on", "the", "mat"),
            List.of("a", "dog", "sat"));

    @Test
    void everyConditionalDistributionSumsToOne() {
        LmVocabulary v = LmVocabulary.build(TEXT, 1, 0);
        for (int order = 1; order <= 5; order++) {
            KneserNey kn = new KneserNey(order, v.size(), v.encode(TEXT));
            Random rng = new Random(order);
            int[][] contexts = {{}, {v.words().id("the")}, {v.words().id("the"), v.words().id("cat")}, {v.words().id("sat"), v.words().id("on"), v.words().id("the")},
                    {LmVocabulary.UNK_ID, LmVocabulary.UNK_ID}, {rng.nextInt(v.size()), rng.nextInt(v.size()), rng.nextInt(v.size()), rng.nextInt(v.size())}};
            for (int[] h : contexts) {
                double sum = 0;
                for (int w = 0; w < v.size(); w++) {
                    double p = kn.probability(h, w);
                    assertTrue(p > 0 && p < 1, "P(" + w + "|" + java.util.Arrays.toString(h) + ") = " + p);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-9, "order " + order + " context " + java.util.Arrays.toString(h));
            }
        }
    }

    @Test
    void seenContinuationsGetMoreThanUnseenOnes() {
        LmVocabulary v = LmVocabulary.build(TEXT, 1, 0);
        KneserNey kn = new KneserNey(3, v.size(), v.encode(TEXT));
        int[] h = {v.words().id("sat"), v.words().id("on")};
        double seen = kn.probability(h, v.words().id("the"));
        double unseen = kn.probability(h, v.words().id("saw"));
        assertTrue(seen > 3 * unseen, "P(the | sat on) = " + seen + ", P(saw | sat on) = " + unseen);
    }

    @Test
    void vocabularyMapsRareWordsToUnkAndEndsSentences() {
        LmVocabulary v = LmVocabulary.build(TEXT, 2, 0);
        assertEquals(LmVocabulary.EOS, v.words().get(LmVocabulary.EOS_ID));
        assertEquals(LmVocabulary.UNK, v.words().get(LmVocabulary.UNK_ID));
        int[] s = v.encode(List.of(List.of("the", "log", "zebra"))) [0];
        assertArrayEquals(new int[] {v.words().id("the"), LmVocabulary.UNK_ID, LmVocabulary.UNK_ID, LmVocabulary.EOS_ID}, s, "log is seen once: <unk>");
        assertEquals(4, LmVocabulary.build(TEXT, 1, 4).size(), "max size counts </s> and <unk>");
    }

    @Test
    void uniformModelHasPerplexityOfTheVocabularySize() {
        LmVocabulary v = LmVocabulary.build(TEXT, 1, 0);
        int[][] enc = v.encode(TEXT);
        long tokens = java.util.Arrays.stream(enc).mapToLong(a -> a.length).sum();
        Perplexity uniform = new Perplexity(tokens * Math.log(v.size()), tokens, 0);
        assertEquals(v.size(), uniform.value(), 1e-9);
        // Trained on the text it is scored on, an n-gram model beats uniform by far.
        assertTrue(new KneserNey(3, v.size(), enc).perplexity(enc, LmVocabulary.UNK_ID).value() < v.size() / 3.0);
    }
}
