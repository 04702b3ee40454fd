package edu.cs224n.vectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Word2vec's streamed corpora: gzip text as it is, WikiExtractor's document lines skipped, tokenised raw text, resets. */
class CorpusIteratorTest {
    @Test
    void streamsGzipTextAndConllAndStartsAgainOnReset(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("wiki.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("<doc id=\"12\" url=\"x\" title=\"Anarchism\">\nAnarchism\n\nAnarchism is a political philosophy, \"often\" defined (as anti-statism).\n"
                    + "It doesn't hold.\n</doc>\n").getBytes(StandardCharsets.UTF_8));
        }
        CorpusIterator it = new CorpusIterator(List.of(gz, Path.of("corpora/sample/example-sentence.conllu")), true, true);
        List<String> first = drain(it);
        assertEquals(List.of("anarchism", "anarchism is a political philosophy , \" often \" defined ( as anti-statism ) .", "it doesn't hold ."),
                first.subList(0, 3));
        assertEquals(4, first.size(), "then the CoNLL file's one sentence");
        it.reset();
        assertEquals(first, drain(it), "a reset reads the same stream again");
    }

    private static List<String> drain(CorpusIterator it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) out.add(it.nextSentence());
        return out;
    }
}
