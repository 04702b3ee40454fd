package edu.cs224n.parser;

import edu.cs224n.data.Sentence;

import java.util.ArrayList;
import java.util.List;

/**
 * Every (configuration, gold transition) pair the static oracle produces on a treebank, in flat
 * preallocated arrays: {@code features} holds {@code count} rows of {@link FeatureExtractor#totalWidth()} ids,
 * {@code transitions} the gold class of each row. Non-projective trees have no arc-standard derivation and are skipped (counted).
 */
public record TrainingExamples(int[] features, int width, int[] transitions, int count, int sentences, int nonProjective) {

    public static TrainingExamples build(List<Sentence> treebank, ParserVocabulary vocab) {
        ArcStandard system = vocab.transitionSystem();
        Oracle oracle = new Oracle(system);
        List<int[]> sequences = new ArrayList<>(treebank.size());
        List<Sentence> kept = new ArrayList<>(treebank.size());
        int nonProjective = 0;
        long total = 0;
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
        }
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        if (total > Integer.MAX_VALUE / fx.totalWidth()) throw new IllegalArgumentException("treebank too large: " + total + " examples");
        int count = (int) total;
        int[] features = new int[count * fx.totalWidth()];
        int[] transitions = new int[count];
        int row = 0;
        for (int i = 0; i < kept.size(); i++) {
            Sentence s = kept.get(i);
            ParserVocabulary.EncodedSentence enc = vocab.encode(s);
            PartialParse p = new PartialParse(s.size());
            for (int t : sequences.get(i)) {
                fx.extract(p, enc, features, row);
                transitions[row++] = t;
                system.apply(p, t);
            }
        }
        return new TrainingExamples(features, fx.totalWidth(), transitions, count, kept.size(), nonProjective);
    }
}
