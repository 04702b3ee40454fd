package edu.cs224n.seq2seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic task with long inputs, where a fixed-size bottleneck must show: random strings over {@code letters}
 * symbols, of {@code minLength}..{@code maxLength} (uniform), to be copied or reversed. Source and target share the ids
 * {@link Symbols#RESERVED}.size() .. + letters.
 */
public record SyntheticStrings(boolean reverse, int letters, int minLength, int maxLength) {
    public SyntheticStrings {
        if (letters < 2 || minLength < 1 || maxLength < minLength) throw new IllegalArgumentException("synthetic strings: letters >= 2, 1 <= minLength <= maxLength expected");
    }

    /** Symbols in the vocabulary (reserved ones included). */
    public int symbols() {
        return Symbols.RESERVED.size() + letters;
    }

    public List<Seq2SeqBatch.Pair> sample(int n, Random random) {
        List<Seq2SeqBatch.Pair> out = new ArrayList<>(n);
        int first = Symbols.RESERVED.size();
        for (int i = 0; i < n; i++) {
            int[] s = new int[minLength + random.nextInt(maxLength - minLength + 1)];
            for (int j = 0; j < s.length; j++) s[j] = first + random.nextInt(letters);
            int[] t = new int[s.length];
            for (int j = 0; j < s.length; j++) t[j] = reverse ? s[s.length - 1 - j] : s[j];
            out.add(new Seq2SeqBatch.Pair(s, t));
        }
        return out;
    }
}
