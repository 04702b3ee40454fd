package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.parser.Projectivity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every parser command with a biaffine model file (trained in seconds on the bundled sample), alone and in a pipeline. */
class BiaffineCliTest {
    @TempDir
    static Path dir;
    static Path model, pipeline;
    static final String DEV = "corpora/sample/dev.conllu";

    @BeforeAll
    static void build() {
        var r = CliTest.run(null, "parser", "train", "--config", "conf/parser-sample-biaffine.yaml", "--output", dir.resolve("biaffine").toString(),
                "--no-progress", "--set", "epochs=3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test non-projective arcs:"), r.out());
        model = dir.resolve("biaffine/model.zip");
        r = CliTest.run(null, "tagger", "train", "--config", "conf/tagger-ewt.yaml", "--output", dir.resolve("tagger").toString(), "--no-progress",
                "--set", "train=corpora/sample/train.conllu", "--set", "dev=" + DEV, "--set", "test=corpora/sample/test.conllu",
                "--set", "epochs=1", "--set", "hidden=16", "--set", "word_dim=16", "--set", "min_word_count=1");
        assertEquals(0, r.code(), r.err());
        pipeline = dir.resolve("pipeline.zip");
        r = CliTest.run(null, "pipeline", "build", "--tagger", dir.resolve("tagger/model.zip").toString(), "--parser", model.toString(),
                "--output", pipeline.toString());
        assertEquals(0, r.code(), r.err());
    }

    static List<Sentence> conll(String text) {
        return ConllSequenceRecordReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "<out>", true);
    }

    @Test
    void evalAndParseReadTheModelFilesKind() throws Exception {
        var eval = CliTest.run(null, "parser", "eval", "--model", model.toString(), "--data", DEV);
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith("UAS="), eval.out());
        double uas = Double.parseDouble(eval.out().substring(4, eval.out().indexOf(' ')));
        assertTrue(uas > 60, "a parser that learned something: " + eval.out());

        Path out = dir.resolve("parsed.conllu");
        var parse = CliTest.run(null, "parser", "parse", "--model", model.toString(), "--input", DEV, "--output", out.toString());
        assertEquals(0, parse.code(), parse.err());
        List<Sentence> parsed = ConllSequenceRecordReader.read(out, true);
        assertEquals(ConllSequenceRecordReader.read(Path.of(DEV), true).size(), parsed.size());
        for (Sentence s : parsed) {
            int roots = 0;
            for (Token t : s.tokens()) if (t.head() == 0) roots++;
            assertEquals(1, roots, "one root child in " + s.text());
        }
        var stdin = CliTest.run(Files.readString(Path.of(DEV)), "parser", "parse", "--model", model.toString());
        assertEquals(0, stdin.code(), stdin.err());
        assertEquals(Files.readString(out), stdin.out(), "stdin and --input give the same output");
    }

    @Test
    void benchReportsItsSpeed() {
        var r = CliTest.run(null, "parser", "bench", "--model", model.toString(), "--data", DEV, "--repeat", "1", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("path=biaffine") && r.out().contains("sentences_per_second="), r.out());
    }

    @Test
    void aPipelineWithABiaffineParserParsesTextAndTaggedInput() {
        var text = CliTest.run("The boy saw a dog. It ran away quickly.", "parser", "parse", "--text", "--model", pipeline.toString());
        assertEquals(0, text.code(), text.err());
        List<Sentence> sentences = conll(text.out());
        assertEquals(2, sentences.size(), text.out());
        for (Sentence s : sentences) {
            assertTrue(edu.cs224n.biaffine.BiaffineTestAccess.isTree(Projectivity.heads(s)), "a tree: " + text.out());
            for (Token t : s.tokens()) assertNotEquals("_", t.upos(), "tagged by the pipeline's tagger");
        }
        var eval = CliTest.run(null, "pipeline", "eval", "--model", pipeline.toString(), "--data", DEV, "--no-raw");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("UAS"), eval.out());
    }

    @Test
    void biaffineParsersDoNotFormEnsemblesAndAreNotTaggers() {
        var r = CliTest.run(null, "pipeline", "build", "--tagger", dir.resolve("tagger/model.zip").toString(), "--parser", model.toString(),
                "--parser", model.toString(), "--output", dir.resolve("two.zip").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("an ensemble is of transition parsers only"), r.err());
        r = CliTest.run(null, "tagger", "eval", "--model", model.toString(), "--data", DEV);
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("a biaffine-parser model file, not a tagger model file"), r.err());
    }
}
