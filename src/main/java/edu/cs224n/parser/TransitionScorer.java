package edu.cs224n.parser;

/**
 * Scores every transition for a batch of configurations given as feature rows (see {@link FeatureExtractor}).
 * An instance may keep scratch space between calls, so each thread uses its own.
 */
public interface TransitionScorer {
    /**
     * Writes {@code rows * classes} scores, row-major, into {@code out}; higher is better. {@code dense} holds the rows'
     * dense features ({@link FeatureExtractor#denseWidth()} each; unread when that is 0).
     */
    void score(int[] features, float[] dense, int rows, float[] out);
}
