package edu.cs224n.data;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reader's lines are BufferedReader's lines, whatever the terminators, the characters and the read sizes. */
class Utf8LinesTest {
    /** A stream handing out at most a few bytes per read, so lines and \r\n pairs straddle refills. */
    private static InputStream trickle(byte[] bytes, Random rng) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rng.nextInt(7)));
            }
        };
    }

    private static List<String> expected(byte[] bytes) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
        return lines;
    }

    private static List<String> actual(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Utf8Lines r = new Utf8Lines(in)) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        return lines;
    }

    @Test
    void splitsAndDecodesAsBufferedReaderDoes() throws IOException {
        Random rng = new Random(5);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "\t".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8),
                "\r".getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
                "語".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8), "\uFEFF".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE8, (byte) 0xAA}};
        for (int trial = 0; trial < 500; trial++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n = rng.nextInt(40);
            for (int i = 0; i < n; i++) out.writeBytes(pieces[rng.nextInt(pieces.length)]);
            byte[] bytes = out.toByteArray();
            assertEquals(expected(bytes), actual(new ByteArrayInputStream(bytes)), "trial " + trial);
            assertEquals(expected(bytes), actual(trickle(bytes, rng)), "trial " + trial + ", a few bytes per read");
        }
    }

    @Test
    void aLineLongerThanTheBufferIsKeptWhole() throws IOException {
        String longLine = "x".repeat(200_000) + "é";
        byte[] bytes = ("first\n" + longLine + "\r\nlast").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("first", longLine, "last"), actual(new ByteArrayInputStream(bytes)));
        assertEquals(List.of(), actual(new ByteArrayInputStream(new byte[0])), "an empty stream has no lines");
    }
}
