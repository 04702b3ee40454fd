package edu.cs224n.tagger;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.train.Trainer;
import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.vectors.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A tagger with a fixed pre-trained table (pretrained_words > 0): the table's rows stay the vectors through training,
 * vectors of another dimension go through a trainable map, a word only the vectors know gets its row, the tagger
 * learns and its model file tags as the trained model did.
 */
class TaggerPretrainedTest {
    @TempDir
    Path dir;

    @Test
    void aFixedTableOfVectorsIsAddedToTheTrainableWordEmbedding() throws Exception {
        List<Sentence> train = ConllSequenceRecordReader.read(Path.of("corpora/sample/train.conllu"), true);
        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (List<Sentence> part : List.of(train, dev)) for (Sentence s : part) for (var t : s.tokens()) words.add(t.form().toLowerCase(Locale.ROOT));
        words.add("zyzzyva"); // in no sentence
        int dim = 12;
        StringBuilder text = new StringBuilder(words.size() + " " + dim + "\n");
        Random r = new Random(5);
        for (String w : words) {
            text.append(w);
            for (int k = 0; k < dim; k++) text.append(' ').append(String.format(Locale.ROOT, "%.4f", r.nextGaussian() * 0.3));
            text.append('\n');
        }
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, text);

        TaggerConfig c = new TaggerConfig("corpora/sample/train.conllu", "corpora/sample/dev.conllu", "", 2, 16, vectors.toString(), 100000,
                8, 8, 0, 100, 16, 1, 0.0, 5e-3, 16, 4, 7L, 0, 1);
        var outcome = new TaggerTraining(c, dir.resolve("run"), new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
        TaggerModel m = outcome.model();

        var net = m.network();
        assertTrue(PretrainedWords.mapped(net), "12-d vectors, word_dim 16: mapped");
        assertArrayEquals(new long[] {dim, 16}, net.getLayer(PretrainedWords.MAP).getParam("W").shape());
        WordVectors expected = WordVectors.read(vectors);
        PretrainedWords table = PretrainedWords.of(expected, 100000);
        var rows = net.getLayer(PretrainedWords.TABLE).getParam("W");
        assertEquals(0, rows.getRow(0).norm2Number().doubleValue(), 0, "row 0 (no vector) is zeros");
        for (int id = 1; id < table.size(); id += 7) {
            assertArrayEquals(expected.vectors().get(table.word(id)), rows.getRow(id).toFloatVector(), 1e-6f, "the fixed table is unchanged by training");
        }
        // A word training never had (unknown to the trainable table) still has its own row in the fixed one.
        assertEquals(m.vocabulary().words().id(TaggerVocabulary.UNK), m.vocabulary().words().id("zyzzyva"));
        assertTrue(table.id("Zyzzyva") > 0, "looked up lowercased, the word has a row");

        var history = outcome.state().history();
        assertTrue(history.get(history.size() - 1).trainLoss() < history.get(0).trainLoss(), "the loss falls");
        // The sample's words each have one tag (the most frequent tag is right on all of dev): the tagger must get there too.
        assertTrue(outcome.dev().upos() >= 0.95, "dev UPOS " + outcome.dev().upos());

        TaggerModel reloaded = TaggerModel.load(dir.resolve("run").resolve(Trainer.MODEL));
        List<TaggerModel.Tags> a = m.tag(dev), b = reloaded.tag(dev);
        for (int i = 0; i < dev.size(); i++) assertArrayEquals(a.get(i).upos(), b.get(i).upos(), "sentence " + (i + 1));
    }

    /** With char_dim > 0 the words' characters go through a character CNN beside the other features; the tagger learns, and its model file tags as it did. */
    @Test
    void aCharacterCnnJoinsTheWordsFeatures() throws Exception {
        TaggerConfig c = new TaggerConfig("corpora/sample/train.conllu", "corpora/sample/dev.conllu", "", 2, 16, "", 0,
                8, 8, 8, 12, 16, 1, 0.0, 5e-3, 16, 4, 7L, 0, 1);
        var outcome = new TaggerTraining(c, dir.resolve("chars"), new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
        TaggerModel m = outcome.model();
        assertTrue(m.network().getConfiguration().getNetworkInputs().contains(TaggerNetwork.CHARS));
        assertNotNull(m.vocabulary().chars());
        assertEquals(12, m.network().getLayer("char_cnn").getParam("b").length(), "one bias per filter");
        var history = outcome.state().history();
        assertTrue(history.get(history.size() - 1).trainLoss() < history.get(0).trainLoss(), "the loss falls");
        assertTrue(outcome.dev().upos() >= 0.95, "dev UPOS " + outcome.dev().upos());

        List<Sentence> dev = ConllSequenceRecordReader.read(Path.of("corpora/sample/dev.conllu"), true);
        TaggerModel reloaded = TaggerModel.load(dir.resolve("chars").resolve(Trainer.MODEL));
        assertEquals(m.vocabulary().chars().ids().lines(), reloaded.vocabulary().chars().ids().lines());
        List<TaggerModel.Probabilities> a = m.probabilities(dev), b = reloaded.probabilities(dev);
        for (int i = 0; i < dev.size(); i++) {
            for (int t = 0; t < a.get(i).upos().length; t++) assertArrayEquals(a.get(i).upos()[t], b.get(i).upos()[t], 1e-6f, "sentence " + (i + 1));
        }
    }

    @Test
    void aTableNeedsVectors() {
        TaggerConfig c = new TaggerConfig("corpora/sample/train.conllu", "corpora/sample/dev.conllu", "", 2, 16, "", 1000,
                8, 8, 0, 100, 16, 1, 0.0, 5e-3, 16, 4, 7L, 0, 1);
        assertThrows(ConfigException.class, c::validate);
    }
}
