package edu.cs224n.data;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The batch reader ({@link ConllStream}), the writer and {@link ConllTransform}: byte for byte, in order, errors by line. */
class ConllStreamTest {
    static ConllStream stream(String text) {
        return ConllStream.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.conllu", false);
    }

    @Test
    void ewtRoundTripsByteForByteThroughTheStreamingReaderAndWriter() throws IOException {
        for (String split : List.of("train", "dev", "test")) {
            Path file = SharedData.require("corpora/ud-english-ewt/en_ewt-ud-" + split + ".conllu");
            StringWriter out = new StringWriter();
            int sentences = 0;
            try (ConllStream in = ConllStream.open(file, true)) {
                for (List<Sentence> batch; !(batch = in.next(777)).isEmpty(); ) {
                    sentences += batch.size();
                    ConllWriter.write(batch, out);
                }
            }
            assertTrue(sentences > 2000, split + ": " + sentences);
            assertEquals(Files.readString(file), out.toString(), split + " round-trips byte for byte");
        }
    }

    @Test
    void batchesHoldEverySentenceInOrder() {
        String text = ConllReaderTest.CONLLU.repeat(5);
        List<Sentence> whole = ConllSequenceRecordReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.conllu", true);
        List<Sentence> batched = new ArrayList<>();
        try (ConllStream in = stream(text)) {
            for (List<Sentence> b; !(b = in.next(3)).isEmpty(); ) {
                assertTrue(b.size() <= 3);
                batched.addAll(b);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(whole, batched);
    }

    @Test
    void malformedLinesAreNamedWithTheLineAsBefore() {
        String good = "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n";
        String text = good.repeat(10) + "1\tB\tb\tX\tX\t_\t0\n\n";
        InputFormatException e = assertThrows(InputFormatException.class, () -> {
            try (ConllStream in = stream(text)) {
                while (!in.next(4).isEmpty()) { }
            }
        });
        assertEquals("in.conllu:21: expected 10 tab-separated columns, found 7", e.getMessage());
        assertThrows(InputFormatException.class, () -> ConllStream.open(Path.of("no/such/file.conllu"), false), "a missing file");
    }

    @Test
    void transformKeepsOrderAndStopsAtTheFirstError(@TempDir Path dir) throws IOException {
        String text = ConllReaderTest.CONLLU.repeat(7);
        StringWriter out = new StringWriter();
        ConllTransform.run(stream(text), out, 2, batch -> {
            List<Sentence> marked = new ArrayList<>();
            for (Sentence s : batch) marked.add(s.withPredictions(new int[s.size()], s.tokens().stream().map(t -> "x").toArray(String[]::new)));
            return marked;
        });
        List<Sentence> written = ConllReaderTest.read(out.toString(), false);
        List<Sentence> read = ConllReaderTest.read(text, false);
        assertEquals(read.size(), written.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(read.get(i).text(), written.get(i).text(), "sentence " + i + " in its place");
            assertTrue(written.get(i).tokens().stream().allMatch(t -> t.deprel().equals("x") && t.head() == 0));
        }
        String bad = ConllReaderTest.CONLLU.repeat(3) + "1\tB\n";
        InputFormatException e = assertThrows(InputFormatException.class, () -> ConllTransform.run(stream(bad), new StringWriter(), 2, b -> b));
        assertTrue(e.getMessage().startsWith("in.conllu:37: expected 10 tab-separated columns"), e.getMessage());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ConllTransform.run(stream(text), new StringWriter(), 2, b -> {
            throw new IllegalStateException("refused");
        }));
        assertEquals("refused", refused.getMessage());
    }
}
