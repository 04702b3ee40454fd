package edu.cs224n.lemma;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** tagged_train: the model's types are the gold ones plus what a tagger's tags add; the tagged file must be the training one. */
class TaggedTrainingTypesTest {
    @Test
    void aTaggersTagsAddTypesWithTheGoldLemma() {
        List<Sentence> gold = LemmaDictionaryTest.read("Parts part NOUN", "saw see VERB", "Gmail Gmail PROPN");
        List<Sentence> tagged = LemmaDictionaryTest.read("Parts part PROPN", "saw see VERB", "Gmail Gmail NOUN");
        var types = LemmatizerTraining.examples(gold, tagged, "tagged.conllu", 30, false);
        assertEquals(List.of(new LemmatizerTraining.Example("Parts", "NOUN", null, "part"), new LemmatizerTraining.Example("saw", "VERB", null, "see"),
                new LemmatizerTraining.Example("Gmail", "PROPN", null, "Gmail"), new LemmatizerTraining.Example("Parts", "PROPN", null, "part"),
                new LemmatizerTraining.Example("Gmail", "NOUN", null, "Gmail")), types);
    }

    @Test
    void anotherTreebankIsRefusedWithItsLine() {
        List<Sentence> gold = LemmaDictionaryTest.read("Parts part NOUN", "saw see VERB");
        ConfigException e = assertThrows(ConfigException.class,
                () -> LemmatizerTraining.examples(gold, LemmaDictionaryTest.read("Parts part PROPN", "saw saw NOUN"), "tagged.conllu", 30, false));
        assertTrue(e.getMessage().contains("tagged.conllu line 2"), e.getMessage());
        assertThrows(ConfigException.class, () -> LemmatizerTraining.examples(gold, List.of(), "tagged.conllu", 30, false));
    }
}
