package edu.cs224n.parser;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.tagger.TaggerConfig;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.tagger.TaggerTraining;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A parser that reads a tagger's BiLSTM states beside its ids: the states, the dense input, training, save/load, inference. */
class TaggerContextTest {
    @TempDir
    static Path dir;
    static TaggerModel tagger;
    static ParserTraining.Outcome outcome;
    static List<Sentence> dev;

    @BeforeAll
    static void train() throws Exception {
        PrintWriter quiet = new PrintWriter(new ByteArrayOutputStream(), true);
        TaggerConfig tc = new TaggerConfig("corpora/sample/train.conllu", "corpora/sample/dev.conllu", "", 1, 16, "", 0, 8, 8, 0, 100, 16, 1, 0.0, 5e-3,
                32, 2, 7L, 0, 1);
        tagger = new TaggerTraining(tc, dir.resolve("tagger"), quiet).run(false, false).model();
        ParserConfig c = ParserTrainingTest.sample("threads=1", "epochs=4", "context_tagger=" + dir.resolve("tagger").resolve(Trainer.MODEL),
                "context_positions=[s1, s2, b1]", "context_dropout=0.2");
        outcome = new ParserTraining(c, dir.resolve("parser"), quiet).run(false, false);
        dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
    }

    @Test
    void aSentencesStatesDoNotDependOnTheBatchItIsPaddedIn() {
        List<Sentence> some = dev.subList(0, 12);
        List<float[][]> together = tagger.states(some);
        for (int i = 0; i < some.size(); i++) {
            float[][] alone = tagger.states(List.of(some.get(i))).get(0);
            assertEquals(some.get(i).size(), alone.length);
            for (int w = 0; w < alone.length; w++) {
                assertEquals(32, alone[w].length, "forward and backward states of 16 units");
                assertArrayEquals(alone[w], together.get(i)[w], 1e-5f, "sentence " + i + " word " + (w + 1));
            }
        }
    }

    @Test
    void trainingExamplesReadTheStatesAtTheirPositions() {
        ParserModel m = outcome.model();
        TaggerContext context = m.context();
        List<Sentence> two = dev.subList(0, 2);
        TrainingExamples ex = TrainingExamples.build(two, m.vocabulary(), context);
        assertEquals(2, ex.sentences(), "both trees are projective, so example 0 and 1 are sentence 0's first two");
        assertEquals(3 * 32, ex.denseWidth());
        float[] row = new float[ex.denseWidth()];
        ex.dense(0, row, 0); // the initial configuration: s1 = ROOT (zeros), no s2, b1 = word 1
        float[][] states = context.states(two).get(0);
        for (int k = 0; k < 64; k++) assertEquals(0f, row[k], "ROOT and the empty s2 read zeros");
        assertArrayEquals(states[1], java.util.Arrays.copyOfRange(row, 64, 96), 0f, "b1 reads word 1's state");
        ex.dense(1, row, 0); // after SHIFT: s1 = word 1, s2 = ROOT, b1 = word 2
        assertArrayEquals(states[1], java.util.Arrays.copyOfRange(row, 0, 32), 0f);
        assertArrayEquals(states[2], java.util.Arrays.copyOfRange(row, 64, 96), 0f);
    }

    @Test
    void learnsTheSampleAndReloadsWithItsTagger() throws Exception {
        double baseline = ParserTrainingTest.rightBranchingUas(dev);
        assertTrue(outcome.dev().uas() > 85 && outcome.dev().uas() > baseline + 30, "dev UAS " + outcome.dev().uas() + " vs baseline " + baseline);
        Path file = dir.resolve("parser").resolve(Trainer.MODEL);
        ModelFile.Contents raw = ModelFile.read(file, ParserModel.KIND, false);
        assertArrayEquals(Files.readAllBytes(dir.resolve("tagger").resolve(Trainer.MODEL)), raw.optionalNested(TaggerContext.ENTRY),
                "the tagger travels inside the parser's file, byte for byte");
        ParserModel reloaded = ParserModel.load(file);
        assertNotNull(reloaded.context());
        assertArrayEquals(new int[] {0, 1, 3}, reloaded.context().slots());
        List<Sentence> predicted = ConllSequenceRecordReader.read(dir.resolve("parser").resolve("dev.predicted.conll"), true);
        PrecomputedScorerTest.assertSameParses(predicted, reloaded.parse(dev, 7, 2, reloaded.precompute()), "reloaded, 2 threads, batch 7");
    }

    @Test
    void precomputedScoresEqualTheGraphsWithTaggerStates() {
        ParserModel m = outcome.model();
        FeatureExtractor fx = m.featureExtractor();
        int rows = 70; // more than two chunks
        int[] ids = PrecomputedScorerTest.randomRows(m.vocabulary(), rows, 3);
        float[] dense = new float[rows * fx.denseWidth()];
        Random rng = new Random(4);
        for (int i = 0; i < dense.length; i++) dense[i] = (float) (2 * rng.nextDouble() - 1);
        int classes = m.vocabulary().transitionSystem().numTransitions();
        float[] graph = new float[rows * classes], logits = new float[rows * classes], zeroed = new float[rows * classes];
        new GraphScorer(m.network(), fx).score(ids, dense, rows, graph);
        PrecomputedScorer fast = new PrecomputedScorer(m.precompute());
        fast.score(ids, dense, rows, logits);
        float[] pre = PrecomputedScorerTest.softmaxRows(logits, rows);
        for (int i = 0; i < graph.length; i++) assertEquals(graph[i], pre[i], 1e-5, "score " + i);
        fast.score(ids, new float[dense.length], rows, zeroed);
        double moved = 0;
        for (int i = 0; i < logits.length; i++) moved = Math.max(moved, Math.abs(logits[i] - zeroed[i]));
        assertTrue(moved > 0.1, "the states move the scores (largest change " + moved + ")");
        PrecomputedScorerTest.assertSameParses(m.parse(dev, 100, new GraphScorer(m.network(), fx)), m.parse(dev, 100, 1, m.precompute()), "graph vs pre-computed");
    }

    @Test
    void badContextSettingsAreRefusedByName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ParserTrainingTest.sample("context_tagger=x.zip", "context_positions=[s1, lc1]").validate());
        assertTrue(e.getMessage().startsWith("context_positions:"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ParserTrainingTest.sample("context_tagger=x.zip", "network=plain").validate());
        assertTrue(e.getMessage().startsWith("context_tagger:"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ParserTraining(ParserTrainingTest.sample("context_tagger=" + dir.resolve("no-such.zip")), dir.resolve("x"),
                        new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false));
        assertTrue(missing.getMessage().contains("no-such.zip"), missing.getMessage());
    }
}
