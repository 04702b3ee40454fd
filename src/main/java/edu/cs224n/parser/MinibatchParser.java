package edu.cs224n.parser;

import java.util.Arrays;
import java.util.List;

/**
 * The assignment's minibatch parsing (CS224n assignment 2 section 2(d)): all sentences start as partial parses; the
 * first {@code batchSize} unfinished ones advance together, one scorer call per step (for those with a choice), each
 * taking its best legal transition; finished parses leave the batch and later ones take their place. The feature and
 * score arrays are allocated once per call; the step loop allocates nothing.
 * <p>With several {@link Member}s (an ensemble) each scores the batch through its own features, its logits
 * become probabilities, and the transition taken is the best legal one under their mean.
 */
public final class MinibatchParser {
    /** One scoring model: its feature extractor and its scorer (logits). */
    public record Member(FeatureExtractor fx, TransitionScorer scorer) {}

    private final ArcStandard system;
    private final List<Member> members;
    private final int batchSize;

    public MinibatchParser(ArcStandard system, FeatureExtractor fx, TransitionScorer scorer, int batchSize) {
        this(system, List.of(new Member(fx, scorer)), batchSize);
    }

    /** An ensemble of models that share the transition system. */
    public MinibatchParser(ArcStandard system, List<Member> members, int batchSize) {
        if (members.isEmpty()) throw new IllegalArgumentException("no models to parse with");
        this.system = system;
        this.members = List.copyOf(members);
        this.batchSize = batchSize;
    }

    public PartialParse[] parse(List<ParserVocabulary.EncodedSentence> sentences) {
        return parseTogether(List.of(sentences));
    }

    /** {@code encoded.get(k)}: the same sentences, in the same order, encoded with member k's vocabulary. */
    public PartialParse[] parseTogether(List<List<ParserVocabulary.EncodedSentence>> encoded) {
        if (encoded.size() != members.size()) throw new IllegalArgumentException(encoded.size() + " encodings for " + members.size() + " models");
        List<ParserVocabulary.EncodedSentence> sentences = encoded.get(0);
        int total = sentences.size();
        for (var e : encoded) {
            if (e.size() != total) throw new IllegalArgumentException("ensemble members hold different sentence counts");
        }
        PartialParse[] parses = new PartialParse[total];
        int[] unfinished = new int[total];
        int open = 0;
        for (int i = 0; i < total; i++) {
            parses[i] = new PartialParse(sentences.get(i).n());
            if (!parses[i].isComplete()) unfinished[open++] = i;
        }
        int classes = system.numTransitions();
        int maxRows = Math.min(batchSize, Math.max(open, 1));
        int[][] features = new int[members.size()][];
        float[][] dense = new float[members.size()][];
        for (int k = 0; k < features.length; k++) {
            features[k] = new int[maxRows * members.get(k).fx().totalWidth()];
            dense[k] = new float[maxRows * members.get(k).fx().denseWidth()];
        }
        float[] scores = new float[maxRows * classes];
        boolean ensemble = members.size() > 1;
        float[] memberScores = ensemble ? new float[maxRows * classes] : scores;
        int[] choosing = new int[maxRows], legal = new int[maxRows];
        while (open > 0) {
            int rows = chooseOrForce(parses, unfinished, Math.min(batchSize, open), choosing, legal);
            if (rows > 0) {
                if (ensemble) Arrays.fill(scores, 0, rows * classes, 0f);
                for (int k = 0; k < members.size(); k++) {
                    Member m = members.get(k);
                    List<ParserVocabulary.EncodedSentence> own = encoded.get(k);
                    extract(m.fx(), own, parses, choosing, rows, features[k], dense[k]);
                    m.scorer().score(features[k], dense[k], rows, memberScores);
                    if (ensemble) addProbabilities(memberScores, rows, classes, scores);
                }
                applyBest(parses, choosing, legal, rows, scores, classes);
            }
            open = dropFinished(parses, unfinished, open);
        }
        return parses;
    }

