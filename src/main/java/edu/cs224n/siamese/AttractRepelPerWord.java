package edu.cs224n.siamese;

import edu.cs224n.vectors.WordVectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Attract-Repel as Mrkšić et al. (TACL 2017) run it: every word of a constraint has its own free vector, no shared map.
 * Batches hold synonym pairs or antonym pairs; each pair meets its in-batch negatives ({@link AttractRepelLoss}'s cost on
 * unit vectors), a weak L2 pull toward the input vectors keeps the words of the batch in place, and AdaGrad steps each
 * word. Words in no constraint never move, so this is the per-word reference for what the pairs can add, beside
 * retrofitting, and it cannot say anything about words outside the constraints.
 */
public final class AttractRepelPerWord {
    /**
     * @param attractMargin delta_att (the paper: 0.6); {@code repelMargin} delta_rpl (0.0)
     * @param regulariser   lambda of lambda ||x - x_input||^2 on the batch's words (the paper: 1e-9)
     * @param learningRate  AdaGrad's step; on unit vectors of dimension 300, 0.003-0.01 (the paper's 0.05 was for
     *                      vectors of larger norm: here one first step of 0.05 per coordinate moves a vector by ~0.9)
     */
    public record Options(double attractMargin, double repelMargin, double regulariser, double learningRate, int batch, int epochs, long seed) {
        public static Options paper(double learningRate, int epochs, long seed) {
            return new Options(0.6, 0.0, 1e-9, learningRate, 50, epochs, seed);
        }
    }

    private AttractRepelPerWord() {}

    public static WordVectors apply(WordVectors in, List<LexicalPairs.Pair> synonyms, List<LexicalPairs.Pair> antonyms, Options o) {
        List<String> words = in.words();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) index.put(words.get(i), i);
        double[][] x = SiameseModel.unitRows(in), adagrad = new double[words.size()][];
        double[][] original = java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        AttractRepelLoss loss = new AttractRepelLoss(o.attractMargin(), o.repelMargin());
        List<int[]> attract = indexed(synonyms, index), repel = indexed(antonyms, index);
        Random rng = new Random(o.seed());
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            List<List<int[]>> batches = new ArrayList<>();
            List<Boolean> kinds = new ArrayList<>();
            for (boolean isAttract : new boolean[] {true, false}) {
                List<int[]> pairs = new ArrayList<>(isAttract ? attract : repel);
                Collections.shuffle(pairs, rng);
                for (int from = 0; from < pairs.size(); from += o.batch()) {
                    batches.add(pairs.subList(from, Math.min(pairs.size(), from + o.batch())));
                    kinds.add(isAttract);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) order.add(b);
            Collections.shuffle(order, rng);
            for (int b : order) step(x, original, adagrad, batches.get(b), kinds.get(b), loss, o, in.dim());
        }
        return WordVectors.of(words, Nd4j.createFromArray(x).castTo(DataType.FLOAT));
    }

    /**
     * One AdaGrad step on a batch's words: {@link AttractRepelLoss}'s cost and gradients on the rows [x_l | x_r | t_l | t_r]
     * of unit vectors, each block's gradient given to its word, then the pull toward the input.
     */
    private static void step(double[][] x, double[][] original, double[][] adagrad, List<int[]> batch, boolean attract, AttractRepelLoss loss,
                             Options o, int d) {
        int n = batch.size();
        int[] rows = new int[2 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = batch.get(i)[0];
            rows[n + i] = batch.get(i)[1];
        }
        double[][] h = new double[2 * n][];
        for (int j = 0; j < 2 * n; j++) h[j] = unit(x[rows[j]]);
        double[][] quad = new double[n][4 * d];
        int[][] owners = new int[n][];
        for (int i = 0; i < n; i++) {
            int l = i, r = n + i;
            int tl = negative(h, rows, l, rows[l], rows[r], attract), tr = negative(h, rows, r, rows[l], rows[r], attract);
            int[] at = {l, r, tl, tr};
            owners[i] = new int[4];
            for (int block = 0; block < 4; block++) {
                owners[i][block] = rows[at[block]];
                System.arraycopy(h[at[block]], 0, quad[i], block * d, d);
            }
        }
        double[][] blockGrad = new double[n][4 * d];
        loss.rows(Nd4j.valueArrayOf(new long[] {n, 1}, attract ? 1.0 : 0.0, DataType.DOUBLE), Nd4j.createFromArray(quad), null, blockGrad);
        // Every batch word (the negatives are batch words too) gets its hinge gradients and the pull toward its input.
        Map<Integer, double[]> grad = new HashMap<>();
        for (int row : rows) grad.put(row, new double[d]);
        for (int i = 0; i < n; i++) {
            for (int block = 0; block < 4; block++) {
                double[] g = grad.get(owners[i][block]);
                for (int k = 0; k < d; k++) g[k] += blockGrad[i][block * d + k];
            }
        }
        for (var e : grad.entrySet()) {
            int w = e.getKey();
            double[] g = e.getValue();
            if (adagrad[w] == null) adagrad[w] = new double[d];
            for (int k = 0; k < d; k++) {
                double gk = g[k] + 2 * o.regulariser() * (x[w][k] - original[w][k]);
                adagrad[w][k] += gk * gk;
                x[w][k] -= o.learningRate() * gk / Math.sqrt(adagrad[w][k] + 1e-8);
            }
        }
    }

    /** The batch word nearest to (attract) or farthest from (repel) h[j], other than the pair's own two words. */
    private static int negative(double[][] h, int[] rows, int j, int left, int right, boolean attract) {
        int best = -1;
        double bestCos = 0;
        for (int m = 0; m < h.length; m++) {
            if (rows[m] == left || rows[m] == right) continue;
            double c = dot(h[j], h[m]);
            if (best < 0 || (attract ? c > bestCos : c < bestCos)) {
                best = m;
                bestCos = c;
            }
        }
        return best < 0 ? j : best;
    }

    private static List<int[]> indexed(List<LexicalPairs.Pair> pairs, Map<String, Integer> index) {
        List<int[]> out = new ArrayList<>();
        for (LexicalPairs.Pair p : pairs) {
            Integer a = index.get(p.first()), b = index.get(p.second());
            if (a != null && b != null && !a.equals(b)) out.add(new int[] {a, b});
        }
        return out;
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v)) + 1e-12;
        double[] u = new double[v.length];
        for (int k = 0; k < v.length; k++) u[k] = v[k] / norm;
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }
}
