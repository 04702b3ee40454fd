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
