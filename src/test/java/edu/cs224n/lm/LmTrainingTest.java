package edu.cs224n.lm;

import edu.cs224n.config.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** An RNN LM run on the bundled sample: it learns, writes its outputs, resumes, and samples reproducibly. */
class LmTrainingTest {
    static LmConfig config(String... overrides) {
        return Configs.load(Path.of("conf/lm-sample.yaml"), List.of(overrides), LmConfig.class);
    }

    static String[] with(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }

    @Test
    void tyingNeedsTheEmbeddingAsWideAsTheHiddenLayer() {
        var e = assertThrows(edu.cs224n.config.ConfigException.class, () -> config("tie=true", "embedding=16", "hidden=32").validate());
        assertTrue(e.getMessage().contains("embedding must equal hidden"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn=mikolov", "rnn=gf-gru,layers=2,output=class,dropout=0.1", "rnn=stacked-gru,output=class,classes=5",
            "rnn=stacked-gru,layers=2,tie=true,embedding=32,dropout=0.1,dropout_mask=sequence",
            "rnn=stacked-gru,layers=2,tie=true,embedding=32,output=class,dropout=0.1,dropout_mask=sequence"})
    void learnsBeyondUnigramAndWritesItsOutputs(String architecture, @TempDir Path dir) throws Exception {
        LmTraining.Outcome o = new LmTraining(config(architecture.split(",")), dir, new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
        List<List<String>> train = LmText.readWords(Path.of("corpora/sample/train.conllu"));
        List<List<String>> valid = LmText.readWords(Path.of("corpora/sample/dev.conllu"));
        LmVocabulary v = o.model().vocabulary();
        Perplexity unigram = new KneserNey(1, v.size(), v.encode(train)).perplexity(v.encode(valid), LmVocabulary.UNK_ID);
        assertTrue(o.valid().value() < 0.6 * unigram.value(), architecture + ": RNN " + o.valid().summary() + " vs unigram " + unigram.summary());
        var history = o.state().history();
        assertTrue(history.get(history.size() - 1).trainLoss() < history.get(0).trainLoss(), "training loss falls");
        for (String f : new String[] {"model.zip", "checkpoint.zip", "metrics.csv", "curve.png", "config.yaml", "run.json"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        LmModel loaded = LmModel.load(dir.resolve("model.zip"));
        assertEquals(o.valid().value(), loaded.perplexity(valid).value(), 1e-6, "the saved model scores the same");
        String a = loaded.sample(List.of("the"), 15, 1.0, 42);
        assertEquals(a, loaded.sample(List.of("the"), 15, 1.0, 42), "same seed, same text");
        assertNotEquals(a, loaded.sample(List.of("the"), 15, 1.0, 43));
        assertTrue(a.startsWith("the"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn=mikolov", "rnn=stacked-gru,tie=true,embedding=32,dropout=0.1,dropout_mask=sequence"})
    void resumedRunEqualsAnUninterruptedOne(String architecture, @TempDir Path dir) throws Exception {
        PrintWriter quiet = new PrintWriter(new ByteArrayOutputStream(), true);
        String[] a = architecture.split(",");
        LmTraining.Outcome whole = new LmTraining(config(with(a, "epochs=2")), dir.resolve("whole"), quiet).run(false, false);
        new LmTraining(config(with(a, "epochs=1")), dir.resolve("split"), quiet).run(false, false);
        LmTraining.Outcome resumed = new LmTraining(config(with(a, "epochs=2")), dir.resolve("split"), quiet).run(true, false);
        assertEquals(2, resumed.state().epochsDone());
        assertEquals(whole.valid().value(), resumed.valid().value(), 1e-4, "valid perplexity after 2 epochs, whole vs resumed");
    }
}
