package edu.cs224n.lemma;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Lemma accuracy (exact string match with the gold LEMMA, as the CoNLL 2018 shared task scores it) over every word,
 * and over the words whose form training never saw.
 */
public record LemmaScores(int words, int correct, int unseenWords, int unseenCorrect) {
    /**
     * @param lemmatizer form, UPOS -> lemma (the UPOS read from {@code gold}: gold tags; pass tagged sentences for predicted ones)
     * @param training   what counts as seen
     */
    public static LemmaScores score(List<Sentence> gold, BiFunction<String, String, String> lemmatizer, LemmaDictionary training) {
        int words = 0, correct = 0, unseen = 0, unseenCorrect = 0;
        for (Sentence s : gold) {
            for (Token t : s.tokens()) {
                if (!LemmaDictionary.hasLemma(t)) continue;
                boolean right = lemmatizer.apply(t.form(), t.upos()).equals(t.lemma());
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
