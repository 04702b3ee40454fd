package edu.cs224n.siamese;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.testing.SharedData;
import edu.cs224n.vectors.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The question-6 experiment end to end on EWT dev: three runs (both branches, W1 only, W2 only) with per-step
 * measurements. Vectors carry a noisy signal of each word's first UPOS, so a working classifier beats the majority class.
 */
class PseudoSiameseExperimentIT {
    @TempDir
    Path dir;

    @Test
    void threeRunsLearnFromTheVectorsAndWriteTheirMeasurements() throws Exception {
        Path treebank = SharedData.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu");
        Map<String, String> firstTag = new LinkedHashMap<>();
        for (Sentence s : ConllSequenceRecordReader.read(treebank, false)) {
            for (Token t : s.tokens()) firstTag.putIfAbsent(t.form().toLowerCase(Locale.ROOT), t.upos());
        }
        List<String> tagNames = firstTag.values().stream().distinct().sorted().toList();
        List<String> words = new ArrayList<>(firstTag.keySet());
        Nd4j.getRandom().setSeed(8);
        INDArray m = Nd4j.randn(DataType.FLOAT, words.size(), 30);
        for (int i = 0; i < words.size(); i++) m.putScalar(i, tagNames.indexOf(firstTag.get(words.get(i))), 3f);
        WordVectors vectors = WordVectors.of(words, m);

        var config = Configs.with(PseudoSiameseConfig.defaults(), Map.of("hidden", 50, "epochs", 4, "treebanks", List.of(treebank.toString())));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var outcome = new PseudoSiameseExperiment(config, new PrintWriter(log, true, StandardCharsets.UTF_8)).run(vectors, List.of(treebank), dir, Map.of());
        assertEquals(3, outcome.runs().size(), log.toString(StandardCharsets.UTF_8));
        double both = outcome.runs().get(PseudoSiameseNetwork.Trained.BOTH).testAccuracy();
        assertTrue(both > outcome.majorityBaseline() + 0.15, "both branches: " + both + " vs majority " + outcome.majorityBaseline());
        for (var run : outcome.runs().values()) assertTrue(Double.isFinite(run.testAccuracy()), run.toString());
        for (String f : List.of("report.md", "steps.csv", "run.json", "config.yaml", "accuracy.png", "updates.png", "both/model.zip", "w1-only/run.json",
                "w2-only/metrics.csv")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        List<String> steps = Files.readAllLines(dir.resolve("steps.csv"));
        assertTrue(steps.size() > 4 * 10, "one row per step of the both-branches run: " + steps.size());
        assertFalse(steps.get(steps.size() - 1).contains("NaN"), "the both-branches run measures both matrices: " + steps.get(steps.size() - 1));
    }
}
