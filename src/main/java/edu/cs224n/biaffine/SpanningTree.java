package edu.cs224n.biaffine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The maximum spanning arborescence of a dependency graph (Chu and Liu 1965, Edmonds 1967), with exactly one child of
 * ROOT: the highest-scoring well-formed tree, projective or not. {@code score[h][d]} is the score of the arc h -> d over
 * positions 0..n (0 = ROOT); a tree's score is the sum of its arcs' scores (with log-probabilities, the most probable
 * tree under independent head choices).
 * <p>One root child: every tree has at least one arc out of ROOT, so lowering all of them by more than any tree's
 * score range makes the best tree one with exactly one, and among those the best (a single call, exact).
 */
public final class SpanningTree {
    private SpanningTree() {}

    /** The heads of the best tree with one root child: {@code heads[d]} for d = 1..n ({@code heads[0]} = -1). */
    public static int[] decode(double[][] score) {
        int size = score.length;
        if (size == 1) return new int[] {-1};
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : score) {
            for (double v : row) {
                if (Double.isNaN(v)) throw new IllegalArgumentException("a NaN arc score");
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double penalty = Double.isFinite(lo) ? (hi - lo + 1) * size : 1;
        double[][] s = new double[size][size];
        for (int h = 0; h < size; h++) {
            for (int d = 0; d < size; d++) {
                s[h][d] = d == 0 || h == d ? Double.NEGATIVE_INFINITY : score[h][d] - (h == 0 ? penalty : 0);
            }
        }
        return arborescence(s);
    }

    /** The maximum arborescence rooted at 0 of s (-inf: no arc); heads[0] = -1. */
    static int[] arborescence(double[][] s) {
        int size = s.length;
        int[] head = new int[size];
        head[0] = -1;
        for (int d = 1; d < size; d++) {
            int best = -1;
            for (int h = 0; h < size; h++) if (h != d && (best < 0 || s[h][d] > s[best][d])) best = h;
            head[d] = best;
        }
        int[] cycle = findCycle(head);
        if (cycle == null) return head;

        // Contract the cycle into one node c: nodes outside keep their order, c comes last.
        boolean[] inCycle = new boolean[size];
        for (int v : cycle) inCycle[v] = true;
        int[] outside = new int[size - cycle.length];
        int[] index = new int[size];
        int k = 0;
        for (int v = 0; v < size; v++) if (!inCycle[v]) { index[v] = k; outside[k++] = v; }
        int c = k, m = k + 1;
        double[][] t = new double[m][m];
        for (double[] row : t) Arrays.fill(row, Double.NEGATIVE_INFINITY);
        int[] enterAt = new int[m];   // for an arc u -> c: the cycle node it enters
        int[] leaveFrom = new int[m]; // for an arc c -> v: the cycle node it leaves
        for (int a = 0; a < k; a++) {
            int u = outside[a];
            for (int b = 0; b < k; b++) t[a][b] = s[u][outside[b]];
            double best = Double.NEGATIVE_INFINITY;
            int at = -1;
            for (int v : cycle) {
                double gain = s[u][v] - s[head[v]][v];
                if (at < 0 || gain > best) { best = gain; at = v; }
            }
            t[a][c] = best; // the cycle's own score is the same for every way in, so it is left out
            enterAt[a] = at;
            double out = Double.NEGATIVE_INFINITY;
            int from = -1;
            for (int v : cycle) if (from < 0 || s[v][u] > out) { out = s[v][u]; from = v; }
            t[c][a] = out;
            leaveFrom[a] = from;
        }
        int[] inner = arborescence(t);
        int[] result = head.clone(); // cycle nodes keep their cycle heads except the one entered
        for (int b = 1; b < m; b++) {
            int h = inner[b];
            if (b == c) {
                int u = outside[h];
                result[enterAt[h]] = u;
            } else {
                int v = outside[b];
                result[v] = h == c ? leaveFrom[b] : outside[h];
            }
        }
        return result;
    }

    /** The nodes of a cycle in the head graph, or null when it has none. */
    static int[] findCycle(int[] head) {
        int size = head.length;
        int[] state = new int[size]; // 0 unvisited, 1 on the current path, 2 done
        for (int start = 1; start < size; start++) {
            if (state[start] != 0) continue;
            List<Integer> path = new ArrayList<>();
            int v = start;
            while (v > 0 && state[v] == 0) {
                state[v] = 1;
                path.add(v);
                v = head[v];
            }
            if (v > 0 && state[v] == 1) {
                List<Integer> cyc = path.subList(path.indexOf(v), path.size());
                return cyc.stream().mapToInt(Integer::intValue).toArray();
            }
            for (int p : path) state[p] = 2;
        }
        return null;
    }

    /** The sum of the arc scores of {@code heads} (d = 1..n). */
    public static double score(double[][] score, int[] heads) {
        double sum = 0;
        for (int d = 1; d < heads.length; d++) sum += score[heads[d]][d];
        return sum;
    }
}
