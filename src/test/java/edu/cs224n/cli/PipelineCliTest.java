package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.testing.ModelFiles;
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
    static void build() throws java.io.IOException {
        var r = CliTest.run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("parser").toString(),
                "--no-progress", "--set", "epochs=2");
        assertEquals(0, r.code(), r.err());
        r = CliTest.run(null, "tagger", "train", "--config", "conf/tagger-ewt.yaml", "--output", dir.resolve("tagger").toString(), "--no-progress",
                "--set", "train=corpora/sample/train.conllu", "--set", "dev=corpora/sample/dev.conllu", "--set", "test=corpora/sample/test.conllu",
                "--set", "epochs=1", "--set", "hidden=16", "--set", "word_dim=16", "--set", "min_word_count=1");
        assertEquals(0, r.code(), r.err());
        pipeline = dir.resolve("pipeline.zip");
        r = CliTest.run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("parser-2").toString(),
                "--no-progress", "--set", "epochs=1", "--set", "seed=5", "--set", "context_tagger=" + dir.resolve("tagger/model.zip"));
        assertEquals(0, r.code(), r.err());
        r = CliTest.run(null, "lemmatizer", "train", "--config", "conf/lemmatizer-ewt.yaml", "--output", dir.resolve("lemmatizer").toString(),
                "--no-progress", "--set", "train=corpora/sample/train.conllu", "--set", "dev=corpora/sample/dev.conllu", "--set", "test=",
                "--set", "epochs=1", "--set", "embedding=8", "--set", "hidden=8", "--set", "attention=8", "--set", "max_train_minutes=0");
        assertEquals(0, r.code(), r.err());
        // Two taggers (the same file twice) and two parsers, the second reading the tagger's states (its tagger inside its
        // own file): the pipeline tags and parses with their ensembles, and lemmatizes from the predicted UPOS.
        r = CliTest.run(null, "pipeline", "build", "--tagger", dir.resolve("tagger/model.zip").toString(), "--tagger",
                dir.resolve("tagger/model.zip").toString(), "--parser",
                dir.resolve("parser/model.zip").toString(), "--parser", dir.resolve("parser-2/model.zip").toString(),
                "--lemmatizer", dir.resolve("lemmatizer/model.zip").toString(), "--output", pipeline.toString());
        assertEquals(0, r.code(), r.err());
        try (var zip = new java.util.zip.ZipFile(pipeline.toFile())) {
            assertNotNull(zip.getEntry("parser-2.zip"), "the second parser is in the pipeline file");
            assertNotNull(zip.getEntry("tagger-2.zip"), "the second tagger is in the pipeline file");
            assertNotNull(zip.getEntry("lemmatizer.zip"), "the lemmatizer is in the pipeline file");
        }
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
            String own = surface(s);
            for (Token t : s.tokens()) {
                assertNotEquals("_", t.upos(), "every word is tagged");
                assertFalse(t.lemma().isEmpty() || t.lemma().equals("_") || t.lemma().contains("\t"), "every word has a lemma: " + t);
            }
            assertEquals(declared, own.toString().strip(), "the words rebuild the sentence's # text");
            joined.append(own);
        }
        assertEquals(text.replaceAll("\\s+", " ").strip(), joined.toString().strip(), "the words rebuild the input text");
        assertTrue(sentences.get(0).tokens().stream().map(Token::form).toList().containsAll(List.of("I", "parsed", ".")));
        assertEquals(List.of("Did", "n't", "I", "?"), sentences.get(1).tokens().stream().map(Token::form).toList());
        assertEquals(List.of("1-2\tDidn't"), sentences.get(1).extras().stream().map(e -> e.text().substring(0, e.text().indexOf('\t', 4))).toList(),
                "a split token gets its multiword-token line");

        var tree = CliTest.run("I parsed this sentence correctly.", "parser", "parse", "--text", "--model", pipeline.toString(), "--format", "tree");
        assertEquals(0, tree.code(), tree.err());
        assertTrue(tree.out().startsWith("ROOT"), tree.out());
    }

    /** The sentence's text as its tokens spell it: a multiword token's own form and MISC stand for its words. */
    static String surface(Sentence s) {
        StringBuilder own = new StringBuilder();
        int skipTo = 0;
        for (int i = 0; i < s.tokens().size(); i++) {
            for (Sentence.ExtraLine e : s.extras()) {
                if (e.beforeToken() != i) continue;
                String[] cols = e.text().split("\t");
                own.append(cols[1]);
                if (!cols[9].contains("SpaceAfter=No")) own.append(' ');
                skipTo = Integer.parseInt(cols[0].substring(cols[0].indexOf('-') + 1));
            }
            Token t = s.tokens().get(i);
            if (t.id() <= skipTo) {
                assertEquals("_", t.misc(), "a word inside a multiword token carries no SpaceAfter");
                continue;
            }
            own.append(t.form());
            if (!t.misc().contains("SpaceAfter=No")) own.append(' ');
        }
        return own.toString();
    }

    @Test
    void lemmatizerCommandsFillAndScoreLemmas() throws java.io.IOException {
        Path model = dir.resolve("lemmatizer/model.zip"), out = dir.resolve("lemmatized.conllu");
        var r = CliTest.run(null, "lemmatizer", "lemmatize", "--model", model.toString(), "--data", untagged(false).toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        List<Sentence> lemmatized = ConllSequenceRecordReader.read(out, true);
        List<Sentence> gold = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        assertEquals(gold.size(), lemmatized.size());
        for (int i = 0; i < gold.size(); i++) {
            for (int k = 0; k < gold.get(i).tokens().size(); k++) {
                Token g = gold.get(i).tokens().get(k), l = lemmatized.get(i).tokens().get(k);
                assertEquals(g.form(), l.form());
                assertFalse(l.lemma().isEmpty(), "a lemma for " + l);
            }
        }
        r = CliTest.run(null, "lemmatizer", "eval", "--model", model.toString(), "--data", "corpora/sample/dev.conllu", "--beam", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)lemma=\\d+\\.\\d\\d unseen=.*beam=2\\s*"), r.out());
        r = CliTest.run(null, "pipeline", "eval", "--model", pipeline.toString(), "--data", "corpora/sample/dev.conllu", "--no-raw");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lemmas from predicted UPOS: LEMMA="), r.out());
    }

    @Test
    void parsersWithOtherTransitionsCannotFormAnEnsemble() {
        var r = CliTest.run(null, "parser", "train", "--config", "conf/parser-sample.yaml", "--output", dir.resolve("unlabelled").toString(),
                "--no-progress", "--set", "epochs=1", "--set", "labelled=false");
        assertEquals(0, r.code(), r.err());
        r = CliTest.run(null, "pipeline", "build", "--tagger", dir.resolve("tagger/model.zip").toString(), "--parser",
                dir.resolve("parser/model.zip").toString(), "--parser", dir.resolve("unlabelled/model.zip").toString(), "--output",
                dir.resolve("mixed.zip").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("parser 2 has other transitions than parser 1"), r.err());
        assertFalse(dir.resolve("mixed.zip").toFile().exists(), "nothing written");
    }

    @Test
    void aParserModelIsNotAPipeline() {
        var r = CliTest.run("Some text.", "parser", "parse", "--text", "--model", dir.resolve("parser/model.zip").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a pipeline file"), r.err());
    }

    private static String[] columns(Token t) {
        return new String[] {Integer.toString(t.id()), t.form(), t.lemma(), t.upos(), t.xpos(), t.feats(), t.headColumn(), t.deprel(), t.deps(), t.misc()};
    }

    /** The sample's dev file with the XPOS column (or UPOS too) blanked to '_', as a treebank without it has. */
    private static Path untagged(boolean upos) throws java.io.IOException {
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), false);
        StringBuilder sb = new StringBuilder();
        for (Sentence s : dev) {
            for (Token t : s.tokens()) {
                String[] c = columns(t);
                c[4] = "_";
                if (upos) c[3] = "_";
                sb.append(String.join("\t", c)).append('\n');
            }
            sb.append('\n');
        }
        Path f = dir.resolve(upos ? "untagged.conllu" : "no-xpos.conllu");
        java.nio.file.Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void aParserThatReadsXposRefusesInputWithoutIt() throws java.io.IOException {
        Path out = dir.resolve("refused.conllu");
        var r = CliTest.run(null, "parser", "parse", "--model", dir.resolve("parser/model.zip").toString(), "--input", untagged(false).toString(),
                "--output", out.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("XPOS") && r.err().contains("column 5") && r.err().contains("no-xpos.conllu"), r.err());
        assertFalse(java.nio.file.Files.exists(out), "nothing is written");
        r = CliTest.run(null, "parser", "eval", "--model", dir.resolve("parser/model.zip").toString(), "--data", untagged(false).toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("XPOS"), r.err());
    }

    @Test
    void unseenTagValuesAreCountedOnceAndReadAsUnk() throws java.io.IOException {
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), false);
        StringBuilder sb = new StringBuilder();
        int changed = 0;
        for (Sentence s : dev) {
            for (Token t : s.tokens()) {
                String[] c = columns(t);
                if (t.id() == 1) {
                    c[4] = "NEVER-SEEN";
                    changed++;
                }
                sb.append(String.join("\t", c)).append('\n');
            }
            sb.append('\n');
        }
        Path f = dir.resolve("odd-tags.conllu");
        java.nio.file.Files.writeString(f, sb.toString());
        var r = CliTest.run(null, "parser", "parse", "--model", dir.resolve("parser/model.zip").toString(), "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("note:")).count(), r.err());
        assertTrue(r.err().contains(changed + " of ") && r.err().contains("XPOS") && r.err().contains("NEVER-SEEN") && r.err().contains("UNK"), r.err());
    }

    @Test
    void aPipelineTagsPreTokenisedInput() throws java.io.IOException {
        Path in = untagged(true);
        var r = CliTest.run(null, "parser", "parse", "--model", pipeline.toString(), "--input", in.toString());
        assertEquals(0, r.code(), r.err());
        List<Sentence> parsed = ConllSequenceRecordReader.read(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)), "<out>", true);
        List<Sentence> gold = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        assertEquals(gold.size(), parsed.size());
        for (int i = 0; i < gold.size(); i++) {
            assertEquals(gold.get(i).tokens().stream().map(Token::form).toList(), parsed.get(i).tokens().stream().map(Token::form).toList());
            for (Token t : parsed.get(i).tokens()) assertFalse(t.upos().equals("_") || t.xpos().equals("_"), "tags are predicted: " + t);
        }
    }

    @Test
    void modelFilesWrittenBeforeTheManifestStillLoad() throws java.io.IOException {
        Path oldParser = dir.resolve("format1-parser.zip"), oldPipeline = dir.resolve("format1-pipeline.zip");
        ModelFiles.rewrite(dir.resolve("parser/model.zip"), oldParser, null);
        ModelFiles.rewrite(pipeline, oldPipeline, null);
        String sample = "corpora/sample/dev.conllu";
        var now = CliTest.run(null, "parser", "parse", "--model", dir.resolve("parser/model.zip").toString(), "--input", sample);
        var before = CliTest.run(null, "parser", "parse", "--model", oldParser.toString(), "--input", sample);
        assertEquals(0, before.code(), before.err());
        assertEquals(now.out(), before.out(), "a format-1 parser file parses as its format-2 copy");
        var text = CliTest.run("I parsed this sentence correctly.", "parser", "parse", "--text", "--model", oldPipeline.toString());
        assertEquals(0, text.code(), text.err());
        assertEquals(CliTest.run("I parsed this sentence correctly.", "parser", "parse", "--text", "--model", pipeline.toString()).out(), text.out());
        Path newer = dir.resolve("format9-parser.zip");
        ModelFiles.rewrite(dir.resolve("parser/model.zip"), newer, "{\"format\": 9, \"kind\": \"parser\"}");
        var refused = CliTest.run(null, "parser", "parse", "--model", newer.toString(), "--input", sample);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("format 9"), refused.err());
    }
}
