package edu.cs224n.parser;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The pseudo-projective transform: lifts make a tree projective, the labels encode them, and undoing them is exact. */
class PseudoProjectiveTest {
    static PseudoProjective.Tree tree(int[] heads, String... labels) {
        String[] l = new String[labels.length + 1];
        l[0] = "";
        System.arraycopy(labels, 0, l, 1, labels.length);
        return new PseudoProjective.Tree(heads, l);
    }

    static boolean projective(int[] heads) {
        for (boolean b : Projectivity.nonProjectiveArcs(heads)) if (b) return false;
        return true;
    }

    @Test
    void aCrossingArcIsLiftedAndRestored() {
        // "A hearing is scheduled on the issue today": 2 (hearing) -> 5 (on) crosses 4 (scheduled) -> 3 (is)... as in
        // Nivre and Nilsson's example: word 5 hangs from 2 across the root's child 4.
        int[] heads = {-1, 2, 4, 4, 0, 2, 7, 5, 4};
        PseudoProjective.Tree t = tree(heads, "det", "nsubj", "aux", "root", "nmod", "det", "pobj", "obl");
        assertFalse(projective(heads));
        PseudoProjective.Tree p = PseudoProjective.projectivize(t);
        assertTrue(projective(p.heads()));
        assertEquals(4, p.heads()[5], "lifted to its head's head");
        assertEquals("nmod^nsubj", p.labels()[5], "the label says it came from an nsubj");
        PseudoProjective.Tree back = PseudoProjective.deprojectivize(p);
        assertArrayEquals(heads, back.heads());
        assertArrayEquals(t.labels(), back.labels());
    }

    @Test
    void nonProjectiveArcsAreThoseSpanningAWordTheirHeadDoesNotDominate() {
        int[] heads = {-1, 2, 4, 4, 0, 2, 7, 5, 4};
        boolean[] np = Projectivity.nonProjectiveArcs(heads);
        for (int d = 1; d < heads.length; d++) assertEquals(d == 5, np[d], "arc into " + d);
        assertFalse(Projectivity.nonProjectiveArcs(new int[] {-1, 2, 0, 2})[1]);
        // Recall counts a gold non-projective arc as recovered when the prediction has its head.
        var gold = new edu.cs224n.data.Sentence("g", 1, java.util.List.of(), tokens(heads), java.util.List.of());
        int[] guess = heads.clone();
        guess[5] = 4;
        var predicted = new edu.cs224n.data.Sentence("p", 1, java.util.List.of(), tokens(guess), java.util.List.of());
        Projectivity.Recall none = Projectivity.recall(java.util.List.of(gold), java.util.List.of(predicted));
        assertEquals(1, none.goldArcs());
        assertEquals(0, none.recovered());
        assertEquals(0, none.predictedArcs());
        Projectivity.Recall all = Projectivity.recall(java.util.List.of(gold), java.util.List.of(gold));
        assertEquals(100.0, all.percent(), 1e-12);
        assertEquals(1, all.predictedArcs());
    }

    static java.util.List<edu.cs224n.data.Token> tokens(int[] heads) {
        java.util.List<edu.cs224n.data.Token> out = new java.util.ArrayList<>();
        for (int d = 1; d < heads.length; d++) {
            out.add(new edu.cs224n.data.Token(d, "w" + d, "_", "X", "X", "_", Integer.toString(heads[d]), "dep", "_", "_", d));
        }
        return out;
    }

    @Test
    void projectiveTreesAreLeftAlone() {
        PseudoProjective.Tree t = tree(new int[] {-1, 2, 0, 2}, "nsubj", "root", "obj");
        assertSame(t, PseudoProjective.projectivize(t));
        assertSame(t, PseudoProjective.deprojectivize(t));
    }

    @Test
    void randomTreesRoundTripExactly() {
        Random r = new Random(5);
        String[] names = {"a", "b", "c"};
        int nonProjective = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = 2 + r.nextInt(11);
            int[] heads = randomTree(n, r);
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) labels[i] = names[r.nextInt(names.length)];
            PseudoProjective.Tree t = tree(heads, labels);
            if (!projective(heads)) nonProjective++;
            PseudoProjective.Tree p = PseudoProjective.projectivize(t);
            assertTrue(projective(p.heads()), "projective after lifting");
            PseudoProjective.Tree back = PseudoProjective.deprojectivize(p);
            assertArrayEquals(heads, back.heads(), "heads of trial " + trial);
            assertArrayEquals(t.labels(), back.labels(), "labels of trial " + trial);
        }
        assertTrue(nonProjective > 1000, "most random trees are non-projective: " + nonProjective);
    }

    /** A random tree with one root child (a random Pruefer-like attachment in a random order). */
    static int[] randomTree(int n, Random r) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i + 1;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        int[] heads = new int[n + 1];
        heads[0] = -1;
        heads[order[0]] = 0;
        for (int i = 1; i < n; i++) heads[order[i]] = order[r.nextInt(i)];
        return heads;
    }
}
