package edu.cs224n.parser;

import java.util.List;

/**
 * The assignment's minibatch parsing (seed 002 section 2(d)): all sentences start as partial parses; the
 * first {@code batchSize} unfinished ones advance together, one scorer call per step, each taking its
 * best legal transition; finished parses leave the batch and later ones take their place. The feature and
 * score arrays are allocated once per call; the step loop allocates nothing.
 */
public final class MinibatchParser {
    private final ArcStandard system;
    private final FeatureExtractor fx;
    private final TransitionScorer scorer;
    private final int batchSize;

    public MinibatchParser(ArcStandard system, FeatureExtractor fx, TransitionScorer scorer, int batchSize) {
        this.system = system;
        this.fx = fx;
        this.scorer = scorer;
        this.batchSize = batchSize;
    }

    public PartialParse[] parse(List<ParserVocabulary.EncodedSentence> sentences) {
        int total = sentences.size();
        PartialParse[] parses = new PartialParse[total];
        int[] unfinished = new int[total];
        int open = 0;
        for (int i = 0; i < total; i++) {
            parses[i] = new PartialParse(sentences.get(i).n());
            if (!parses[i].isComplete()) unfinished[open++] = i;
        }
        int width = fx.totalWidth();
        int classes = system.numTransitions();
        int maxRows = Math.min(batchSize, Math.max(open, 1));
        int[] features = new int[maxRows * width];
        float[] scores = new float[maxRows * classes];
        while (open > 0) {
            int rows = Math.min(batchSize, open);
            for (int r = 0; r < rows; r++) fx.extract(parses[unfinished[r]], sentences.get(unfinished[r]), features, r);
            scorer.score(features, rows, scores);
            for (int r = 0; r < rows; r++) {
                PartialParse p = parses[unfinished[r]];
                system.apply(p, bestLegal(p, scores, r * classes, classes));
            }
            // Drop finished parses, keeping the order of the rest (the algorithm's "remove completed").
            int kept = 0;
            for (int i = 0; i < open; i++) {
                if (!parses[unfinished[i]].isComplete()) unfinished[kept++] = unfinished[i];
            }
            open = kept;
        }
        return parses;
    }

    /** The highest-scoring legal transition; ties go to the lowest id. Only three legality cases exist, so check them once. */
    private int bestLegal(PartialParse p, float[] scores, int offset, int classes) {
        boolean shift = system.isLegal(p, ArcStandard.SHIFT);
        int labels = system.numLabels();
        boolean left = labels > 0 && system.isLegal(p, system.leftArc(0));
        boolean right = system.isLegal(p, system.rightArc(0));
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        if (shift) {
            best = ArcStandard.SHIFT;
            bestScore = scores[offset];
        }
        if (left) {
            for (int t = 1; t <= labels; t++) {
                if (best < 0 || scores[offset + t] > bestScore) {
                    best = t;
                    bestScore = scores[offset + t];
                }
            }
        }
        if (right) {
            for (int t = labels + 1; t < classes; t++) {
                if (best < 0 || scores[offset + t] > bestScore) {
                    best = t;
                    bestScore = scores[offset + t];
                }
            }
        }
        return best;
    }
}
