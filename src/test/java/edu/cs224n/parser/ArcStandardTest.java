package edu.cs224n.parser;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ArcStandardTest {
    static final String[] WORDS = {"ROOT", "I", "parsed", "this", "sentence", "correctly"};

    static List<String> names(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        for (int i : ids) out.add(WORDS[i]);
        return out;
    }

    /** CS224n assignment 2, section 2(a): the configurations, arcs and transitions, step by step. */
    @Test
    void reproducesTheSeedWorkedExample() {
        ArcStandard sys = ArcStandard.unlabelled();
        int S = ArcStandard.SHIFT, L = sys.leftArc(0), R = sys.rightArc(0);
        PartialParse p = new PartialParse(5);
        assertEquals(List.of("ROOT"), names(p.stackList()));
        assertEquals(List.of("I", "parsed", "this", "sentence", "correctly"), names(p.bufferList()));
        Object[][] steps = {
                {S, List.of("ROOT", "I"), List.of("parsed", "this", "sentence", "correctly"), null},
                {S, List.of("ROOT", "I", "parsed"), List.of("this", "sentence", "correctly"), null},
                {L, List.of("ROOT", "parsed"), List.of("this", "sentence", "correctly"), "parsed->I"},
                {S, List.of("ROOT", "parsed", "this"), List.of("sentence", "correctly"), null},
                {S, List.of("ROOT", "parsed", "this", "sentence"), List.of("correctly"), null},
                {L, List.of("ROOT", "parsed", "sentence"), List.of("correctly"), "sentence->this"},
                {R, List.of("ROOT", "parsed"), List.of("correctly"), "parsed->sentence"},
                {S, List.of("ROOT", "parsed", "correctly"), List.of(), null},
                {R, List.of("ROOT", "parsed"), List.of(), "parsed->correctly"},
                {R, List.of("ROOT"), List.of(), "ROOT->parsed"},
        };
        for (Object[] step : steps) {
            assertFalse(p.isComplete());
            int t = (Integer) step[0];
            int before = p.stackSize() >= 2 ? p.stack(t == L ? 1 : 0) : -1;
            sys.apply(p, t);
            assertEquals(step[1], names(p.stackList()), sys.name(t));
            assertEquals(step[2], names(p.bufferList()), sys.name(t));
            if (step[3] != null) {
                int dep = before;
                assertEquals(step[3], WORDS[p.head(dep)] + "->" + WORDS[dep]);
            }
        }
        assertTrue(p.isComplete());
        assertEquals(10, p.steps());
        assertArrayEquals(new int[] {2, 0, 4, 2, 2}, p.heads());
    }

    @Test
    void oracleDerivesEveryProjectiveTreeInExactly2nTransitions() {
        Random rng = new Random(7);
        ArcStandard sys = new ArcStandard(List.of("a", "b", "c"));
        Oracle oracle = new Oracle(sys);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(15);
            int[] heads = randomProjectiveTree(n, rng);
            int[] labels = new int[n + 1];
            for (int w = 1; w <= n; w++) labels[w] = rng.nextInt(3);
            int[] seq = oracle.sequence(n, heads, labels);
            assertNotNull(seq);
            assertEquals(2 * n, seq.length);
            PartialParse p = new PartialParse(n);
            for (int t : seq) sys.apply(p, t);
            assertTrue(p.isComplete());
            for (int w = 1; w <= n; w++) {
                assertEquals(heads[w], p.head(w));
                assertEquals(labels[w], p.label(w));
            }
        }
    }

    /** Projective trees by recursive splitting: a head in [lo, hi] takes projective subtrees on each side. */
    static int[] randomProjectiveTree(int n, Random rng) {
        int[] heads = new int[n + 1];
        build(1, n, 0, heads, rng);
        return heads;
    }

    private static void build(int lo, int hi, int parent, int[] heads, Random rng) {
        if (lo > hi) return;
        int h = lo + rng.nextInt(hi - lo + 1);
        heads[h] = parent;
        int cut = lo + (h - lo == 0 ? 0 : rng.nextInt(h - lo + 1));
        build(lo, cut - 1, h, heads, rng);
        build(cut, h - 1, h, heads, rng);
        int cut2 = h + 1 + (hi - h == 0 ? 0 : rng.nextInt(hi - h + 1));
        build(h + 1, cut2 - 1, h, heads, rng);
        build(cut2, hi, h, heads, rng);
    }

    @Test
    void oracleRejectsNonProjectiveTrees() {
        // 1 <- 3, 2 <- 4: arcs (3,1) and (4,2) cross.
        int[] heads = {0, 3, 4, 0, 3};
        assertNull(new Oracle(ArcStandard.unlabelled()).sequence(4, heads, new int[5]));
    }

    @Test
    void anyLegalSequenceTakes2nStepsAndGivesOneRoot() {
        Random rng = new Random(3);
        ArcStandard sys = ArcStandard.unlabelled();
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(20);
            PartialParse p = new PartialParse(n);
            while (!p.isComplete()) {
                int t;
                do t = rng.nextInt(sys.numTransitions()); while (!sys.isLegal(p, t));
                sys.apply(p, t);
            }
            assertEquals(2 * n, p.steps());
            int roots = 0;
            for (int h : p.heads()) if (h == 0) roots++;
            assertEquals(1, roots);
        }
    }

    @Test
    void labelledSystemHas2LPlus1ClassesAndIllegalMovesFail() {
        ArcStandard sys = new ArcStandard(List.of("nsubj", "obj", "root"));
        assertEquals(7, sys.numTransitions());
        assertEquals("LEFT-ARC(obj)", sys.name(sys.leftArc(1)));
        assertEquals("RIGHT-ARC(root)", sys.name(sys.rightArc(2)));
        assertEquals(3, ArcStandard.unlabelled().numTransitions());
        PartialParse p = new PartialParse(2);
        assertFalse(sys.isLegal(p, sys.leftArc(0)));
        assertFalse(sys.isLegal(p, sys.rightArc(0)));
        sys.apply(p, ArcStandard.SHIFT);
        assertFalse(sys.isLegal(p, sys.leftArc(0)), "ROOT never becomes a dependent");
        assertFalse(sys.isLegal(p, sys.rightArc(0)), "ROOT takes its child only when the buffer is empty");
        assertThrows(IllegalStateException.class, () -> sys.apply(p, sys.leftArc(0)));
    }
}
