package edu.cs224n.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable string-to-id map. Reserved entries (e.g. NULL, ROOT, UNK) come first, then the corpus
 * entries by descending frequency (ties alphabetical, so builds are reproducible). Unknown strings map to
 * {@code unkId} (or fail where the vocabulary has none).
 */
public final class Vocabulary {
    private final List<String> entries;
    private final Map<String, Integer> ids;
    private final int unkId;

    private Vocabulary(List<String> entries, int unkId) {
        this.entries = List.copyOf(entries);
        this.ids = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            if (ids.putIfAbsent(entries.get(i), i) != null) throw new IllegalArgumentException("duplicate vocabulary entry '" + entries.get(i) + "'");
        }
        this.unkId = unkId;
    }

    /** @param unk the reserved entry unknown strings map to, or null for a closed vocabulary */
    public static Vocabulary build(List<String> reserved, Map<String, Integer> counts, int minCount, String unk) {
        return build(reserved, counts, minCount, Integer.MAX_VALUE, unk);
    }

    /** As {@link #build(List, Map, int, String)}, keeping at most {@code maxSize} entries in all (the most frequent). */
    public static Vocabulary build(List<String> reserved, Map<String, Integer> counts, int minCount, int maxSize, String unk) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        List<String> entries = new ArrayList<>(reserved);
        for (Map.Entry<String, Integer> e : sorted) {
            if (entries.size() >= maxSize) break;
            if (e.getValue() >= minCount && !reserved.contains(e.getKey())) entries.add(e.getKey());
        }
        return new Vocabulary(entries, unk == null ? -1 : reserved.indexOf(unk));
    }

    /** Restores a vocabulary saved by {@link #lines()}: first line the unk id, then one entry a line. */
    public static Vocabulary fromLines(List<String> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("empty vocabulary file");
        return new Vocabulary(lines.subList(1, lines.size()), Integer.parseInt(lines.get(0).trim()));
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>(entries.size() + 1);
        out.add(Integer.toString(unkId));
        out.addAll(entries);
        return out;
    }

    public int size() { return entries.size(); }

    public boolean contains(String s) { return ids.containsKey(s); }

    public int id(String s) {
        Integer id = ids.get(s);
        if (id != null) return id;
        if (unkId < 0) throw new IllegalArgumentException("'" + s + "' is not in the vocabulary and it has no unknown entry");
        return unkId;
    }

    public int unkId() { return unkId; }

    public String get(int id) { return entries.get(id); }

    public List<String> entries() { return Collections.unmodifiableList(entries); }
}
