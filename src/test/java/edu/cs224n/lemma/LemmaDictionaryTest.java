package edu.cs224n.lemma;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LemmaDictionaryTest {
    /** One sentence, a word a row "FORM LEMMA UPOS [XPOS]" (a treebank line each: the rows are lines 1, 2, ...). */
    static List<Sentence> read(String... rows) {
        StringBuilder sb = new StringBuilder();
        int id = 1;
        for (String r : rows) {
            String[] f = r.split(" ");
            sb.append(id).append('\t').append(f[0]).append('\t').append(f[1]).append('\t').append(f[2]).append('\t').append(f.length > 3 ? f[3] : "_").append("\t_\t").append(id == 1 ? 0 : 1)
                    .append('\t').append(id == 1 ? "root" : "dep").append("\t_\t_\n");
            id++;
        }
        sb.append('\n');
        return ConllSequenceRecordReader.read(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), "test.conllu", false);
    }

    /** The most frequent lemma per (form, UPOS); other tags and unseen forms fall back to the lowercased form. */
    @Test
    void theDictionaryKeepsTheMostFrequentLemmaPerFormAndTag() {
        List<Sentence> train = new java.util.ArrayList<>(read("saw see VERB", "saw saw NOUN", "The the DET"));
        train.addAll(read("saw see VERB", "Saw see VERB", "saw sew VERB"));
        LemmaDictionary d = LemmaDictionary.train(train);
        assertEquals("see", d.lemmatize("saw", "VERB", "_"));
        assertEquals("saw", d.lemmatize("saw", "NOUN", "_"));
        assertEquals("the", d.lemmatize("The", "DET", "_"));
        assertEquals("studies", d.lemmatize("Studies", "VERB", "_"), "unseen: the identity, lowercased");
        assertTrue(d.seen("saw") && !d.seen("Studies"));
    }

    /** With an XPOS, the (form, UPOS, XPOS) entry comes first; an XPOS training never had with the form falls back to (form, UPOS). */
    @Test
    void anXposEntryComesBeforeTheUposOne() {
        LemmaDictionary d = LemmaDictionary.train(read("her she PRON PRP", "her her PRON PRP$", "her she PRON PRP", "High High ADJ NNP", "high high ADJ JJ"));
        assertEquals("her", d.lemmatize("her", "PRON", "PRP$"));
        assertEquals("she", d.lemmatize("her", "PRON", "PRP"));
        assertEquals("she", d.lemmatize("her", "PRON", "_"), "no XPOS: the most frequent lemma of (form, UPOS)");
        assertEquals("she", d.lemmatize("her", "PRON", "NN"), "an XPOS never seen with the form: (form, UPOS)");
        assertEquals("High", d.lemmatize("High", "ADJ", "NNP"));
        LemmaDictionary saved = LemmaDictionary.fromLines(d.entryLines(), d.lowercaseLines(), d.formLines());
        assertEquals("her", saved.lemmatize("her", "PRON", "PRP$"), "the XPOS entries survive the model file");
        assertEquals("she", saved.lemmatize("her", "PRON", "PRP"));
    }

    /** A form unseen with its tag takes its lowercased form's lemma, except as PROPN. */
    @Test
    void aCapitalisedFormFallsBackToItsLowercaseLemma() {
        LemmaDictionary d = LemmaDictionary.train(read("heroes hero NOUN", "lost lose VERB VBD", "lost lost ADJ JJ"));
        assertEquals("hero", d.lemmatize("Heroes", "NOUN", "_"));
        assertEquals("lose", d.lemmatize("LOST", "VERB", "VBD"));
        assertEquals("lost", d.lemmatize("LOST", "ADJ", "JJ"));
        assertEquals("heroes", d.lemmatize("Heroes", "PROPN", "_").toLowerCase(), "PROPN: no fallback (the identity here)");
        assertTrue(d.lookup("Heroes", "PROPN", "_").isEmpty());
        assertTrue(d.lookup("Heroes", "VERB", "_").isEmpty(), "the tag must match");
        assertFalse(d.seen("Heroes"), "seen is about the exact form");
        LemmaDictionary saved = LemmaDictionary.fromLines(d.entryLines(), d.lowercaseLines(), d.formLines());
        assertEquals("hero", saved.lemmatize("Heroes", "NOUN", "_"));
        LemmaDictionary old = LemmaDictionary.fromLines(d.entryLines(), java.util.List.of(), d.formLines());
        assertTrue(old.lookup("Heroes", "NOUN", "_").isEmpty(), "a model file without lowercase entries has no fallback");
    }

    /** Accuracy over every word and over the unseen ones, exact match with the gold lemma. */
    @Test
    void scoresCountAllWordsAndTheUnseenOnes() {
        LemmaDictionary d = LemmaDictionary.train(read("went go VERB", "children child NOUN"));
        List<Sentence> gold = read("went go VERB", "children child NOUN", "studies study VERB", "cats cat NOUN", "Paris Paris PROPN");
        LemmaScores identity = LemmaScores.score(gold, t -> LemmaDictionary.identity(t.form()), d);
        LemmaScores dictionary = LemmaScores.score(gold, t -> d.lemmatize(t.form(), t.upos(), t.xpos()), d);
        assertEquals(new LemmaScores(5, 0, 3, 0), identity, "no lemma here is its lowercased form");
        assertEquals(new LemmaScores(5, 2, 3, 0), dictionary);
        assertEquals(40.0, dictionary.accuracy(), 1e-9);
        assertEquals(0.0, dictionary.unseenAccuracy(), 1e-9);
    }
}
