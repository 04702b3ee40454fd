package edu.cs224n.parser;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The pre-computed inference path against the plain ComputationGraph. */
class PrecomputedScorerTest {
    @TempDir
    static Path dir;
    static ParserModel model;
    static List<Sentence> dev;

    @BeforeAll
    static void train() throws Exception {
        ParserConfig c = Configs.load(Path.of("conf/parser-sample.yaml"), List.of("epochs=2", "threads=1"), ParserConfig.class);
        model = new ParserTraining(c, dir, new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false).model();
        dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
    }

    /** Random feature rows: each column an id of its group's vocabulary. */
    static int[] randomRows(ParserVocabulary v, int rows, long seed) {
        FeatureExtractor fx = FeatureExtractor.of(v);
        int[] sizes = {v.words().size(), v.tags().get(0).size(), v.tags().get(1).size(), v.labels().size()};
        int[] f = new int[rows * fx.totalWidth()];
        Random rng = new Random(seed);
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < fx.groups(); g++) {
                for (int p = 0; p < fx.width(g); p++) f[r * fx.totalWidth() + fx.offset(g) + p] = rng.nextInt(sizes[g]);
            }
        }
        return f;
    }

    static void assertScoresEqualTheGraphs(ComputationGraph net, ParserVocabulary v) {
        FeatureExtractor fx = FeatureExtractor.of(v);
        int rows = 150; // more than one output chunk
        int[] f = randomRows(v, rows, 5);
        int classes = v.transitionSystem().numTransitions();
        float[] graph = new float[rows * classes];
        new GraphScorer(net, fx).score(f, new float[0], rows, graph);
        for (int maxWords : new int[] {ParserModel.PRECOMPUTED_WORDS, 5}) { // 5: most words take the on-the-fly path
            float[] logits = new float[rows * classes];
            new PrecomputedScorer(net, v, maxWords).score(f, new float[0], rows, logits);
            float[] pre = softmaxRows(logits, rows);
            for (int i = 0; i < graph.length; i++) {
                assertEquals(graph[i], pre[i], 1e-5, "score " + i + " with maxWords " + maxWords);
            }
        }
    }

    @Test
    void scoresEqualTheGraphsOnRandomConfigurations() {
        assertScoresEqualTheGraphs(model.network(), model.vocabulary());
    }

    @Test
    void scoresEqualThePlainGraphsToo() {
        ParserConfig plain = model.config().withNetwork("plain");
        assertScoresEqualTheGraphs(ParserNetwork.build(model.vocabulary(), plain), model.vocabulary());
    }

    /** The graph ends in softmax; the pre-computed path stops at the logits (same argmax). */
    static float[] softmaxRows(float[] logits, int rows) {
        int c = logits.length / rows;
        float[] out = new float[logits.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < c; j++) max = Math.max(max, logits[r * c + j]);
            for (int j = 0; j < c; j++) sum += Math.exp(logits[r * c + j] - max);
            for (int j = 0; j < c; j++) out[r * c + j] = (float) (Math.exp(logits[r * c + j] - max) / sum);
        }
        return out;
    }

    @Test
    void choosesTheSameTransitionsAsTheGraph() {
        ParserVocabulary v = model.vocabulary();
        List<Sentence> plain = model.parse(dev, 100, new GraphScorer(model.network(), FeatureExtractor.of(v)));
        List<Sentence> fast = model.parse(dev, 100, 1, model.precompute());
        assertSameParses(plain, fast, "graph vs pre-computed");
    }

    static void assertSameParses(List<Sentence> a, List<Sentence> b, String what) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).heads(), b.get(i).heads(), what + ": sentence " + i);
            for (int w = 0; w < a.get(i).size(); w++) {
                assertEquals(a.get(i).tokens().get(w).deprel(), b.get(i).tokens().get(w).deprel(), what + ": sentence " + i + " word " + (w + 1));
            }
        }
    }

    /** Logits of the pre-computed path over {@code tables}, for rows {@link #randomRows} (seed 9). */
    static float[] logits(PrecomputedScorer.Tables tables, ParserVocabulary v, int rows) {
        float[] out = new float[rows * v.transitionSystem().numTransitions()];
        try (PrecomputedScorer s = new PrecomputedScorer(tables)) {
            s.score(randomRows(v, rows, 9), new float[0], rows, out);
        }
        return out;
    }

    @Test
    void aModelFileParsesFromItsStoredWeightsWithoutRestoringTheGraph() throws Exception {
        Path file = dir.resolve("stored.zip");
        model.toFile(false).write(file);
        ParserModel loaded = ParserModel.load(file);
        ParserVocabulary v = model.vocabulary();
        assertArrayEquals(logits(model.precompute(), v, 300), logits(loaded.precompute(), v, 300), "the same floats from the file's weights");
        assertSameParses(model.parse(dev, 100, 1, model.precompute()), new ParserEnsemble(List.of(loaded)).parse(dev, 100, 1), "in memory vs loaded");
        assertFalse(loaded.networkRestored(), "parsing a model file needs no DL4J graph");

        // Once something has the graph (to train it, say), the tables follow the graph, not the stored weights.
        ComputationGraph net = loaded.network();
        assertTrue(loaded.networkRestored());
        float[] before = logits(loaded.precompute(), v, 1);
        net.getLayer(ParserNetwork.OUTPUT).getParam("b").addi(1.0);
        float[] after = logits(loaded.precompute(), v, 1);
        for (int j = 0; j < before.length; j++) assertEquals(before[j] + 1f, after[j], 1e-4, "logit " + j);
    }

    @Test
    void storedWeightsRoundTripAndDamageIsNamed() {
        InferenceWeights w = InferenceWeights.of(model.network(), model.vocabulary());
        byte[] bytes = w.toBytes();
        InferenceWeights back = InferenceWeights.fromBytes(bytes, "m.zip!inference.bin");
        assertArrayEquals(w.hiddenW(), back.hiddenW());
        assertArrayEquals(w.outputW(), back.outputW());
        assertArrayEquals(w.tables()[0], back.tables()[0]);
        assertArrayEquals(w.dims(), back.dims());
        var e = assertThrows(IllegalArgumentException.class, () -> InferenceWeights.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3), "m.zip!inference.bin"));
        assertTrue(e.getMessage().startsWith("m.zip!inference.bin: "), e.getMessage());
        bytes[0] ^= 1;
        e = assertThrows(IllegalArgumentException.class, () -> InferenceWeights.fromBytes(bytes, "m.zip!inference.bin"));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void outputIsTheSameWhateverTheThreadsAndBatchSize() {
        PrecomputedScorer.Tables tables = model.precompute();
        List<Sentence> reference = model.parse(dev, 5000, 1, tables);
        for (int[] tb : new int[][] {{1, 1}, {1, 7}, {2, 3}, {2, 5000}, {3, 64}, {4, 2}}) {
            assertSameParses(reference, model.parse(dev, tb[1], tb[0], tables), tb[0] + " threads, batch " + tb[1]);
        }
    }
}
