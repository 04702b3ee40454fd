package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `parser parse --text` end to end on a pipeline built from a tagger and a parser trained in seconds on the bundled
 * sample: the output is CoNLL-U that the project's own reader accepts, with a tree in every sentence, and its words
 * (with SpaceAfter=No) join back to the input text.
 */
class PipelineCliTest {
    @TempDir
    static Path dir;
    static Path pipeline;

    @BeforeAll
    static void build() {
        var r = CliTest.run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("parser").toString(),
                "--no-progress", "--set", "epochs=2");
        assertEquals(0, r.code(), r.err());
        r = CliTest.run(null, "tagger", "train", "--config", "conf/tagger-ewt.yaml", "--output", dir.resolve("tagger").toString(), "--no-progress",
                "--set", "train=corpora/sample/train.conllu", "--set", "dev=corpora/sample/dev.conllu", "--set", "test=corpora/sample/test.conllu",
                "--set", "epochs=1", "--set", "hidden=16", "--set", "word_dim=16", "--set", "min_word_count=1");
        assertEquals(0, r.code(), r.err());
        pipeline = dir.resolve("pipeline.zip");
        r = CliTest.run(null, "pipeline", "build", "--tagger", dir.resolve("tagger/model.zip").toString(), "--parser",
                dir.resolve("parser/model.zip").toString(), "--output", pipeline.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void rawTextBecomesValidConlluThatJoinsBackToTheText() {
        String text = "I parsed this sentence correctly. Didn't I?\n\nThe U.S. economy grew 2.5% in 2004, e-mail jane@example.com (or see www.example.com).";
        var r = CliTest.run(text, "parser", "parse", "--text", "--model", pipeline.toString());
        assertEquals(0, r.code(), r.err());
        List<Sentence> sentences = ConllSequenceRecordReader.read(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)), "<out>", true);
        assertEquals(3, sentences.size(), r.out());
        StringBuilder joined = new StringBuilder();
        for (Sentence s : sentences) {
            assertTrue(s.comments().stream().anyMatch(c -> c.startsWith("# sent_id = ")), s.comments().toString());
            String declared = s.comments().stream().filter(c -> c.startsWith("# text = ")).findFirst().orElseThrow().substring(9);
            StringBuilder own = new StringBuilder();
            for (Token t : s.tokens()) {
                own.append(t.form());
                if (!t.misc().contains("SpaceAfter=No")) own.append(' ');
                assertNotEquals("_", t.upos(), "every word is tagged");
            }
            assertEquals(declared, own.toString().strip(), "the words rebuild the sentence's # text");
            joined.append(own);
        }
        assertEquals(text.replaceAll("\\s+", " ").strip(), joined.toString().strip(), "the words rebuild the input text");
        assertTrue(sentences.get(0).tokens().stream().map(Token::form).toList().containsAll(List.of("I", "parsed", ".")));
        assertEquals(List.of("Did", "n't", "I", "?"), sentences.get(1).tokens().stream().map(Token::form).toList());

        var tree = CliTest.run("I parsed this sentence correctly.", "parser", "parse", "--text", "--model", pipeline.toString(), "--format", "tree");
        assertEquals(0, tree.code(), tree.err());
        assertTrue(tree.out().startsWith("ROOT"), tree.out());
    }

    @Test
    void aParserModelIsNotAPipeline() {
        var r = CliTest.run("Some text.", "parser", "parse", "--text", "--model", dir.resolve("parser/model.zip").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a pipeline file"), r.err());
    }
}
