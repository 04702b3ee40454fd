package edu.cs224n.siamese;

import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.WordVectors;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RetrofitTest {
    private static WordVectors space() {
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("big", new float[] {1, 0, 0});
        v.put("large", new float[] {0, 1, 0});
        v.put("huge", new float[] {0, 0.6f, 0.8f});
        v.put("lonely", new float[] {0, 0, 2});
        return new WordVectors(3, v);
    }

    private static double cos(WordVectors v, String a, String b) {
        return new VectorSpace(v).similarity(a, b, VectorSpace.Metric.COSINE);
    }

    @Test
    void synonymsMoveTogetherAndWordsOutsideTheLexiconOnlyGetUnitLength() {
        WordVectors in = space();
        List<LexicalPairs.Pair> lexicon = List.of(new LexicalPairs.Pair("big", "large"), new LexicalPairs.Pair("large", "huge"), new LexicalPairs.Pair("big", "absent"));
        WordVectors out = Retrofit.apply(in, lexicon, 1.0, 10);
        assertEquals(0.0, cos(in, "big", "large"), 1e-9);
        assertTrue(cos(out, "big", "large") > 0.5, "retrofitted synonyms are close: " + cos(out, "big", "large"));
        assertTrue(cos(out, "large", "huge") > cos(in, "large", "huge"));
        assertArrayEquals(new float[] {0, 0, 1}, out.vectors().get("lonely"), 1e-6f);
        assertEquals(in.words(), out.words());
    }

    @Test
    void aLargeAlphaKeepsTheInputAndTheUpdateIsTheClosedForm() {
        WordVectors in = space();
        List<LexicalPairs.Pair> lexicon = List.of(new LexicalPairs.Pair("big", "large"));
        WordVectors stiff = Retrofit.apply(in, lexicon, 1e6, 10);
        assertArrayEquals(new float[] {1, 0, 0}, stiff.vectors().get("big"), 1e-5f);
        // One sweep, alpha 1: big = (big + large) / 2; then large sees the updated big: (large + big') / 2.
        WordVectors one = Retrofit.apply(in, lexicon, 1.0, 1);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, one.vectors().get("big"), 1e-6f);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0}, one.vectors().get("large"), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Retrofit.apply(in, lexicon, 0, 10));
    }
}
