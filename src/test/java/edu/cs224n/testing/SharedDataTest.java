package edu.cs224n.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.*;

class SharedDataTest {
    @Test
    void aMissingCorpusFailsWithThePathNotASkip() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SharedData.require("corpora/no-such-corpus/x.conllu"));
        assertTrue(e.getMessage().contains("corpora/no-such-corpus/x.conllu") && e.getMessage().contains("CS224N_DATA"), e.getMessage());
    }
}
