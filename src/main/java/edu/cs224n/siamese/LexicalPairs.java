package edu.cs224n.siamese;

import edu.cs224n.data.InputFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Word pairs in a lexical relation, from {@code word1<TAB>word2[<TAB>pos]} files such as the WordNet synonym and
 * antonym lists in {@code ../shared/wordnet}. A pair is unordered; one listed under several parts of speech is kept once.
 */
public final class LexicalPairs {
    public record Pair(String first, String second) {
        public Pair {
            if (first.compareTo(second) > 0) {
                String t = first;
                first = second;
                second = t;
            }
        }
    }

    private LexicalPairs() {}

    public static List<Pair> read(Path file) throws IOException {
        Set<Pair> pairs = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            if (f.length < 2 || f.length > 3 || f[0].isBlank() || f[1].isBlank()) {
                throw new InputFormatException(file.toString(), i + 1, "expected word1<TAB>word2 (and optionally <TAB>pos), found " + f.length + " fields");
            }
            String a = f[0].trim().toLowerCase(Locale.ROOT), b = f[1].trim().toLowerCase(Locale.ROOT);
            if (!a.equals(b)) pairs.add(new Pair(a, b));
        }
        if (pairs.isEmpty()) throw new InputFormatException(file.toString(), 1, "no word pairs in file");
        return new ArrayList<>(pairs);
    }

    /** The pairs whose two words {@code known} accepts (e.g. both have a vector). */
    public static List<Pair> covered(List<Pair> pairs, Predicate<String> known) {
        return pairs.stream().filter(p -> known.test(p.first()) && known.test(p.second())).toList();
    }
}
