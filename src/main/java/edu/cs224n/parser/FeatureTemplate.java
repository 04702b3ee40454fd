package edu.cs224n.parser;

/**
 * Chen & Manning (2014)'s 18 positions: s1..s3, b1..b3, the two leftmost and rightmost children of s1
 * and s2, and the leftmost-of-leftmost and rightmost-of-rightmost grandchildren of s1 and s2. Words and
 * each tag set are read at all 18; labels at the 12 child positions.
 */
public final class FeatureTemplate {
    public static final int POSITIONS = 18;
    public static final int LABEL_POSITIONS = 12;

    private FeatureTemplate() {}

    /** Writes the 18 positions of {@code p} into {@code out} (NONE where there is no such word). */
    public static void positions(PartialParse p, int[] out) {
        for (int i = 0; i < 3; i++) {
            out[i] = p.stack(i);
            out[3 + i] = p.buffer(i);
        }
        for (int i = 0; i < 2; i++) {
            int s = out[i];
            int base = 6 + 4 * i;
            out[base] = p.leftChild(s, 1);
            out[base + 1] = p.rightChild(s, 1);
            out[base + 2] = p.leftChild(s, 2);
            out[base + 3] = p.rightChild(s, 2);
            out[14 + 2 * i] = p.leftChild(p.leftChild(s, 1), 1);
            out[15 + 2 * i] = p.rightChild(p.rightChild(s, 1), 1);
        }
    }
}
