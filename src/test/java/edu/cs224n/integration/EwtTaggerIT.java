package edu.cs224n.integration;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.tagger.MostFrequentTag;
import edu.cs224n.tagger.TaggerConfig;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.tagger.TaggerTraining;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The BiLSTM tagger trained briefly on an EWT slice (data through DataVec's sequence reader and DL4J's padded,
 * masked iterator) beats the most-frequent-tag baseline of the same slice on dev, and its model file reloads.
 */
class EwtTaggerIT {
    @TempDir
    Path dir;

    @Test
    void aBrieflyTrainedTaggerBeatsTheMostFrequentTag() throws Exception {
        Path train = SharedData.require("corpora/ud-english-ewt/en_ewt-ud-train.conllu");
        Path dev = SharedData.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu");
        TaggerConfig c = Configs.load(Path.of("conf/tagger-ewt.yaml"), List.of("train=" + train, "dev=" + dev, "test=", "max_train_sentences=2000",
                "epochs=2", "hidden=100"), TaggerConfig.class);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var outcome = new TaggerTraining(c, dir, new PrintWriter(log, true, StandardCharsets.UTF_8)).run(false, false);
        var devSentences = ConllSequenceRecordReader.read(dev, false);
        var baseline = TaggerModel.accuracy(devSentences,
                new MostFrequentTag(ConllSequenceRecordReader.read(train, false).subList(0, 2000)).tag(devSentences));
        System.out.println(log.toString(StandardCharsets.UTF_8) + "baseline dev UPOS " + baseline.upos());
        assertTrue(outcome.dev().upos() > baseline.upos() + 0.01, "dev UPOS " + outcome.dev().upos() + " vs most frequent tag " + baseline.upos());
        assertTrue(outcome.dev().xpos() > baseline.xpos(), "dev XPOS " + outcome.dev().xpos() + " vs most frequent tag " + baseline.xpos());
        var history = outcome.state().history();
        assertTrue(history.get(1).trainLoss() < history.get(0).trainLoss(), "the loss falls");
        TaggerModel reloaded = TaggerModel.load(dir.resolve("model.zip"));
        assertEquals(outcome.dev().upos(), reloaded.accuracy(devSentences).upos(), 1e-12, "the saved model tags as the trained one");
        assertTrue(Files.exists(dir.resolve("run.json")) && Files.exists(dir.resolve("metrics.csv")));
    }
}
