package edu.cs224n.biaffine;

import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.data.Characters;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.TagSet;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.parser.ParserVocabulary;
import edu.cs224n.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The biaffine parser on the bundled sample: learning, outputs, trees, resume, reload; its batches and network size. */
class BiaffineTrainingTest {
    static BiaffineConfig sample(String... overrides) {
        return Configs.load(Path.of("conf/parser-sample-biaffine.yaml"), List.of(overrides), BiaffineConfig.class);
    }

    static BiaffineTraining.Outcome train(BiaffineConfig c, Path dir, boolean resume) throws Exception {
        return new BiaffineTraining(c, dir, new PrintWriter(new ByteArrayOutputStream(), true)).run(resume, false);
    }

    /** Attach every word to its right neighbour (the last to ROOT): a trivial baseline. */
    static double rightBranchingUas(List<Sentence> gold) {
        long n = 0, ok = 0;
        for (Sentence s : gold) {
            for (int i = 0; i < s.size(); i++) {
                n++;
                if (s.tokens().get(i).head() == (i + 1 < s.size() ? i + 2 : 0)) ok++;
            }
        }
        return 100.0 * ok / n;
    }

    @Test
    void learnsTheSampleAndWritesEveryOutput(@TempDir Path dir) throws Exception {
        BiaffineTraining.Outcome o = train(sample(), dir, false);
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        double baseline = rightBranchingUas(dev);
        assertTrue(o.dev().uas() > 90 && o.dev().uas() > baseline + 30, "dev UAS " + o.dev().uas() + " vs baseline " + baseline);
        assertTrue(o.dev().las() > 85, "dev LAS " + o.dev().las());
        for (String f : List.of("model.zip", "checkpoint.zip", "metrics.csv", "curve.png", "config.yaml", "dev.predicted.conll",
                "test.predicted.conll", "scores.md", "run.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"test_nonprojective\""), "run.json counts the non-projective arcs");
        var history = o.state().history();
        assertTrue(history.get(history.size() - 1).trainLoss() < history.get(0).trainLoss() / 2, "loss falls");

        // Every predicted tree is well formed with one child of ROOT; the file re-reads with the scores reported.
        List<Sentence> predicted = ConllSequenceRecordReader.read(dir.resolve("dev.predicted.conll"), true);
        assertEquals(o.dev().las(), AttachmentScores.score(dev, predicted).las(), 1e-9);
        for (Sentence s : predicted) {
            int[] heads = edu.cs224n.parser.Projectivity.heads(s);
            assertTrue(BiaffineModel.isTreeWithOneRootChild(heads), "a tree with one root child: " + s.text());
        }

        // The parsing path (padded batches of similar length, its own BiLSTM pass) parses as the graph does.
        List<Sentence> viaGraph = o.model().parseWithGraph(dev);
        for (int i = 0; i < dev.size(); i++) assertArrayEquals(viaGraph.get(i).heads(), predicted.get(i).heads(), "sentence " + i);
        assertEncoderMatchesTheGraph(o.model(), dev);

        // A reloaded model parses identically, whatever the batch size and however many sentences share the first layer's table.
        BiaffineModel reloaded = BiaffineModel.load(dir.resolve(Trainer.MODEL)).withEvalBatchSize(3);
        List<Sentence> again = reloaded.parse(dev, 1), tables = reloaded.parse(dev, reloaded.examples(dev), 5);
        for (List<Sentence> other : List.of(again, tables)) {
            for (int i = 0; i < dev.size(); i++) {
                assertArrayEquals(predicted.get(i).heads(), other.get(i).heads());
                for (int w = 0; w < dev.get(i).size(); w++) assertEquals(predicted.get(i).tokens().get(w).deprel(), other.get(i).tokens().get(w).deprel());
            }
        }
    }

