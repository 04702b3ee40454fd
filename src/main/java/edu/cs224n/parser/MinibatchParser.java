package edu.cs224n.parser;

import java.util.List;

/**
 * The assignment's minibatch parsing (seed 002 section 2(d)): all sentences start as partial parses; the
 * first {@code batchSize} unfinished ones advance together, one scorer call per step, each taking its
 * best legal transition; finished parses leave the batch and later ones take their place.
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
        float[][] features = new float[fx.groups()][];
        int classes = system.numTransitions();
        while (open > 0) {
            int rows = Math.min(batchSize, open);
            for (int g = 0; g < features.length; g++) {
                if (features[g] == null || features[g].length != rows * fx.width(g)) features[g] = new float[rows * fx.width(g)];
            }
            for (int r = 0; r < rows; r++) fx.extract(parses[unfinished[r]], sentences.get(unfinished[r]), features, r);
            float[] scores = scorer.scores(features, rows);
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

    private int bestLegal(PartialParse p, float[] scores, int offset, int classes) {
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < classes; t++) {
            if ((best < 0 || scores[offset + t] > bestScore) && system.isLegal(p, t)) {
                best = t;
                bestScore = scores[offset + t];
            }
        }
        return best;
    }
}
