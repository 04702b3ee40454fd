package edu.cs224n.lemma;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LemmaDictionaryTest {
    /** One sentence, a word a row "FORM LEMMA UPOS" (a treebank line each: the rows are lines 1, 2, ...). */
    static List<Sentence> read(String... rows) {
        StringBuilder sb = new StringBuilder();
        int id = 1;
        for (String r : rows) {
            String[] f = r.split(" ");
            sb.append(id).append('\t').append(f[0]).append('\t').append(f[1]).append('\t').append(f[2]).append("\t_\t_\t").append(id == 1 ? 0 : 1)
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
        assertEquals("see", d.lemmatize("saw", "VERB"));
        assertEquals("saw", d.lemmatize("saw", "NOUN"));
        assertEquals("the", d.lemmatize("The", "DET"));
        assertEquals("studies", d.lemmatize("Studies", "VERB"), "unseen: the identity, lowercased");
        assertTrue(d.seen("saw") && !d.seen("Studies"));
    }

    /** Accuracy over every word and over the unseen ones, exact match with the gold lemma. */
    @Test
    void scoresCountAllWordsAndTheUnseenOnes() {
        LemmaDictionary d = LemmaDictionary.train(read("went go VERB", "children child NOUN"));
        List<Sentence> gold = read("went go VERB", "children child NOUN", "studies study VERB", "cats cat NOUN", "Paris Paris PROPN");
        LemmaScores identity = LemmaScores.score(gold, (f, u) -> LemmaDictionary.identity(f), d);
        LemmaScores dictionary = LemmaScores.score(gold, d::lemmatize, d);
        assertEquals(new LemmaScores(5, 0, 3, 0), identity, "no lemma here is its lowercased form");
        assertEquals(new LemmaScores(5, 2, 3, 0), dictionary);
        assertEquals(40.0, dictionary.accuracy(), 1e-9);
        assertEquals(0.0, dictionary.unseenAccuracy(), 1e-9);
    }
}
