package edu.cs224n.parser;

/** Scores every transition for a batch of configurations given as feature rows (see {@link FeatureExtractor}). */
public interface TransitionScorer {
    /** @return {@code rows * classes} scores, row-major; higher is better */
    float[] scores(float[][] features, int rows);
}
