package edu.cs224n.lemma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words known to exist (lowercased), for choosing among the seq2seq model's beam: an output that is no word ("concurr"
 * for "concurring", "heroe" for "heroes") gives way to the most probable one that is. Read from the first column of a
 * word list or of a word-vector text file (word2vec's "count dimension" header line skipped), such as the vectors
 * {@code vectors train} writes from Wikipedia.
 */
public record Lexicon(Set<String> words) {
    public static final Lexicon NONE = new Lexicon(Set.of());

    public Lexicon {
        words = Set.copyOf(words);
    }

    public static Lexicon read(Path file) {
        Set<String> words = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                int end = 0;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) end++;
                String word = line.substring(0, end);
                boolean header = first && line.matches("\\d+\\s+\\d+\\s*");
                first = false;
                if (!word.isEmpty() && !header) words.add(word.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lexicon " + file + ": " + e.getMessage(), e);
        }
        if (words.isEmpty()) throw new IllegalArgumentException("lexicon " + file + ": no words (expected a word at the start of each line)");
        return new Lexicon(words);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** Whether the word, lowercased, is in the lexicon. */
    public boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The words, one a line, sorted (a model file's bytes do not depend on hashing). */
    public List<String> lines() {
        return words.stream().sorted().toList();
    }

    public static Lexicon fromLines(List<String> lines) {
        return new Lexicon(new HashSet<>(lines));
    }
}
