package edu.cs224n.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The Java API as a program embedding it uses it: nothing but the {@code edu.cs224n.api} package. */
class ApiTest {
    @TempDir
    static Path dir;
    static Path pipelineFile, parserFile;

    @BeforeAll
    static void train() throws Exception {
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        parserFile = Training.parser(Path.of("conf/parser-sample.yaml"), dir.resolve("parser"), quiet, "epochs=2", "threads=1");
        Path tagger = Training.tagger(Path.of("conf/tagger-ewt.yaml"), dir.resolve("tagger"), quiet, "train=corpora/sample/train.conllu",
                "dev=corpora/sample/dev.conllu", "test=", "epochs=1", "hidden=16", "word_dim=16", "min_word_count=1", "threads=1");
        pipelineFile = Training.pipeline(List.of(tagger), List.of(parserFile), null, dir.resolve("pipeline.zip"));
    }

    @Test
    void annotateGivesTreesWithOffsetsIntoTheText() throws Exception {
        String text = "I parsed this sentence correctly. Didn't I?";
        Document doc = Pipeline.load(pipelineFile).annotate(text);
        assertEquals(2, doc.sentences().size());
        for (AnnotatedSentence s : doc.sentences()) {
            assertEquals(1, s.words().stream().filter(w -> w.head() == 0).count(), "one root: " + s);
            for (Word w : s.words()) {
                assertEquals(w.form(), text.substring(w.start(), w.end()), "offsets index the text");
                assertTrue(w.head() >= 0 && w.head() <= s.words().size());
                assertFalse(w.upos().equals("_") || w.deprel().equals("_"), w.toString());
                assertNull(w.lemma(), "this pipeline has no lemmatizer");
            }
        }
        assertEquals(List.of("Did", "n't", "I", "?"), doc.sentences().get(1).words().stream().map(Word::form).toList());
        String conllu = doc.toConllu();
        assertTrue(conllu.contains("# text = I parsed this sentence correctly.") && conllu.contains("1-2\tDidn't"), conllu);
    }

    @Test
    void parserTakesPreTokenisedSentences() throws Exception {
        List<List<String>> words = List.of(List.of("The", "cat", "sat", "."), List.of("Dogs", "bark", "."));
        Document viaPipeline = Parser.load(pipelineFile).parse(words);
        assertEquals(words.get(0), viaPipeline.sentences().get(0).words().stream().map(Word::form).toList());
        assertEquals(-1, viaPipeline.sentences().get(0).words().get(0).start(), "no offsets for pre-tokenised input");

        Parser bare = Parser.load(parserFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bare.parse(words));
        assertTrue(e.getMessage().contains("UPOS"), e.getMessage());
        List<List<Parser.TaggedWord>> tagged = List.of(List.of(new Parser.TaggedWord("The", "DET", "DT"), new Parser.TaggedWord("cat", "NOUN", "NN"),
                new Parser.TaggedWord("sat", "VERB", "VBD"), new Parser.TaggedWord(".", "PUNCT", ".")));
        Document d = bare.parseTagged(tagged);
        assertEquals(1, d.sentences().get(0).words().stream().filter(w -> w.head() == 0).count());
    }

    @Test
    void concurrentCallersGetWhatOneCallerGets() throws Exception {
        Pipeline nlp = Pipeline.load(pipelineFile);
        List<String> texts = List.of("I parsed this sentence correctly.", "The quick brown fox jumps over the lazy dog.", "Didn't I? Yes, you did.",
                "Parsers read words and tags.");
        List<String> alone = new ArrayList<>();
        for (String t : texts) alone.add(nlp.annotate(t).toConllu());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) for (String t : texts) futures.add(pool.submit(() -> nlp.annotate(t).toConllu()));
            for (int i = 0; i < futures.size(); i++) assertEquals(alone.get(i % texts.size()), futures.get(i).get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aParserFileIsNotAPipeline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pipeline.load(parserFile));
        assertTrue(e.getMessage().contains("not a pipeline file"), e.getMessage());
    }
}
