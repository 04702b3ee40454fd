package edu.cs224n.biaffine;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.vectors.WordVectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the fixed pre-trained table: row 0 is "no vector" (zeros; ROOT and words the vectors lack), then the
 * vector file's first words in its order. Words are looked up lowercased, as the project's vectors are trained.
 * {@code dim} is the vectors' dimension.
 */
public record PretrainedWords(Vocabulary ids, int dim) {
    static final String NONE = "<none>";

    public static PretrainedWords of(WordVectors vectors, int max) {
        List<String> lines = new ArrayList<>();
        lines.add("0");
        lines.add(NONE);
        for (String w : vectors.vectors().keySet()) {
            if (lines.size() - 2 >= max) break; // the header and NONE are not words
            if (!w.equals(NONE)) lines.add(w);
        }
        return new PretrainedWords(Vocabulary.fromLines(lines), vectors.dim());
    }

    public int size() {
        return ids.size();
    }

    String word(int id) {
        return ids.get(id);
    }

    /** Per position 0..n (0 = ROOT: none) the word's row. */
    public int[] encode(Sentence s) {
        int[] out = new int[s.size() + 1];
        for (int i = 0; i < s.size(); i++) out[i + 1] = ids.id(s.tokens().get(i).form().toLowerCase(Locale.ROOT));
        return out;
    }
}
