package edu.cs224n.integration;

import edu.cs224n.lm.KneserNey;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.lm.Perplexity;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Kneser-Ney baseline on Brown with the protocol (words seen <= 3 times -> <unk>, </s> predicted). */
class BrownKneserNeyIT {
    @Test
    void fiveGramPerplexityOnBrownTest() {
        List<List<String>> train = LmText.readLines(SharedData.require("corpora/brown/brown.train.txt"));
        List<List<String>> test = LmText.readLines(SharedData.require("corpora/brown/brown.test.txt"));
        LmVocabulary v = LmVocabulary.build(train, 4, 0);
        int[][] trainIds = v.encode(train);
        int[][] testIds = v.encode(test);
        Perplexity kn5 = new KneserNey(5, v.size(), trainIds).perplexity(testIds, LmVocabulary.UNK_ID);
        Perplexity kn1 = new KneserNey(1, v.size(), trainIds).perplexity(testIds, LmVocabulary.UNK_ID);
        assertEquals(171_297, kn5.tokens(), "161,170 words + 10,127 end-of-sentence tokens");
        assertTrue(kn5.value() < 0.4 * kn1.value(), "5-gram " + kn5.summary() + " vs unigram " + kn1.summary());
        // An independent implementation measured 146.7 with this protocol (the issue); a large gap means a bug.
        assertEquals(146.7, kn5.value(), 3.0, kn5.summary());
    }
}
