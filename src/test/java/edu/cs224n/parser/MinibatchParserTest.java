package edu.cs224n.parser;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MinibatchParserTest {
    /**
     * A scorer that knows the gold trees: it recovers which sentence a feature row belongs to from a
     * sentence-unique word id at s1/b1 and prefers the oracle's transition (the assignment's "dummy model").
     */
    /** Row width of the extractor these tests use: words and one tag set, unlabelled. */
    static final int WIDTH = new FeatureExtractor(1, false).totalWidth();

    static final class OracleScorer implements TransitionScorer {
        final ArcStandard sys;
        final List<int[]> heads;
        final List<PartialParse> shadow = new ArrayList<>();
        final Oracle oracle;
        int calls;
        int maxRows;
        boolean forcedScored;

        OracleScorer(ArcStandard sys, List<int[]> heads) {
            this.sys = sys;
            this.heads = heads;
            this.oracle = new Oracle(sys);
            for (int[] h : heads) shadow.add(new PartialParse(h.length - 1));
        }

        @Override
        public void score(int[] features, float[] dense, int rows, float[] out) {
            calls++;
            maxRows = Math.max(maxRows, rows);
            int classes = sys.numTransitions();
            java.util.Arrays.fill(out, 0, rows * classes, 0f);
            for (int r = 0; r < rows; r++) {
                int sentence = sentenceOf(features, r * WIDTH);
                PartialParse p = shadow.get(sentence);
                int[] h = heads.get(sentence);
                int[] children = new int[h.length];
                for (int w = 1; w < h.length; w++) children[h[w]]++;
                // The parser took the forced steps (one legal transition) without asking: take them here too.
                while (legal(p) == 1) sys.apply(p, oracle.next(p, h, new int[h.length], children));
                forcedScored |= legal(p) < 2;
                int t = oracle.next(p, h, new int[h.length], children);
                sys.apply(p, t);
                out[r * classes + t] = 1;
            }
        }


        /** How many transitions are legal in {@code p}. */
        int legal(PartialParse p) {
            int n = 0;
            for (int t = 0; t < sys.numTransitions(); t++) n += sys.isLegal(p, t) ? 1 : 0;
            return n;
        }

        /** Word ids are 1000 * (sentence + 1) + position; take any word id present in the row. */
        private int sentenceOf(int[] features, int rowStart) {
            for (int i = 0; i < FeatureTemplate.POSITIONS; i++) {
                int id = features[rowStart + i];
                if (id >= 1000) return id / 1000 - 1;
            }
            throw new AssertionError("no word in the row at " + rowStart);
        }
    }

    static List<ParserVocabulary.EncodedSentence> encode(List<int[]> heads) {
        List<ParserVocabulary.EncodedSentence> out = new ArrayList<>();
        for (int s = 0; s < heads.size(); s++) {
            int n = heads.get(s).length - 1;
            int[] words = new int[n + 1];
            words[0] = ParserVocabulary.ROOT_ID;
            for (int w = 1; w <= n; w++) words[w] = 1000 * (s + 1) + w;
            out.add(new ParserVocabulary.EncodedSentence(n, words, new int[][] {words.clone()}, null));
        }
        return out;
    }

    @Test
    void parsesEverySentenceOfABatchWithOneScorerCallPerStep() {
        Random rng = new Random(11);
        List<int[]> heads = new ArrayList<>();
        int longest = 0;
        for (int s = 0; s < 37; s++) {
            int n = 1 + rng.nextInt(12);
            heads.add(ArcStandardTest.randomProjectiveTree(n, rng));
            longest = Math.max(longest, n);
        }
        for (int batch : new int[] {1, 5, 64}) {
            ArcStandard sys = ArcStandard.unlabelled();
            OracleScorer scorer = new OracleScorer(sys, heads);
            PartialParse[] parses = new MinibatchParser(sys, new FeatureExtractor(1, false), scorer, batch).parse(encode(heads));
            for (int s = 0; s < heads.size(); s++) {
                assertTrue(parses[s].isComplete());
                assertArrayEquals(Arrays.copyOfRange(heads.get(s), 1, heads.get(s).length), parses[s].heads(), "sentence " + s);
            }
            assertTrue(scorer.maxRows <= batch);
            assertFalse(scorer.forcedScored, "a configuration with one legal transition is never scored");
            // 2n steps for the longest sentence, all advancing together; the first two steps are forced for every sentence
            // (SHIFT, then SHIFT or a one-word sentence's RIGHT-ARC), so they call no scorer; each word after the first needs a choice.
            if (batch == 64) assertTrue(scorer.calls <= 2 * longest - 2 && scorer.calls >= longest - 1, "all sentences advance together: " + scorer.calls);
        }
    }

    @Test
    void masksIllegalTransitionsWhateverTheScores() {
        ArcStandard sys = ArcStandard.unlabelled();
        // A scorer that always prefers LEFT-ARC, which is illegal until two words are on the stack.
        TransitionScorer left = (features, dense, rows, out) -> {
            java.util.Arrays.fill(out, 0, rows * 3, 0f);
            for (int r = 0; r < rows; r++) out[r * 3 + sys.leftArc(0)] = 1;
        };
        List<int[]> heads = List.of(new int[] {0, 0, 1, 2}, new int[] {0, 0});
        PartialParse[] parses = new MinibatchParser(sys, new FeatureExtractor(1, false), left, 8).parse(encode(heads));
        assertArrayEquals(new int[] {2, 3, 0}, parses[0].heads(), "LEFT-ARC whenever legal, else SHIFT, RIGHT-ARC to ROOT last");
        assertArrayEquals(new int[] {0}, parses[1].heads());
    }

    @Test
    void anEnsembleTakesTheBestLegalTransitionUnderTheMeanProbability() {
        ArcStandard sys = ArcStandard.unlabelled();
        List<int[]> heads = List.of(new int[] {0, 0, 1, 2, 3}, new int[] {0, 2, 0});
        FeatureExtractor fx = new FeatureExtractor(1, false);
        TransitionScorer leftStrong = constant(sys, 0, 5, 0), rightWeak = constant(sys, 0, 0, 1);
        TransitionScorer leftWeak = constant(sys, 0, 1, 0), rightStrong = constant(sys, 0, 0, 5);
        PartialParse[] left = new MinibatchParser(sys, fx, leftStrong, 4).parse(encode(heads));
        PartialParse[] right = new MinibatchParser(sys, fx, rightStrong, 4).parse(encode(heads));
        assertFalse(Arrays.equals(left[0].heads(), right[0].heads()), "the two members alone build different trees");
        for (var pair : List.of(List.of(leftStrong, rightWeak, left), List.of(leftWeak, rightStrong, right))) {
            List<MinibatchParser.Member> members = List.of(new MinibatchParser.Member(fx, (TransitionScorer) pair.get(0)),
                    new MinibatchParser.Member(new FeatureExtractor(1, false), (TransitionScorer) pair.get(1)));
            PartialParse[] together = new MinibatchParser(sys, members, 4).parseTogether(List.of(encode(heads), encode(heads)));
            PartialParse[] expected = (PartialParse[]) pair.get(2);
            for (int s = 0; s < heads.size(); s++) assertArrayEquals(expected[s].heads(), together[s].heads(), "the confident member decides");
        }
    }

    /** A scorer giving every row the same logits. */
    private static TransitionScorer constant(ArcStandard sys, float... logits) {
        return (features, dense, rows, out) -> {
            for (int r = 0; r < rows; r++) System.arraycopy(logits, 0, out, r * sys.numTransitions(), logits.length);
        };
    }
}
