package edu.cs224n.seq2seq;

import edu.cs224n.data.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sequence-to-sequence model's symbol ids: {@code <pad>} 0, {@code <unk>} 1, {@code <s>} 2 (the decoder's first
 * previous output), {@code </s>} 3 (the end of an output), then the symbols (characters, and the source's tag tokens).
 */
public final class Symbols {
    public static final int PAD = 0, UNK = 1, BOS = 2, EOS = 3;
    public static final List<String> RESERVED = List.of("<pad>", "<unk>", "<s>", "</s>");

    private Symbols() {}

    public static Vocabulary vocabulary(Map<String, Integer> counts) {
        return Vocabulary.build(RESERVED, counts, 1, RESERVED.get(UNK));
    }

    /** A string's characters (code points) as symbols. */
    public static List<String> characters(String s) {
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    public static int[] ids(Vocabulary v, List<String> symbols) {
        int[] ids = new int[symbols.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = v.id(symbols.get(i));
        return ids;
    }

    /** The string the ids spell (reserved ids are dropped). */
    public static String spell(Vocabulary v, int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) if (id >= RESERVED.size()) sb.append(v.get(id));
        return sb.toString();
    }
}
