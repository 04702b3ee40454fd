package edu.cs224n.siamese;

import edu.cs224n.config.Configs;

import edu.cs224n.vectors.WordVectors;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SiameseCeilingTest {
    /**
     * Synthetic pairs where an antonym differs from its word along one axis and a synonym only by noise: a pair
     * classifier trained on the split's training words must rank held-out synonyms as the closer pairs.
     */
    @Test
    void pairClassifiersLearnWhatSeparatesAntonymsOnHeldOutWords() {
        Random rng = new Random(3);
        int d = 16;
        Map<String, float[]> v = new LinkedHashMap<>();
        List<LexicalPairs.Pair> syn = new ArrayList<>(), ant = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            float[] a = new float[d], b = new float[d];
            for (int k = 0; k < d; k++) a[k] = (float) rng.nextGaussian();
            boolean antonym = i % 3 == 0;
            a[0] = antonym ? 2.5f : (float) rng.nextGaussian();
            for (int k = 0; k < d; k++) b[k] = a[k] + 0.4f * (float) rng.nextGaussian();
            if (antonym) b[0] = -a[0];
            v.put("a" + i, a);
            v.put("b" + i, b);
            (antonym ? ant : syn).add(new LexicalPairs.Pair("a" + i, "b" + i));
        }
        WordVectors vectors = new WordVectors(d, v);
        PairSplit split = PairSplit.byWord(syn, ant, 0.2, 0.2, 5);
        assertTrue(split.test().antonyms().size() > 20 && split.test().synonyms().size() > 40);
        SiameseCeiling ceiling = new SiameseCeiling(Configs.with(SiameseCeilingConfig.defaults(),
                Map.of("alphas", List.of(1.0), "hidden", List.of(0, 32), "splits", 1, "epochs", 8, "learning_rate", 1e-2)), SiameseConfig.defaults(),
                new PrintWriter(java.io.OutputStream.nullOutputStream()));
        WordVectors unit = WordVectors.of(vectors.words(), SiameseModel.normalizeRows(vectors.matrix(vectors.words())));
        SiameseCeiling.PairData data = SiameseCeiling.PairData.of(unit, split);
        for (int hidden : List.of(0, 32)) {
            double[] r = ceiling.classifier(data, hidden, 7);
            assertTrue(r[0] > 0.9, SiameseCeiling.classifierName(hidden) + ": held-out AUC " + r[0]);
            assertTrue(r[1] >= 1 && r[1] <= 8);
        }
        // The features are symmetric: a pair scores the same in either order.
        assertEquals(SiameseCeiling.features(vectors, List.of(new LexicalPairs.Pair("a1", "b1"))),
                SiameseCeiling.features(vectors, List.of(new LexicalPairs.Pair("b1", "a1"))));
    }
}
