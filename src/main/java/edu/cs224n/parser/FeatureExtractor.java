package edu.cs224n.parser;

/**
 * Turns a configuration into the network's id inputs: group 0 the 18 word ids, then 18 tag ids per tag
 * set, then (labelled parsers) the 12 label ids. Rows are written into flat row-major arrays, one per
 * group, so a whole minibatch is filled without allocating. Not thread-safe (one scratch array).
 */
public final class FeatureExtractor {
    private final int tagSets;
    private final boolean labels;
    private final int[] positions = new int[FeatureTemplate.POSITIONS];

    public FeatureExtractor(int tagSets, boolean labels) {
        this.tagSets = tagSets;
        this.labels = labels;
    }

    public static FeatureExtractor of(ParserVocabulary vocab) {
        return new FeatureExtractor(vocab.tagSets().size(), vocab.isLabelled());
    }

    public int groups() {
        return 1 + tagSets + (labels ? 1 : 0);
    }

    public int width(int group) {
        return group <= tagSets ? FeatureTemplate.POSITIONS : FeatureTemplate.LABEL_POSITIONS;
    }

    /** Total features per configuration (48 for one tag set with labels, 36 unlabelled as in the assignment). */
    public int totalWidth() {
        int w = 0;
        for (int g = 0; g < groups(); g++) w += width(g);
        return w;
    }

    public void extract(PartialParse p, ParserVocabulary.EncodedSentence s, float[][] out, int row) {
        FeatureTemplate.positions(p, positions);
        int n = FeatureTemplate.POSITIONS;
        fill(out[0], row * n, s.words());
        for (int g = 0; g < tagSets; g++) fill(out[1 + g], row * n, s.tags()[g]);
        if (labels) {
            float[] l = out[1 + tagSets];
            int base = row * FeatureTemplate.LABEL_POSITIONS;
            for (int i = 0; i < FeatureTemplate.LABEL_POSITIONS; i++) {
                int w = positions[6 + i];
                l[base + i] = w == PartialParse.NONE ? ParserVocabulary.NULL_ID : 1 + p.label(w);
            }
        }
    }

    private void fill(float[] out, int base, int[] ids) {
        for (int i = 0; i < FeatureTemplate.POSITIONS; i++) {
            int w = positions[i];
            out[base + i] = w == PartialParse.NONE ? ParserVocabulary.NULL_ID : ids[w];
        }
    }
}
