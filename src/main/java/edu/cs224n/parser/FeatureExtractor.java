package edu.cs224n.parser;

/**
 * Turns a configuration into the network's id inputs, one flat row per configuration in group order:
 * the 18 word ids, then 18 tag ids per tag set, then (labelled parsers) the 12 label ids; each group's ids
 * index that group's vocabulary. Rows are written into a caller's int array, so a whole minibatch is filled
 * without allocating. A parser with a {@link TaggerContext} also reads dense features: the tagger's state of the word at
 * each context slot (zeros where there is no word), written into a float row of {@link #denseWidth()}.
 * Not thread-safe (one scratch array): use one extractor per thread.
 */
public final class FeatureExtractor {
    private final int tagSets;
    private final boolean labels;
    private final int[] positions = new int[FeatureTemplate.POSITIONS];
    private final int totalWidth;
    private final int[] contextSlots;
    private final int contextDim;

    public FeatureExtractor(int tagSets, boolean labels) {
        this(tagSets, labels, new int[0], 0);
    }

    public FeatureExtractor(int tagSets, boolean labels, int[] contextSlots, int contextDim) {
        this.tagSets = tagSets;
        this.labels = labels;
        this.totalWidth = offset(groups());
        this.contextSlots = contextSlots.clone();
        this.contextDim = contextDim;
    }

    public static FeatureExtractor of(ParserVocabulary vocab) {
        return new FeatureExtractor(vocab.tagSets().size(), vocab.isLabelled());
    }

    /** With {@code context} (null: none) as dense features. */
    public static FeatureExtractor of(ParserVocabulary vocab, TaggerContext context) {
        return context == null ? of(vocab)
                : new FeatureExtractor(vocab.tagSets().size(), vocab.isLabelled(), context.slots(), context.dim());
    }

    /** Dense features per configuration (0 without a tagger context). */
    public int denseWidth() {
        return contextSlots.length * contextDim;
    }

    public int groups() {
        return 1 + tagSets + (labels ? 1 : 0);
    }

    public int width(int group) {
        return group <= tagSets ? FeatureTemplate.POSITIONS : FeatureTemplate.LABEL_POSITIONS;
    }

    /** The first column of {@code group} in a row. */
    public int offset(int group) {
        int o = 0;
        for (int g = 0; g < group; g++) o += width(g);
        return o;
    }

    /** Total features per configuration (48 for one tag set with labels, 36 unlabelled as in the assignment). */
    public int totalWidth() {
        return totalWidth;
    }

    /** Writes the id row of {@code p} into {@code out[row * totalWidth() ...]} and its dense row into {@code dense[row * denseWidth() ...]}. */
    public void extract(PartialParse p, ParserVocabulary.EncodedSentence s, int[] out, float[] dense, int row) {
        extract(p, s, out, row);
        if (contextSlots.length == 0) return;
        float[][] states = s.context();
        if (states == null) throw new IllegalStateException("this parser reads tagger states, and the sentence was encoded without them");
        int base = row * denseWidth();
        for (int j = 0; j < contextSlots.length; j++) {
            int w = positions[contextSlots[j]];
            int at = base + j * contextDim;
            if (w == PartialParse.NONE) java.util.Arrays.fill(dense, at, at + contextDim, 0f);
            else System.arraycopy(states[w], 0, dense, at, contextDim);
        }
    }

    /** Writes the id row of {@code p} into {@code out[row * totalWidth() ...]}; {@link #positions()} then holds its 18 positions. */
    public void extract(PartialParse p, ParserVocabulary.EncodedSentence s, int[] out, int row) {
        FeatureTemplate.positions(p, positions);
        int n = FeatureTemplate.POSITIONS;
        int base = row * totalWidth;
        fill(out, base, s.words());
        for (int g = 0; g < tagSets; g++) fill(out, base + (1 + g) * n, s.tags()[g]);
        if (labels) {
            int l = base + (1 + tagSets) * n;
            for (int i = 0; i < FeatureTemplate.LABEL_POSITIONS; i++) {
                int w = positions[6 + i];
                out[l + i] = w == PartialParse.NONE ? ParserVocabulary.NULL_ID : 1 + p.label(w);
            }
        }
    }

    private void fill(int[] out, int base, int[] ids) {
        for (int i = 0; i < FeatureTemplate.POSITIONS; i++) {
            int w = positions[i];
            out[base + i] = w == PartialParse.NONE ? ParserVocabulary.NULL_ID : ids[w];
        }
    }

    /** The positions of the configuration last extracted (a view; the next call overwrites it). */
    int[] positions() {
        return positions;
    }
}
