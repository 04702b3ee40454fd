package edu.cs224n.parser;

import edu.cs224n.data.Sentence;

import java.util.List;
import java.util.Locale;

/**
 * Non-projective arcs: an arc h -> d is non-projective when some word strictly between h and d is not a descendant of
 * h (drawn above the sentence, it crosses another arc or encloses the root's). A transition parser of the arc-standard
 * kind can produce none; a graph parser can.
 */
public final class Projectivity {
    private Projectivity() {}

    /** Which arcs are non-projective: index d (1..n) of {@code heads} (heads[0] unused). */
    public static boolean[] nonProjectiveArcs(int[] heads) {
        int n = heads.length - 1;
        boolean[] out = new boolean[n + 1];
        for (int d = 1; d <= n; d++) {
            int h = heads[d];
            if (h < 0) continue;
            int lo = Math.min(h, d), hi = Math.max(h, d);
            for (int k = lo + 1; k < hi && !out[d]; k++) out[d] = !dominates(heads, h, k);
        }
        return out;
    }

    /** Whether h is an ancestor of (or is) k. */
    static boolean dominates(int[] heads, int h, int k) {
        int v = k;
        for (int steps = 0; steps <= heads.length && v > 0; steps++) {
            if (v == h) return true;
            v = heads[v];
        }
        return v == h;
    }

    /** Heads with ROOT at index 0 (-1) from a sentence's HEAD column. */
    public static int[] heads(Sentence s) {
        int[] h = new int[s.size() + 1];
        h[0] = -1;
        for (int i = 0; i < s.size(); i++) h[i + 1] = s.tokens().get(i).head();
        return h;
    }

    /** Gold non-projective arcs, and how many of them the prediction has (same head; the label is not asked). */
    public record Recall(int goldArcs, int recovered, int predictedArcs, int trees, int nonProjectiveTrees) {
        public double percent() {
            return goldArcs == 0 ? 0 : 100.0 * recovered / goldArcs;
        }

        public String summary() {
            return String.format(Locale.ROOT, "non-projective arcs: %d gold (in %d of %d trees), %d recovered (recall %.1f%%), %d predicted",
                    goldArcs, nonProjectiveTrees, trees, recovered, percent(), predictedArcs);
        }
    }

    public static Recall recall(List<Sentence> gold, List<Sentence> predicted) {
        int goldArcs = 0, recovered = 0, predictedArcs = 0, npTrees = 0;
        for (int i = 0; i < gold.size(); i++) {
            int[] g = heads(gold.get(i)), p = heads(predicted.get(i));
            boolean[] np = nonProjectiveArcs(g), pnp = nonProjectiveArcs(p);
            boolean any = false;
            for (int d = 1; d < g.length; d++) {
                if (np[d]) {
                    goldArcs++;
                    any = true;
                    if (p[d] == g[d]) recovered++;
                }
                if (pnp[d]) predictedArcs++;
            }
            if (any) npTrees++;
        }
        return new Recall(goldArcs, recovered, predictedArcs, gold.size(), npTrees);
    }
}
