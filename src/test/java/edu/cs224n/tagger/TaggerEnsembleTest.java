package edu.cs224n.tagger;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Tag probabilities of two taggers, numbered differently, are combined by tag name. */
class TaggerEnsembleTest {
    private static Vocabulary tags(String... names) {
        List<String> lines = new java.util.ArrayList<>(List.of("-1"));
        lines.addAll(List.of(names));
        return Vocabulary.fromLines(lines);
    }

    @Test
    void theBestTagUnderTheMeanProbabilityIsTakenByName() {
        Vocabulary upos = tags("NOUN", "VERB", "ADJ");
        TaggerVocabulary v = new TaggerVocabulary(upos, upos, upos, upos, tags("NN", "VB"), null);
        // One token: the first model says NOUN 0.5 / VERB 0.1 / ADJ 0.4; the second, in its own order, ADJ 0.45 / NOUN 0.1 / VERB 0.45.
        float[][] first = {{0.5f, 0.1f, 0.4f}};
        assertEquals("NOUN", TaggerModel.best(List.of(new TaggerModel.Probabilities(first, new float[][] {{0.6f, 0.4f}})), v).get(0).upos()[0],
                "the first model alone");
        TaggerEnsemble.add(new float[][] {{0.45f, 0.1f, 0.45f}}, TaggerEnsemble.mapping(tags("ADJ", "NOUN", "VERB"), upos), first);
        assertArrayEquals(new float[] {0.6f, 0.55f, 0.85f}, first[0], 1e-6f);
        var best = TaggerModel.best(List.of(new TaggerModel.Probabilities(first, new float[][] {{0.6f, 0.4f}})), v);
        assertEquals("ADJ", best.get(0).upos()[0], "together: ADJ 0.85 > NOUN 0.6");
        assertEquals("NN", best.get(0).xpos()[0]);
        List<Sentence> s = List.of(new Sentence("t", 1, List.of(), List.of(new Token(1, "red", "_", "_", "_", "_", "_", "_", "_", "_", 1)), List.of()));
        assertEquals("ADJ", TaggerModel.withTags(s, best).get(0).tokens().get(0).upos());
        assertEquals(-1, TaggerEnsemble.mapping(tags("ADJ", "X"), upos)[1], "a tag the first model lacks maps nowhere");
    }
}
