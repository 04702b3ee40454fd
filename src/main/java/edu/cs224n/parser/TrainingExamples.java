package edu.cs224n.parser;

import edu.cs224n.data.Sentence;

import java.util.ArrayList;
import java.util.List;

/**
 * Every (configuration, gold transition) pair the static oracle produces on a treebank, in flat
 * preallocated arrays: {@code features} holds {@code count} rows of {@link FeatureExtractor#totalWidth()} ids,
 * {@code transitions} the gold class of each row. Non-projective trees have no arc-standard derivation and are skipped (counted).
 * <p>With a {@link TaggerContext}, the dense features are not copied per example (about 2 GB on EWT): {@code contextStore}
 * holds every word's state once, {@code contextDim} floats per row, and {@code contextRows} per example and context slot
 * the row to read (-1: no word there, zeros).
 */
public record TrainingExamples(int[] features, int width, int[] transitions, int count, int sentences, int nonProjective,
                               int[] contextRows, int contextSlots, float[] contextStore, int contextDim) {

    public static TrainingExamples build(List<Sentence> treebank, ParserVocabulary vocab) {
        return build(treebank, vocab, null);
    }

    public static TrainingExamples build(List<Sentence> treebank, ParserVocabulary vocab, TaggerContext context) {
        ArcStandard system = vocab.transitionSystem();
        Oracle oracle = new Oracle(system);
        List<int[]> sequences = new ArrayList<>(treebank.size());
        List<Sentence> kept = new ArrayList<>(treebank.size());
        int nonProjective = 0;
        long total = 0;
        long words = 0;
        for (Sentence s : treebank) {
            int[][] gold = vocab.goldArcs(s);
            int[] seq = oracle.sequence(s.size(), gold[0], gold[1]);
            if (seq == null) {
                nonProjective++;
                continue;
            }
            sequences.add(seq);
            kept.add(s);
            total += seq.length;
            words += s.size() + 1;
        }
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        if (total > Integer.MAX_VALUE / fx.totalWidth()) throw new IllegalArgumentException("treebank too large: " + total + " examples");
        int count = (int) total;
        int[] features = new int[count * fx.totalWidth()];
        int[] transitions = new int[count];
        int slots = context == null ? 0 : context.slots().length;
        int dim = context == null ? 0 : context.dim();
        if (words * dim > Integer.MAX_VALUE) throw new IllegalArgumentException("treebank too large for one context store: " + words + " words");
        int[] contextRows = new int[count * slots];
        float[] store = new float[(int) (words * dim)];
        List<float[][]> states = context == null ? null : context.states(kept);
        int row = 0;
        int firstWordRow = 0;
        for (int i = 0; i < kept.size(); i++) {
            Sentence s = kept.get(i);
            ParserVocabulary.EncodedSentence enc = vocab.encode(s);
            if (states != null) {
                float[][] st = states.get(i);
                for (int w = 0; w < st.length; w++) System.arraycopy(st[w], 0, store, (firstWordRow + w) * dim, dim);
            }
            PartialParse p = new PartialParse(s.size());
            for (int t : sequences.get(i)) {
                fx.extract(p, enc, features, row);
                for (int j = 0; j < slots; j++) {
                    int w = fx.positions()[context.slots()[j]];
                    contextRows[row * slots + j] = w == PartialParse.NONE ? -1 : firstWordRow + w;
                }
                transitions[row++] = t;
                system.apply(p, t);
            }
            firstWordRow += s.size() + 1;
        }
        return new TrainingExamples(features, fx.totalWidth(), transitions, count, kept.size(), nonProjective, contextRows, slots, store, dim);
    }

    /** Dense features per example. */
    public int denseWidth() {
        return contextSlots * contextDim;
    }

    /** Writes example {@code ex}'s dense features into {@code out[at ...]}. */
    void dense(int ex, float[] out, int at) {
        for (int j = 0; j < contextSlots; j++) {
            int r = contextRows[ex * contextSlots + j];
            int o = at + j * contextDim;
            if (r < 0) java.util.Arrays.fill(out, o, o + contextDim, 0f);
            else System.arraycopy(contextStore, r * contextDim, out, o, contextDim);
        }
    }
}
