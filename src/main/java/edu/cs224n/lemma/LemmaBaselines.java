package edu.cs224n.lemma;

import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code lemmatizer baseline}: the identity and the dictionary baselines on a test file, with gold UPOS. */
public final class LemmaBaselines {
    public static final String EWT_TRAIN = "corpora/ud-english-ewt/en_ewt-ud-train.conllu", EWT_TEST = "corpora/ud-english-ewt/en_ewt-ud-test.conllu";

    private LemmaBaselines() {}

    public static void run(Path train, Path test, PrintWriter out) {
        List<Sentence> training = ConllSequenceRecordReader.read(DataRoot.require("train", train.toString()), false);
        List<Sentence> gold = ConllSequenceRecordReader.read(DataRoot.require("test", test.toString()), false);
        LemmaDictionary dictionary = LemmaDictionary.train(training);
        LemmaScores identity = LemmaScores.score(gold, t -> LemmaDictionary.identity(t.form()), dictionary);
        LemmaScores lookup = LemmaScores.score(gold, t -> dictionary.lemmatize(t.form(), t.upos(), t.xpos()), dictionary);
        out.printf(Locale.ROOT, "%s: %d words, %d unseen in %s (%d (form, UPOS) entries); gold UPOS%n", test, identity.words(), identity.unseenWords(),
                train, dictionary.size());
        for (var e : List.of(java.util.Map.entry("identity (lowercased form)", identity), java.util.Map.entry("dictionary, else identity", lookup))) {
            out.printf(Locale.ROOT, "%-28s lemma accuracy %6.2f   unseen words %6.2f%n", e.getKey(), e.getValue().accuracy(), e.getValue().unseenAccuracy());
        }
        out.flush();
    }
}