    /**
     * Takes the step of each of the first {@code rows} unfinished parses that has one legal transition only (SHIFT from
     * [ROOT] or from [ROOT, w] with words left, and in an unlabelled parser the last RIGHT-ARC): the scores could not
     * change it, so it is not scored (about a sixth of EWT's configurations). The others go into {@code choosing}, in order,
     * with their {@link #legal} kinds in {@code legal}; returns their count.
     */
    private int chooseOrForce(PartialParse[] parses, int[] unfinished, int rows, int[] choosing, int[] legal) {
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int kinds = forceOrKinds(parses[unfinished[r]]);
            if (kinds >= 0) {
                choosing[n] = unfinished[r];
                legal[n++] = kinds;
            }
        }
        return n;
    }

    /** Takes {@code p}'s step when it has one legal transition (then -1), else returns its legal kinds. */
    private int forceOrKinds(PartialParse p) {
        int kinds = legal(p);
        int only = onlyLegal(kinds);
        if (only < 0) return kinds;
        system.apply(p, only);
        return -1;
    }

    private static final int SHIFT_LEGAL = 1, LEFT_LEGAL = 2, RIGHT_LEGAL = 4;

    /** Which kinds of transition are legal in {@code p} (a label never changes legality, so three checks tell all). */
    private int legal(PartialParse p) {
        return (system.isLegal(p, ArcStandard.SHIFT) ? SHIFT_LEGAL : 0) | (system.isLegal(p, system.leftArc(0)) ? LEFT_LEGAL : 0)
                | (system.isLegal(p, system.rightArc(0)) ? RIGHT_LEGAL : 0);
    }

    /** The one legal transition given the legal {@code kinds}, or -1 when there is a choice. */
    private int onlyLegal(int kinds) {
        int labels = system.numLabels();
        boolean shift = (kinds & SHIFT_LEGAL) != 0, left = (kinds & LEFT_LEGAL) != 0, right = (kinds & RIGHT_LEGAL) != 0;
        if ((shift ? 1 : 0) + (left ? labels : 0) + (right ? labels : 0) != 1) return -1;
        return shift ? ArcStandard.SHIFT : left ? system.leftArc(0) : system.rightArc(0);
    }

    // The step's loops are methods of their own so the JIT compiles each small, rather than compiling the whole long-running
    // loop on the stack again and again (measured before: four compilations of it, 0.33 s of one core's time on a
    // 40,020-sentence file that parsed in about 5 s). A loop's body is a method too (forceOrKinds, applyBest of one row):
    // called a thousand times a step, it is compiled first, on its own, and the loop's on-stack compilation stays small.

    private static void extract(FeatureExtractor fx, List<ParserVocabulary.EncodedSentence> own, PartialParse[] parses, int[] unfinished,
                                int rows, int[] features, float[] dense) {
        for (int r = 0; r < rows; r++) fx.extract(parses[unfinished[r]], own.get(unfinished[r]), features, dense, r);
    }

    private void applyBest(PartialParse[] parses, int[] unfinished, int[] legal, int rows, float[] scores, int classes) {
        for (int r = 0; r < rows; r++) applyBest(parses[unfinished[r]], legal[r], scores, r * classes, classes);
    }

    private void applyBest(PartialParse p, int kinds, float[] scores, int offset, int classes) {
        system.apply(p, bestLegal(kinds, scores, offset, classes));
    }

    /** Drops finished parses, keeping the order of the rest (the algorithm's "remove completed"); returns how many are left. */
    private static int dropFinished(PartialParse[] parses, int[] unfinished, int open) {
        int kept = 0;
        for (int i = 0; i < open; i++) {
            if (!parses[unfinished[i]].isComplete()) unfinished[kept++] = unfinished[i];
        }
        return kept;
    }

    /** Adds softmax(logits) of each row to {@code sum} (the mean's order is the sum's, so no division); {@code logits} is scratch. */
    static void addProbabilities(float[] logits, int rows, int classes, float[] sum) {
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) max = Math.max(max, logits[o + j]);
            double z = 0;
            for (int j = 0; j < classes; j++) {
                logits[o + j] = (float) Math.exp(logits[o + j] - max);
                z += logits[o + j];
            }
            for (int j = 0; j < classes; j++) sum[o + j] += (float) (logits[o + j] / z);
        }
    }

    /** The highest-scoring transition of the legal {@code kinds}; ties go to the lowest id. */
    private int bestLegal(int kinds, float[] scores, int offset, int classes) {
        int labels = system.numLabels();
        boolean shift = (kinds & SHIFT_LEGAL) != 0, left = labels > 0 && (kinds & LEFT_LEGAL) != 0, right = (kinds & RIGHT_LEGAL) != 0;
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
