package edu.cs224n.siamese;

import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.WordVectors;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class AttractRepelPerWordTest {
    private static double cos(WordVectors v, String a, String b) {
        return new VectorSpace(v).similarity(a, b, VectorSpace.Metric.COSINE);
    }

    /** Synonym pairs end closer, antonym pairs farther apart, and a word in no pair keeps its vector. */
    @Test
    void synonymsAttractAntonymsRepelAndUnconstrainedWordsStay() {
        Random rng = new Random(3);
        Map<String, float[]> v = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            float[] x = new float[16];
            for (int k = 0; k < 16; k++) x[k] = (float) rng.nextGaussian();
            v.put("w" + i, x);
        }
        WordVectors in = new WordVectors(16, v);
        List<LexicalPairs.Pair> synonyms = new java.util.ArrayList<>(), antonyms = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i += 2) synonyms.add(new LexicalPairs.Pair("w" + i, "w" + (i + 1)));
        for (int i = 20; i < 36; i += 2) antonyms.add(new LexicalPairs.Pair("w" + i, "w" + (i + 1)));
        WordVectors out = AttractRepelPerWord.apply(in, synonyms, antonyms, new AttractRepelPerWord.Options(0.6, 0.0, 1e-9, 0.05, 5, 20, 1));
        double synBefore = 0, synAfter = 0, antBefore = 0, antAfter = 0;
        for (LexicalPairs.Pair p : synonyms) {
            synBefore += cos(in, p.first(), p.second()) / synonyms.size();
            synAfter += cos(out, p.first(), p.second()) / synonyms.size();
        }
        for (LexicalPairs.Pair p : antonyms) {
            antBefore += cos(in, p.first(), p.second()) / antonyms.size();
            antAfter += cos(out, p.first(), p.second()) / antonyms.size();
        }
        assertTrue(synAfter > synBefore + 0.5, "synonyms attract: mean cosine " + synBefore + " -> " + synAfter);
        assertTrue(antAfter < antBefore - 0.1, "antonyms repel: mean cosine " + antBefore + " -> " + antAfter);
        for (String lonely : List.of("w36", "w37", "w38", "w39")) {
            float[] a = in.vectors().get(lonely), b = out.vectors().get(lonely);
            double norm = 0;
            for (float f : a) norm += f * (double) f;
            for (int k = 0; k < 16; k++) assertEquals(a[k] / Math.sqrt(norm), b[k], 1e-6, "a word in no pair keeps its (unit) vector");
        }
    }
}
