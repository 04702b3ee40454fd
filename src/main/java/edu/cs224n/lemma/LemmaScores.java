package edu.cs224n.lemma;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.List;
import java.util.function.Function;

/**
 * Lemma accuracy (exact string match with the gold LEMMA, as the CoNLL 2018 shared task scores it) over every word,
 * and over the words whose form training never saw.
 */
public record LemmaScores(int words, int correct, int unseenWords, int unseenCorrect) {
    /** The lemma predicted for word k of sentence i. */
    @FunctionalInterface
    private interface Prediction {
        String lemma(int sentence, int word);
    }

    /**
     * @param lemmatizer word -> lemma (from its form and the tags read from {@code gold}: gold tags; pass tagged sentences for predicted ones)
     * @param training   what counts as seen
     */
    public static LemmaScores score(List<Sentence> gold, Function<Token, String> lemmatizer, LemmaDictionary training) {
        return count(gold, (i, k) -> lemmatizer.apply(gold.get(i).tokens().get(k)), training);
    }

    /** The LEMMA column of {@code predicted} (the same words, e.g. lemmatized from a tagger's UPOS) against {@code gold}'s. */
    public static LemmaScores compare(List<Sentence> gold, List<Sentence> predicted, LemmaDictionary training) {
        if (gold.size() != predicted.size()) throw new IllegalArgumentException("lemma scores: " + gold.size() + " gold and " + predicted.size() + " predicted sentences");
        for (int i = 0; i < gold.size(); i++) {
            int g = gold.get(i).tokens().size(), p = predicted.get(i).tokens().size();
            if (g != p) throw new IllegalArgumentException("lemma scores: sentence " + (i + 1) + " has " + g + " gold and " + p + " predicted words");
        }
        return count(gold, (i, k) -> predicted.get(i).tokens().get(k).lemma(), training);
    }

    private static LemmaScores count(List<Sentence> gold, Prediction prediction, LemmaDictionary training) {
        int words = 0, correct = 0, unseen = 0, unseenCorrect = 0;
        for (int i = 0; i < gold.size(); i++) {
            List<Token> tokens = gold.get(i).tokens();
            for (int k = 0; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                if (!LemmaDictionary.hasLemma(t)) continue;
                boolean right = prediction.lemma(i, k).equals(t.lemma());
                words++;
                if (right) correct++;
                if (!training.seen(t.form())) {
                    unseen++;
                    if (right) unseenCorrect++;
                }
            }
        }
        return new LemmaScores(words, correct, unseen, unseenCorrect);
    }

    public double accuracy() {
        return words == 0 ? Double.NaN : 100.0 * correct / words;
    }

    public double unseenAccuracy() {
        return unseenWords == 0 ? Double.NaN : 100.0 * unseenCorrect / unseenWords;
    }
}
