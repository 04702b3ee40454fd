package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command line as a user drives it: exit codes, printed lines, files written. */
class CliTest {
    @TempDir
    static Path dir;
    static Path model;

    static Cli.Result run(String stdin, String... args) {
        return Cli.run(stdin, args);
    }

    @BeforeAll
    static void trainTinyModel() {
        Cli.Result r = run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("run").toString(),
                "--set", "epochs=3", "--set", "threads=1", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dev:  UAS="), r.out());
        model = dir.resolve("run/model.zip");
    }

    @Test
    void helpListsEveryCommand() {
        Cli.Result r = run(null, "--help");
        assertEquals(0, r.code());
        for (String c : List.of("demo", "parser", "tagger", "pipeline", "text", "lm", "vectors", "siamese", "experiment", "help")) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(c + " ") || l.strip().equals(c)), c + " missing from:\n" + r.out());
        }
        Cli.Result lm = run(null, "lm", "--help");
        for (String c : List.of("train", "eval", "sample", "kn", "bench-rnn", "bench-output")) assertTrue(lm.out().contains(c), c + ": " + lm.out());
    }

    @Test
    void helpForEveryCommand() {
        for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"parser", "--help"}, new String[] {"parser", "train", "--help"},
                new String[] {"parser", "eval", "--help"}, new String[] {"parser", "parse", "--help"}, new String[] {"parser", "bench", "--help"}, new String[] {"vectors", "train", "--help"},
                new String[] {"demo", "--help"})) {
            Cli.Result r = run(null, cmd);
            assertEquals(0, r.code(), String.join(" ", cmd));
            assertTrue(r.out().contains("Usage:"), r.out());
        }
    }

    @Test
    void evalPrintsScoresAndNonProjectiveRecall() {
        Cli.Result r = run(null, "parser", "eval", "--model", model.toString(), "--data", "corpora/sample/test.conllu");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("UAS=\\d+\\.\\d\\d LAS=\\d+\\.\\d\\d UAS_nopunct=\\d+\\.\\d\\d LAS_nopunct=\\d+\\.\\d\\d"), r.out());
        assertTrue(lines[1].matches("non-projective arcs: \\d+ gold \\(in \\d+ of \\d+ trees\\), \\d+ recovered \\(recall \\d+\\.\\d%\\), 0 predicted"),
                "a transition parser predicts no crossing arc: " + r.out());
        Cli.Result graph = run(null, "parser", "eval", "--model", model.toString(), "--data", "corpora/sample/test.conllu", "--graph", "--threads", "1");
        assertEquals(0, graph.code(), graph.err());
        assertEquals(r.out(), graph.out(), "the reference path scores the same");
    }

    @Test
    void benchPrintsParsingSpeed() {
        for (String path : new String[] {"--graph", "--threads=1"}) {
            Cli.Result r = run(null, "parser", "bench", "--model", model.toString(), "--data", "corpora/sample/dev.conllu", "--repeat", "1", "--warmup", "1", path);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().matches("(?s).*sentences=100 tokens=\\d+ .*\nsentences_per_second=\\d+ tokens_per_second=\\d+ transitions_per_second=\\d+.*"), r.out());
            assertTrue(r.out().contains("including_startup: seconds="), r.out());
        }
    }

    @Test
    void benchTrainPrintsTrainingThroughput() {
        Cli.Result r = run(null, "parser", "bench-train", "--config", "conf/parser-sample.yaml", "--seconds", "1", "--warmup", "1", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*network=fused threads=1 .*\ntrain_examples_per_second=\\d+\n.*"), r.out());
    }

    @Test
    void lmBenchTrainPrintsTrainingThroughputAfterItsWarmUp() {
        Cli.Result r = run(null, "lm", "bench-train", "--config", "conf/lm-sample.yaml", "--set", "rnn=stacked-gru", "--steps", "10",
                "--warmup", "2", "--warmup-seconds", "0", "--repeat", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*rnn=stacked-gru .* warmup_calls=2\ntrain_tokens_per_second=\\d+\n.*"), r.out());
    }

    @Test
    void lmTrainEvalAndSample(@TempDir Path out) {
        Cli.Result train = run(null, "lm", "train", "--config", "conf/lm-sample.yaml", "--output", out.toString(), "--set", "epochs=1", "--no-progress");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("valid: PPL="), train.out());
        String model = out.resolve("model.zip").toString();
        Cli.Result eval = run(null, "lm", "eval", "--model", model, "--data", "corpora/sample/test.conllu");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().strip().matches("PPL=\\d+\\.\\d\\d tokens=864 unk=\\d+ \\(.*\\)"), eval.out());
        Cli.Result a = run(null, "lm", "sample", "--model", model, "--prime", "the", "--length", "12", "--seed", "3");
        Cli.Result b = run(null, "lm", "sample", "--model", model, "--prime", "the", "--length", "12", "--seed", "3");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), "a seed gives the same text");
        assertTrue(a.out().startsWith("the"), a.out());
        Cli.Result bad = run(null, "lm", "sample", "--model", model, "--temperature", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--temperature"), bad.err());
    }

    @Test
    void lmKnPrintsPerplexity() {
        Cli.Result r = run(null, "lm", "kn", "--set", "train=corpora/sample/train.conllu", "--set", "valid=", "--set",
                "test=corpora/sample/test.conllu", "--set", "order=3", "--set", "min_count=2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*\ntest: PPL=\\d+\\.\\d\\d tokens=\\d+ unk=\\d+ .*"), r.out());
        Cli.Result missing = run(null, "lm", "kn", "--set", "train=no/such/file.txt");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("no/such/file.txt"), missing.err());
    }

    @Test
    void parseReadsStdinIgnoresGoldAndWritesCoNLL() throws Exception {
        String input = Files.readString(Path.of("corpora/sample/example-sentence.conllu")).replace("\t2\tnsubj\t", "\t_\t_\t");
        Cli.Result r = run(input, "parser", "parse", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        List<Sentence> parsed = ConllSequenceRecordReader.read(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)), "out", true);
        assertEquals(1, parsed.size());
        assertEquals("I parsed this sentence correctly", parsed.get(0).text());
        assertEquals(List.of("# sent_id = cs224n-assignment2-example", "# text = I parsed this sentence correctly"), parsed.get(0).comments());

        Path out = dir.resolve("parsed.conllu");
        r = run(null, "parser", "parse", "--model", model.toString(), "--input", "corpora/sample/dev.conllu", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(100, ConllSequenceRecordReader.read(out, true).size());

        r = run(null, "parser", "parse", "--model", model.toString(), "--input", "corpora/sample/example-sentence.conllu", "--format", "tree");
        assertTrue(r.out().startsWith("ROOT\n└── parsed"), r.out());
    }

    @Test
    void parseStreamsBatchesAndGivesTheTreesOfOneWholeParse() throws Exception {
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        String whole = edu.cs224n.data.ConllWriter.toString(edu.cs224n.pipeline.Parsers.load(model).parse(dev, 1));
        Path out = dir.resolve("streamed.conllu");
        Cli.Result r = run(null, "parser", "parse", "--model", model.toString(), "--input", "corpora/sample/dev.conllu", "--output", out.toString(),
                "--batch", "7", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals(whole, Files.readString(out), "batches of 7 on two threads: the same bytes as one parse of all 100 sentences");
        r = run(Files.readString(Path.of("corpora/sample/dev.conllu")), "parser", "parse", "--model", model.toString(), "--batch", "13");
        assertEquals(whole, r.out(), "standard input to standard output");

        Path bad = dir.resolve("bad-late.conllu");
        Files.writeString(bad, Files.readString(Path.of("corpora/sample/dev.conllu")) + "1\tA\ta\tX\n\n");
        int lines = Files.readAllLines(Path.of("corpora/sample/dev.conllu")).size();
        Path target = dir.resolve("never.conllu");
        r = run(null, "parser", "parse", "--model", model.toString(), "--input", bad.toString(), "--output", target.toString(), "--batch", "10");
        assertEquals(2, r.code());
        assertEquals("error: " + bad + ":" + (lines + 1) + ": expected 10 tab-separated columns, found 4", r.err().strip());
        assertFalse(Files.exists(target), "no half-written output after an error in a late batch");
    }

    @Test
    void malformedInputExitsWithFileAndLineNotAStackTrace() throws Exception {
        Path bad = dir.resolve("bad.conllu");
        Files.writeString(bad, "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n");
        Cli.Result r = run(null, "parser", "eval", "--model", model.toString(), "--data", bad.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + bad + ":2: word id 3 out of order: expected 2", r.err().strip());

        r = run(null, "parser", "parse", "--model", dir.resolve("missing.zip").toString(), "--input", "corpora/sample/dev.conllu");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such model file"), r.err());

        Path missing = dir.resolve("missing.conllu");
        r = run(null, "parser", "parse", "--model", model.toString(), "--input", missing.toString(), "--output", dir.resolve("y.conllu").toString());
        assertEquals(2, r.code());
        assertEquals("error: " + missing + ":0: no such file", r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        r = run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("x").toString(), "--set", "hiden=3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'hiden'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}
