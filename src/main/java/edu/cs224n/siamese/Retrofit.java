package edu.cs224n.siamese;

import edu.cs224n.vectors.WordVectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrofitting (Faruqui et al. 2015): every word that has lexicon neighbours is moved, word by word, toward the mean
 * of its neighbours while an {@code alpha} pull keeps it near its own input vector:
 * <pre>  q_i = (alpha * qhat_i + mean_j q_j) / (alpha + 1)      (beta_ij = 1 / degree(i); 10 sweeps in the paper)</pre>
 * Unlike a learned map this gives every lexicon word its own update, so it is the per-word upper reference for what a
 * synonym lexicon can add to a vector space. Inputs are scaled to unit length first, as in the paper's code.
 */
public final class Retrofit {
    private Retrofit() {}

    /** @param lexicon related word pairs (e.g. WordNet synonyms); pairs with a word outside {@code in} are ignored */
    public static WordVectors apply(WordVectors in, List<LexicalPairs.Pair> lexicon, double alpha, int sweeps) {
        if (!(alpha > 0)) throw new IllegalArgumentException("alpha: expected > 0, got " + alpha);
        if (sweeps < 1) throw new IllegalArgumentException("sweeps: expected >= 1, got " + sweeps);
        List<String> words = in.words();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) index.put(words.get(i), i);
        int d = in.dim();
        double[][] original = SiameseModel.unitRows(in);
        double[][] q = java.util.Arrays.stream(original).map(double[]::clone).toArray(double[][]::new);
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) neighbours.add(new ArrayList<>());
        for (LexicalPairs.Pair e : lexicon) {
            Integer a = index.get(e.first()), b = index.get(e.second());
            if (a == null || b == null || a.equals(b)) continue;
            neighbours.get(a).add(b);
            neighbours.get(b).add(a);
        }
        double[] mean = new double[d];
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int i = 0; i < words.size(); i++) {
                List<Integer> nb = neighbours.get(i);
                if (nb.isEmpty()) continue;
                java.util.Arrays.fill(mean, 0);
                for (int j : nb) for (int k = 0; k < d; k++) mean[k] += q[j][k];
                // In place (Gauss-Seidel), as the reference implementation: later words see this sweep's updates.
                for (int k = 0; k < d; k++) q[i][k] = (alpha * original[i][k] + mean[k] / nb.size()) / (alpha + 1);
            }
        }
        return WordVectors.of(words, org.nd4j.linalg.factory.Nd4j.createFromArray(q).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }
}
