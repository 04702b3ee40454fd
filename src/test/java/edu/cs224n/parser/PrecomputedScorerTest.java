package edu.cs224n.parser;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        ParserConfig c = Configs.load(Path.of("conf/parser-sample.yaml"), List.of("epochs=2", "threads=1"), ParserConfig.defaults(), ParserConfig.class);
        model = new ParserTraining(c, dir, new PrintStream(new ByteArrayOutputStream())).run(false, false).model();
        dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
    }

    @Test
    void scoresEqualTheGraphsOnRandomConfigurations() {
        ParserVocabulary v = model.vocabulary();
        FeatureExtractor fx = FeatureExtractor.of(v);
        int rows = 64;
        float[][] f = new float[fx.groups()][];
        Random rng = new Random(5);
        int[] sizes = {v.words().size(), v.tags().get(0).size(), v.tags().get(1).size(), v.labels().size()};
        for (int g = 0; g < f.length; g++) {
            f[g] = new float[rows * fx.width(g)];
            for (int i = 0; i < f[g].length; i++) f[g][i] = rng.nextInt(sizes[g]);
        }
        float[] graph = new GraphScorer(model.network(), fx).scores(f, rows);
        for (int maxWords : new int[] {ParserModel.PRECOMPUTED_WORDS, 5}) { // 5: most words take the on-the-fly path
            float[] pre = softmaxRows(new PrecomputedScorer(model.network(), v, maxWords).scores(f, rows), rows);
            assertEquals(graph.length, pre.length);
            for (int i = 0; i < graph.length; i++) {
                assertEquals(graph[i], pre[i], 1e-5, "score " + i + " with maxWords " + maxWords);
            }
        }
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
        List<Sentence> fast = model.parse(dev, 100);
        for (int i = 0; i < dev.size(); i++) {
            assertArrayEquals(plain.get(i).heads(), fast.get(i).heads(), "sentence " + i);
            for (int w = 0; w < dev.get(i).size(); w++) {
                assertEquals(plain.get(i).tokens().get(w).deprel(), fast.get(i).tokens().get(w).deprel());
            }
        }
    }
}
