package edu.cs224n.biaffine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The maximum spanning tree with one root child: known answers, cycles to contract, and brute force on small random graphs. */
class SpanningTreeTest {
    static final double NO = Double.NEGATIVE_INFINITY;

    @Test
    void aGraphWithoutCyclesKeepsEachWordsBestHead() {
        // ROOT -> 2, 2 -> 1, 2 -> 3: every word's best head already forms a tree.
        double[][] s = {
                {0, 1, 9, 1},
                {0, 0, 1, 2},
                {0, 8, 0, 7},
                {0, 1, 1, 0}};
        assertArrayEquals(new int[] {-1, 2, 0, 2}, SpanningTree.decode(s));
    }

    @Test
    void aCycleIsContractedAndBrokenWhereItCostsLeast() {
        // 1 and 2 prefer each other (a cycle); entering it at 1 from ROOT costs 10 - 5, at 2 costs 10 - 6... The best tree:
        // ROOT -> 2 (score 5), 2 -> 1 (10), 1 -> 3 (4) = 19; ROOT -> 1 (4), 1 -> 2 (10), 1 -> 3 (4) = 18.
        double[][] s = {
                {0, 4, 5, 1},
                {0, 0, 10, 4},
                {0, 10, 0, 3},
                {0, 1, 1, 0}};
        int[] heads = SpanningTree.decode(s);
        assertArrayEquals(new int[] {-1, 2, 0, 1}, heads);
        assertEquals(19, SpanningTree.score(s, heads), 1e-12);
    }

    @Test
    void aNestedCycleIsContractedTwice() {
        // 1 <-> 2 is a cycle; once contracted, {1,2} <-> 3 is another. ROOT's arcs are weak everywhere.
        double[][] s = {
                {0, 1, 2, 3},
                {0, 0, 9, 5},
                {0, 9, 0, 1},
                {0, 8, 7, 0}};
        int[] heads = SpanningTree.decode(s);
        assertEquals(bruteForce(s), SpanningTree.score(s, heads), 1e-12);
        assertTrue(isTreeWithOneRootChild(heads));
    }

    @Test
    void onlyOneWordHangsFromRootEvenWhenSeveralPreferIt() {
        double[][] s = {
                {0, 9, 9, 9},
                {0, 0, 1, 1},
                {0, 1, 0, 2},
                {0, 1, 1, 0}};
        int[] heads = SpanningTree.decode(s);
        assertTrue(isTreeWithOneRootChild(heads));
        assertEquals(bruteForce(s), SpanningTree.score(s, heads), 1e-12);
    }

    @Test
    void crossingArcsAreProducedWhenTheyScoreBest() {
        // 1 -> 3 and 2 -> 4 cross; they are the best arcs and form a tree with ROOT -> 1, 1 -> 2.
        double[][] s = new double[5][5];
        for (double[] row : s) java.util.Arrays.fill(row, -5);
        s[0][1] = 5;
        s[1][2] = 5;
        s[1][3] = 5;
        s[2][4] = 5;
        assertArrayEquals(new int[] {-1, 0, 1, 1, 2}, SpanningTree.decode(s));
    }

    @Test
    void randomGraphsMatchBruteForceUpToSevenWords() {
        Random r = new Random(17);
        for (int n = 1; n <= 7; n++) {
            int trials = n <= 5 ? 200 : n == 6 ? 40 : 8;
            for (int trial = 0; trial < trials; trial++) {
                double[][] s = new double[n + 1][n + 1];
                for (double[] row : s) for (int j = 0; j <= n; j++) row[j] = r.nextInt(4) == 0 ? r.nextGaussian() * 10 : r.nextGaussian();
                int[] heads = SpanningTree.decode(s);
                assertTrue(isTreeWithOneRootChild(heads), "a tree with one root child for n = " + n);
                assertEquals(bruteForce(s), SpanningTree.score(s, heads), 1e-9, "the best score for n = " + n + ", trial " + trial);
            }
        }
    }

    /** The best score over all head assignments that are trees with exactly one root child. */
    static double bruteForce(double[][] s) {
        int n = s.length - 1;
        int[] heads = new int[n + 1];
        heads[0] = -1;
        double[] best = {Double.NEGATIVE_INFINITY};
        enumerate(s, heads, 1, best);
        return best[0];
    }

    private static void enumerate(double[][] s, int[] heads, int d, double[] best) {
        int n = s.length - 1;
        if (d > n) {
            if (isTreeWithOneRootChild(heads)) best[0] = Math.max(best[0], SpanningTree.score(s, heads));
            return;
        }
        for (int h = 0; h <= n; h++) {
            if (h == d) continue;
            heads[d] = h;
            enumerate(s, heads, d + 1, best);
        }
    }

    static boolean isTreeWithOneRootChild(int[] heads) {
        int n = heads.length - 1, rootChildren = 0;
        for (int d = 1; d <= n; d++) {
            if (heads[d] < 0 || heads[d] > n || heads[d] == d) return false;
            if (heads[d] == 0) rootChildren++;
            int v = d;
            for (int steps = 0; v != 0; steps++) {
                if (steps > n) return false; // a cycle
                v = heads[v];
            }
        }
        return rootChildren == 1;
    }
}
