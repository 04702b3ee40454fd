package edu.cs224n.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class StringPoolTest {
    /** The bytes of {@code s} at offset 3 of a larger array, as a line buffer holds a column. */
    private static byte[] padded(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 6];
        System.arraycopy(b, 0, out, 3, b.length);
        return out;
    }

    private static String get(StringPool pool, String s) {
        byte[] b = padded(s);
        return pool.get(b, 3, b.length - 3);
    }

    @Test
    void aRepeatedValueIsTheSameStringAndEveryValueDecodesAsUtf8() {
        StringPool pool = new StringPool();
        String first = get(pool, "NOUN");
        assertEquals("NOUN", first);
        assertSame(first, get(pool, "NOUN"), "the second NOUN is the pooled String");
        assertEquals("Zürich", get(pool, "Zürich"));
        assertEquals("", get(pool, ""));
        String long65 = "x".repeat(StringPool.MAX_BYTES + 1);
        String a = get(pool, long65);
        assertEquals(long65, a);
        assertNotSame(a, get(pool, long65), "values over MAX_BYTES are not pooled");
    }

    @Test
    void manyMoreDistinctValuesThanSlotsStillDecodeExactly() {
        // Collisions replace a slot's value: each lookup must still return its own bytes, never a neighbour's.
        StringPool pool = new StringPool();
        Random r = new Random(1);
        String[] values = new String[StringPool.SLOTS * 3];
        for (int i = 0; i < values.length; i++) values[i] = Integer.toString(r.nextInt(1_000_000), 36) + (i % 7 == 0 ? "é" : "");
        for (int round = 0; round < 2; round++) {
            for (String v : values) assertEquals(v, get(pool, v));
        }
    }
}
