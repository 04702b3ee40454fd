package edu.cs224n.vectors;

import edu.cs224n.config.Configs;
import edu.cs224n.data.InputFormatException;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class WordVectorsTest {
    @Test
    void word2vecOnCoNLLFormsWritesTextVectorsThatInitialiseTheParser(@TempDir Path dir) throws Exception {
        List<String> sentences = Word2VecTrainer.sentences(List.of(Path.of("corpora/sample/train.conllu")), false);
        assertEquals(600, sentences.size());
        var w2v = Word2VecTrainer.train(sentences, Configs.with(VectorsConfig.defaults(), Map.of("dim", 12, "window", 3, "min_count", 1, "epochs", 2, "seed", 1, "threads", 1)));
        Path file = dir.resolve("vectors.txt");
        Word2VecTrainer.writeText(w2v, file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(w2v.getVocab().numWords() + " 12", lines.get(0), "word2vec text header");
        WordVectors v = WordVectors.readText(file);
        assertEquals(12, v.dim());
        assertEquals(w2v.getVocab().numWords(), v.vectors().size());
        assertArrayEquals(toFloat(w2v.getWordVector("dog")), v.vectors().get("dog"), 1e-5f);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ParserConfig c = Configs.load(Path.of("conf/parser-sample.yaml"),
                List.of("word_dim=12", "epochs=1", "threads=1", "pretrained_vectors=" + file), ParserConfig.class);
        new ParserTraining(c, dir.resolve("run"), new PrintWriter(log, true, StandardCharsets.UTF_8)).run(false, false);
        assertTrue(log.toString(StandardCharsets.UTF_8).matches("(?s).*pretrained vectors: .*, [1-9]\\d* of \\d+ words initialised.*"), log.toString());
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    @Test
    void readsGloVeAndRejectsRaggedLines(@TempDir Path dir) throws Exception {
        Path glove = dir.resolve("glove.txt");
        Files.writeString(glove, "the 0.1 0.2 0.3\ncat -1 0 1.5\n");
        WordVectors v = WordVectors.readText(glove);
        assertEquals(3, v.dim());
        assertArrayEquals(new float[] {-1, 0, 1.5f}, v.vectors().get("cat"));
        Files.writeString(glove, "the 0.1 0.2 0.3\ncat -1 0\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> WordVectors.readText(glove));
        assertEquals(2, e.line());
    }

    /** The original word2vec C tool's binary layout, written byte by byte here, read back, and the text writer's output re-read. */
    @Test
    void readsWord2VecBinaryAndRoundTripsText(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("vectors.bin");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("2 3\n".getBytes(StandardCharsets.US_ASCII));
        float[][] v = {{0f, 0.5f, -1.25f}, {3f, 0f, 1e-3f}};
        String[] words = {"café", "dog"};
        for (int i = 0; i < 2; i++) {
            bytes.writeBytes((words[i] + " ").getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float x : v[i]) b.putFloat(x);
            bytes.writeBytes(b.array());
            bytes.write('\n');
        }
        Files.write(bin, bytes.toByteArray());
        WordVectors read = WordVectors.read(bin);
        assertEquals(3, read.dim());
        assertEquals(List.of("café", "dog"), read.words());
        assertArrayEquals(v[0], read.vectors().get("café"));
        assertArrayEquals(v[1], read.vectors().get("dog"));

        Path text = dir.resolve("vectors.txt");
        read.writeText(text);
        assertEquals("2 3", Files.readAllLines(text).get(0));
        WordVectors again = WordVectors.read(text);
        assertEquals(read.words(), again.words());
        assertArrayEquals(v[1], again.vectors().get("dog"), 1e-6f);

        byte[] truncated = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 10);
        Files.write(bin, truncated);
        InputFormatException e = assertThrows(InputFormatException.class, () -> WordVectors.read(bin));
        assertTrue(e.getMessage().contains("promises 2 vectors"), e.getMessage());
    }
}