    /** Each sentence's MLP states: alone through the graph, and in one padded batch of all through the Encoder. */
    static void assertEncoderMatchesTheGraph(BiaffineModel m, List<Sentence> sentences) {
        List<Batches.Example> examples = m.examples(sentences);
        int[] all = new int[examples.size()], lengths = new int[examples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            lengths[i] = examples.get(i).positions();
        }
        int t = java.util.Arrays.stream(lengths).max().orElseThrow();
        var encoder = new Encoder(m.network(), m.config(), BiaffineNetwork.tagInputs(m.vocabulary()), m.config().hasPretrained());
        var rows = encoder.mlp(encoder.firstLayer(examples, List.of(all)), examples, all, t);
        var states = rows.reshape('c', all.length, t, rows.size(1)).permute(0, 2, 1); // [B, C, T] as the graph gives it
        var layers = m.network().getLayers();
        int mlpLayer = java.util.stream.IntStream.range(0, layers.length).filter(i -> layers[i].conf().getLayer().getLayerName().equals("mlp")).findFirst().orElseThrow();
        for (int i = 0; i < all.length; i += 7) {
            var alone = Batches.build(examples, new int[] {i}, m.vocabulary().tagSets().size(), null);
            var graph = m.network().feedForward(alone.getFeatures(), mlpLayer, false).get("mlp");
            var mine = states.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, lengths[i]));
            assertTrue(graph.equalsWithEps(mine, 1e-4), "sentence " + i + ": the encoder's states equal the graph's");
        }
    }

    @Test
    void withCharactersItLearnsAndReloads(@TempDir Path dir) throws Exception {
        BiaffineTraining.Outcome o = train(sample("char_dim=8", "char_filters=16", "epochs=4"), dir, false);
        assertTrue(o.dev().uas() > 85, "dev UAS " + o.dev().uas());
        assertTrue(o.model().network().getConfiguration().getNetworkInputs().contains(BiaffineNetwork.CHARS));
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        List<Sentence> first = o.model().parse(dev, 1), again = BiaffineModel.load(dir.resolve(Trainer.MODEL)).parse(dev, 1);
        for (int i = 0; i < dev.size(); i++) assertArrayEquals(first.get(i).heads(), again.get(i).heads());
        assertEncoderMatchesTheGraph(o.model(), dev);
    }

    @Test
    void pretrainedVectorsAreAFixedInputAddedToTheWordEmbedding(@TempDir Path dir) throws Exception {
        BiaffineModel m = trainWithVectors(dir, 32); // the sample's word_dim
        assertFalse(PretrainedWords.mapped(m.network()));
    }

    @Test
    void vectorsOfAnotherDimensionGoThroughATrainableMapToWordDim(@TempDir Path dir) throws Exception {
        BiaffineModel m = trainWithVectors(dir, 48);
        assertTrue(PretrainedWords.mapped(m.network()));
        assertArrayEquals(new long[] {48, 32}, m.network().getLayer(PretrainedWords.MAP).getParam("W").shape());
    }

    /** Trains on the sample with random vectors of dimension {@code dim} for two words in three, and checks what holds for any dimension. */
    private BiaffineModel trainWithVectors(Path dir, int dim) throws Exception {
        List<Sentence> train = ConllSequenceRecordReader.read(Path.of("corpora/sample/train.conllu"), true);
        java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
        for (Sentence s : train) for (var t : s.tokens()) words.add(t.form().toLowerCase(java.util.Locale.ROOT));
        StringBuilder text = new StringBuilder(words.size() + " " + dim + "\n");
        Random r = new Random(9);
        int kept = 0;
        for (String w : words) {
            if (kept++ % 3 == 2) continue; // some words have no vector
            text.append(w);
            for (int k = 0; k < dim; k++) text.append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", r.nextGaussian() * 0.3));
            text.append('\n');
        }
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, text.toString().replaceFirst("^\\d+", Integer.toString(text.toString().split("\n").length - 1)));
        BiaffineTraining.Outcome o = train(sample("pretrained_vectors=" + vectors, "epochs=3"), dir.resolve("run"), false);
        assertTrue(o.dev().uas() > 80, "dev UAS " + o.dev().uas());
        var table = o.model().network().getLayer(PretrainedWords.TABLE).getParam("W");
        var expected = edu.cs224n.vectors.WordVectors.read(vectors);
        PretrainedWords pw = PretrainedWords.of(expected, 100000);
        assertEquals(0, table.getRow(0).norm2Number().doubleValue(), 0, "row 0 (no vector) is zeros");
        for (int id = 1; id < pw.size(); id += 17) {
            assertArrayEquals(expected.vectors().get(pw.word(id)), table.getRow(id).toFloatVector(), 1e-6f, "the fixed table is unchanged by training");
        }
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        BiaffineModel reloaded = BiaffineModel.load(dir.resolve("run").resolve(Trainer.MODEL));
        List<Sentence> a = o.model().parse(dev, 1), b = reloaded.parse(dev, 1);
        for (int i = 0; i < dev.size(); i++) assertArrayEquals(a.get(i).heads(), b.get(i).heads());
        assertEncoderMatchesTheGraph(reloaded, dev);
        return reloaded;
    }

    @Test
    void resumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        BiaffineTraining.Outcome straight = train(sample("epochs=2"), dir.resolve("straight"), false);
        train(sample("epochs=1"), dir.resolve("killed"), false); // as if killed after epoch 1
        BiaffineTraining.Outcome resumed = train(sample("epochs=2"), dir.resolve("killed"), true);
        assertEquals(2, resumed.state().history().size());
        assertEquals(straight.state().history().get(1).trainLoss(), resumed.state().history().get(1).trainLoss(), 1e-6);
        assertEquals(straight.dev().las(), resumed.dev().las(), 1e-9);
        assertThrows(ConfigException.class, () -> train(sample("epochs=2", "hidden=32"), dir.resolve("killed"), true),
                "resuming with another model config is refused");
    }

    @Test
    void unlabelledTreebanksTrainUnlabelled(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.conll");
        Files.writeString(x, "1\tHi\t_\tUH\tUH\t_\t2\t_\t_\t_\n2\tthere\t_\tRB\tRB\t_\t0\t_\t_\t_\n\n");
        ConfigException e = assertThrows(ConfigException.class, () -> train(sample("train=" + x, "dev=" + x, "test="), dir.resolve("out"), false));
        assertTrue(e.getMessage().contains("no dependency labels") && e.getMessage().contains("labelled: false"), e.getMessage());
        BiaffineTraining.Outcome o = train(sample("train=" + x, "dev=" + x, "test=", "labelled=false", "epochs=1"), dir.resolve("u"), false);
        assertEquals(List.of("_"), o.model().vocabulary().transitionLabels());
    }

    @Test
    void batchesHoldSentencesOfOneLengthAndEverySentenceOnce() {
        List<Sentence> train = ConllSequenceRecordReader.read(Path.of("corpora/sample/train.conllu"), true);
        ParserVocabulary v = ParserVocabulary.build(train, List.of(TagSet.UPOS), true, false, 1);
        List<Batches.Example> examples = new ArrayList<>();
        for (Sentence s : train) examples.add(new Batches.Example(v.encode(s), null, null, null, null));
        List<int[]> groups = Batches.buckets(examples, 16, Integer.MAX_VALUE, new Random(3));
        boolean[] seen = new boolean[examples.size()];
        for (int[] g : groups) {
            assertTrue(g.length <= 16);
            for (int i : g) {
                assertFalse(seen[i]);
                seen[i] = true;
                assertEquals(examples.get(g[0]).positions(), examples.get(i).positions(), "one length per batch (nothing padded)");
            }
            assertNull(Batches.build(examples, g, 1, null).getFeaturesMaskArrays(), "no padding, so no mask");
        }
        for (boolean s : seen) assertTrue(s);
    }

    @Test
    void networkHasTheExpectedParameters() {
        List<Sentence> seed = ConllSequenceRecordReader.read(Path.of("corpora/sample/example-sentence.conllu"), true);
        ParserVocabulary v = ParserVocabulary.build(seed, List.of(TagSet.UPOS, TagSet.XPOS), true, false, 1);
        BiaffineConfig c = sample("layers=2", "hidden=5", "arc_dim=4", "label_dim=3", "word_dim=6", "tag_dim=2", "char_dim=3", "char_filters=7");
        Characters chars = Characters.build(seed);
        var net = BiaffineNetwork.build(v, null, chars, c);
        long emb = v.words().size() * 6L + (v.tags().get(0).size() + v.tags().get(1).size()) * 2L + chars.size() * 3L + (3 * 3 + 1) * 7L;
        long lstm0 = 2L * (4 * 5 * (17 + 5) + 4 * 5), lstm1 = 2L * (4 * 5 * (10 + 5) + 4 * 5);
        long mlp = 10L * (2 * 4 + 2 * 3) + (2 * 4 + 2 * 3);
        int labels = BiaffineNetwork.labelOutputs(v);
        long arc = 4L * 4 + 4, label = 3L * labels * 3 + 2L * 3 * labels + labels;
        assertEquals(emb + lstm0 + lstm1 + mlp + arc + label, net.numParams());
    }
}
