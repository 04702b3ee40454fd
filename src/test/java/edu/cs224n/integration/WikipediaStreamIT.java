package edu.cs224n.integration;

import edu.cs224n.testing.SharedData;
import edu.cs224n.vectors.CorpusIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Wikipedia reader streams: word2vec's corpus iterator reads a 10 MB slice of the real gzip file (re-compressed, so
 * it is the same kind of stream) while the heap it retains stays flat. Holding the slice's lines would keep at least
 * 10 MB of strings; the retained heap may grow by no more than a tenth of that between the first and the last quarter.
 */
class WikipediaStreamIT {
    private static final int SLICE_BYTES = 10 << 20;

    @Test
    void theGzipReaderStreamsInFlatMemory(@TempDir Path dir) throws Exception {
        Path wiki = SharedData.require("corpora/wikipedia-en/enwiki-core-2015.txt.gz");
        Path slice = dir.resolve("slice.txt.gz");
        long written = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(wiki)), StandardCharsets.UTF_8));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(slice))) {
            for (String line; written < SLICE_BYTES && (line = in.readLine()) != null; ) {
                byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
            }
        }
        assertTrue(written >= SLICE_BYTES, "the Wikipedia file holds at least 10 MB of text, read " + written);

        CorpusIterator it = new CorpusIterator(List.of(slice), true, true);
        long sentences = 0, tokens = 0;
        while (it.hasNext()) {
            tokens += it.nextSentence().split(" ").length;
            sentences++;
        }
        assertTrue(sentences > 10_000 && tokens > 1_000_000, "a 10 MB slice holds many lines: " + sentences + " lines, " + tokens + " tokens");

        it.reset();
        long[] retained = new long[5];
        long read = 0;
        int quarter = 0;
        retained[quarter++] = retainedHeap();
        while (it.hasNext()) {
            it.nextSentence();
            if (++read == sentences * quarter / 4) retained[quarter++] = retainedHeap();
        }
        assertEquals(5, quarter, "every quarter measured");
        long growth = 0;
        for (int q = 2; q <= 4; q++) growth = Math.max(growth, retained[q] - retained[1]);
        System.out.printf(java.util.Locale.ROOT, "Wikipedia slice: %d bytes, %d lines, %d tokens; retained heap grew %.2f MB%n", written, sentences, tokens, growth / 1e6);
        assertTrue(growth < SLICE_BYTES / 10, String.format("heap retained after each quarter of the slice (MB): %.1f %.1f %.1f %.1f %.1f; grew %.1f MB",
                retained[0] / 1e6, retained[1] / 1e6, retained[2] / 1e6, retained[3] / 1e6, retained[4] / 1e6, growth / 1e6));
        it.finish();
    }

    /** Heap in use after full collections: what the reader holds on to, not the garbage it made. */
    private static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
