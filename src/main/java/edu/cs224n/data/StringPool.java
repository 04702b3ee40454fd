package edu.cs224n.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One String per distinct short byte sequence seen recently: CoNLL columns repeat (tags, relations, heads, features,
 * frequent words), so most tokens' columns become a String already made, whose hash is already computed for the
 * vocabulary lookups that follow; only new values are decoded and allocated. Direct-mapped and bounded: a slot keeps
 * the last value hashed to it, so memory stays fixed on a file of any size. Not thread-safe (one per reader).
 */
final class StringPool {
    /** Slots (a power of two): a treebank's distinct forms, lemmas, tags and features fit with few collisions. */
    static final int SLOTS = 1 << 15;
    /** Longer values are decoded every time (rare, and they would cost a long comparison to find). */
    static final int MAX_BYTES = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** {@code b[from, to)} decoded as UTF-8: the pooled String when the same bytes were last seen in its slot. */
    String get(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_BYTES) return new String(b, from, len, StandardCharsets.UTF_8);
        int h = len;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) return values[slot];
        String s = new String(b, from, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = s;
        return s;
    }
}
