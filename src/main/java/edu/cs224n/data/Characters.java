package edu.cs224n.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The characters of the words as a character CNN ({@code nn.CharCnn}) reads them: ids 0 = padding, 1 = unknown, 2 and 3 =
 * begin and end of word, 4 = ROOT's single character, then every character of the training words (case kept). A word is
 * {@code <w> c1 ... cL </w>}; one longer than {@link #MAX} keeps its first and last characters (prefix and suffix).
 */
public record Characters(Vocabulary ids) {
    /** Character slots per word (markers included). */
    public static final int MAX = 20;
    static final String PAD = "<pad>", UNK = "<unk>", BOW = "<w>", EOW = "</w>", ROOT = "<root>";

    public static Characters build(List<Sentence> train) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sentence s : train) {
            for (Token t : s.tokens()) t.form().codePoints().forEach(c -> counts.merge(Character.toString(c), 1, Integer::sum));
        }
        return new Characters(Vocabulary.build(List.of(PAD, UNK, BOW, EOW, ROOT), counts, 1, UNK));
    }

    public int size() {
        return ids.size();
    }

    /** Per position 0..n (0 = a parser's ROOT) the word's character ids, at most {@link #MAX}. */
    public int[][] encode(Sentence s) {
        int[][] out = new int[s.size() + 1][];
        out[0] = new int[] {ids.id(ROOT)};
        for (int i = 0; i < s.size(); i++) out[i + 1] = word(s.tokens().get(i).form());
        return out;
    }

    /** One word's character ids with its markers, at most {@link #MAX}. */
    public int[] word(String form) {
        int[] cps = form.codePoints().toArray();
        int keep = Math.min(cps.length, MAX - 2), head = (keep + 1) / 2, tail = keep - head;
        int[] w = new int[keep + 2];
        w[0] = ids.id(BOW);
        for (int p = 0; p < head; p++) w[1 + p] = ids.id(Character.toString(cps[p]));
        for (int p = 0; p < tail; p++) w[1 + head + p] = ids.id(Character.toString(cps[cps.length - tail + p]));
        w[keep + 1] = ids.id(EOW);
        return w;
    }
}
