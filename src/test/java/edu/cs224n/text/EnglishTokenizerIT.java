package edu.cs224n.text;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tokenizer against UD English EWT dev's own tokenization of its raw text. */
class EnglishTokenizerIT {
    @Test
    void scoresWellAgainstEwtDev() {
        var r = TokenizerEvaluation.evaluate(SharedData.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu"), new EnglishTokenizer());
        assertTrue(r.tokens().f1() > 0.98, "token F1 " + r.tokens());
        assertTrue(r.words().f1() > 0.98, "word F1 " + r.words());
        assertTrue(r.sentences().f1() > 0.78, "sentence F1 " + r.sentences());
    }
}
