package edu.cs224n.parser;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.TagSet;
import edu.cs224n.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Training on the bundled sample treebank: learning, outputs, best-model keeping, resume, save/load. */
class ParserTrainingTest {
    static ParserConfig sample(String... overrides) {
        return Configs.load(Path.of("conf/parser-sample.yaml"), List.of(overrides), ParserConfig.class);
    }

    static ParserTraining.Outcome train(ParserConfig c, Path dir, boolean resume) throws Exception {
        return new ParserTraining(c, dir, new PrintWriter(new ByteArrayOutputStream(), true)).run(resume, false);
    }

    /** Attach every word to its right neighbour (the last to ROOT): a trivial baseline. */
    static double rightBranchingUas(List<Sentence> gold) {
        long n = 0, ok = 0;
        for (Sentence s : gold) {
            for (int i = 0; i < s.size(); i++) {
                int guess = i + 1 < s.size() ? i + 2 : 0;
                n++;
                if (s.tokens().get(i).head() == guess) ok++;
            }
        }
        return 100.0 * ok / n;
    }

    @Test
    void learnsTheSampleAndWritesEveryOutput(@TempDir Path dir) throws Exception {
        ParserTraining.Outcome o = train(sample("threads=1", "epochs=6"), dir, false);
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        double baseline = rightBranchingUas(dev);
        assertTrue(o.dev().uas() > 90 && o.dev().uas() > baseline + 30, "dev UAS " + o.dev().uas() + " vs baseline " + baseline);
        assertTrue(o.dev().las() > 85, "dev LAS " + o.dev().las());
        assertNotNull(o.test());
        for (String f : List.of("model.zip", "checkpoint.zip", "metrics.csv", "curve.png", "config.yaml", "dev.predicted.conll",
                "test.predicted.conll", "scores.md", "run.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left behind");
        }
        assertEquals(7, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header + one row per epoch");
        List<Double> devUas = o.state().history().stream().map(r -> r.metrics().get("dev_uas")).toList();
        assertEquals(devUas.stream().mapToDouble(d -> d).max().orElseThrow(), o.dev().uas(), 1e-9, "model.zip is the best-on-dev epoch");
        assertTrue(o.state().history().get(5).trainLoss() < o.state().history().get(0).trainLoss() / 2, "loss falls");

        // The predictions file is valid CoNLL that re-reads as trees with the scores reported.
        List<Sentence> predicted = ConllSequenceRecordReader.read(dir.resolve("dev.predicted.conll"), true);
        assertEquals(o.dev().uas(), AttachmentScores.score(dev, predicted).uas(), 1e-9);

        // A reloaded model parses identically.
        ParserModel reloaded = ParserModel.load(dir.resolve(Trainer.MODEL));
        List<Sentence> again = reloaded.parse(dev, 7, 1, reloaded.precompute());
        for (int i = 0; i < dev.size(); i++) assertArrayEquals(predicted.get(i).heads(), again.get(i).heads());
    }

    @Test
    void resumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        ParserTraining.Outcome straight = train(sample("threads=1", "epochs=2"), dir.resolve("straight"), false);
        train(sample("threads=1", "epochs=1"), dir.resolve("killed"), false); // as if killed after epoch 1
        ParserTraining.Outcome resumed = train(sample("threads=1", "epochs=2"), dir.resolve("killed"), true);
        assertEquals(2, resumed.state().history().size());
        assertEquals(straight.state().history().get(1).trainLoss(), resumed.state().history().get(1).trainLoss(), 1e-6);
        assertEquals(straight.dev().uas(), resumed.dev().uas(), 1e-9);
        assertThrows(ConfigException.class, () -> train(sample("threads=1", "epochs=2", "hidden=64"), dir.resolve("killed"), true),
                "resuming with another model config is refused");
    }

    @Test
    void labelledTrainingOnUnlabelledDataIsAClearError(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.conll");
        Files.writeString(x, "1\tHi\t_\tUH\tUH\t_\t0\t_\t_\t_\n\n");
        ParserConfig c = sample("train=" + x, "dev=" + x, "threads=1");
        ConfigException e = assertThrows(ConfigException.class, () -> train(c, dir.resolve("out"), false));
        assertTrue(e.getMessage().contains("no dependency labels") && e.getMessage().contains("labelled: false"), e.getMessage());
        ParserTraining.Outcome o = train(sample("train=" + x, "dev=" + x, "test=", "threads=1", "labelled=false", "epochs=1"), dir.resolve("u"), false);
        assertEquals(3, o.model().vocabulary().transitionSystem().numTransitions());
    }

    @Test
    void aTagSetAbsentFromTheTrainingTreebankIsNoted(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.conllu");
        Files.writeString(x, "1\tHi\t_\tINTJ\t_\t_\t0\troot\t_\t_\n2\tthere\t_\tADV\t_\t_\t1\tadvmod\t_\t_\n\n");
        java.io.StringWriter log = new java.io.StringWriter();
        new ParserTraining(sample("train=" + x, "dev=" + x, "test=", "threads=1", "epochs=1", "tags=[upos, xpos]"), dir.resolve("out"),
                new PrintWriter(log, true)).run(false, false);
        assertTrue(log.toString().contains("note: XPOS is '_' on every training word"), log.toString());
        assertFalse(log.toString().contains("note: UPOS"), log.toString());
    }

    @Test
    void networkHasTheExpectedParameters() {
        List<Sentence> seed = ConllSequenceRecordReader.read(Path.of("corpora/sample/example-sentence.conllu"), true);
        ParserVocabulary v = ParserVocabulary.build(seed, List.of(TagSet.UPOS), true, false, 1);
        ParserConfig c = sample("hidden=7");
        var net = ParserNetwork.build(v, c);
        long words = v.words().size() * 50L, tags = v.tags().get(0).size() * 50L, labels = v.labels().size() * 50L;
        long hidden = (18 * 50 + 18 * 50 + 12 * 50 + 1) * 7L;
        long out = (7 + 1) * (2L * v.transitionLabels().size() + 1);
        assertEquals(words + tags + labels + hidden + out, net.numParams());
    }
}
