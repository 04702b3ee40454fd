package edu.cs224n.integration;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.lemma.LemmaDictionary;
import edu.cs224n.lemma.LemmatizerConfig;
import edu.cs224n.lemma.LemmatizerModel;
import edu.cs224n.lemma.LemmatizerTraining;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The plain and the attention seq2seq lemmatizer, each trained for one epoch on the word types of an EWT slice (4,000 sentences), alone
 * (no dictionary: edit classifier and decoder) beat the identity baseline (the lowercased form) on the words of a slice of
 * EWT dev, and write their run files.
 */
class LemmatizerIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conf/lemmatizer-ewt-plain.yaml", "conf/lemmatizer-ewt.yaml"})
    void aBrieflyTrainedModelBeatsTheIdentity(String config) throws Exception {
        Path train = SharedData.require("corpora/ud-english-ewt/en_ewt-ud-train.conllu");
        List<Sentence> gold = ConllSequenceRecordReader.read(SharedData.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu"), false).subList(0, 400);
        Path dev = dir.resolve("dev-slice.conllu");
        ConllWriter.writeFile(dev, gold);
        LemmatizerConfig c = Configs.load(Path.of(config), List.of("train=" + train, "dev=" + dev, "test=", "max_train_sentences=4000",
                "epochs=1", "max_train_minutes=0", "threads=1"), LemmatizerConfig.class); // one whole epoch, not a time budget: the same work on any machine
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new LemmatizerTraining(c, dir, new PrintWriter(log, true, StandardCharsets.UTF_8)).run(false, false);
        System.out.println(log.toString(StandardCharsets.UTF_8));
        LemmatizerModel model = LemmatizerModel.load(dir.resolve("model.zip"));
        Map<LemmatizerModel.Word, String> alone = model.modelOnly(LemmatizerModel.words(gold), 1);
        int words = 0, byModel = 0, byIdentity = 0;
        for (Sentence s : gold) {
            for (Token t : s.tokens()) {
                if (!LemmaDictionary.hasLemma(t)) continue;
                words++;
                if (alone.get(LemmatizerModel.Word.of(t)).equals(t.lemma())) byModel++;
                if (LemmaDictionary.identity(t.form()).equals(t.lemma())) byIdentity++;
            }
        }
        System.out.printf("%s: model alone %.2f%%, identity %.2f%% of %d dev words%n", config, 100.0 * byModel / words, 100.0 * byIdentity / words, words);
        assertTrue(byModel > byIdentity, "model alone " + byModel + " vs identity " + byIdentity + " of " + words);
        assertTrue(Files.exists(dir.resolve("run.json")) && Files.exists(dir.resolve("metrics.csv")) && Files.exists(dir.resolve("curve.png")));
    }
}
