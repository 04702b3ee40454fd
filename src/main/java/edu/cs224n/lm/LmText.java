package edu.cs224n.lm;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.InputFormatException;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Language-model text as lists of tokens, one list a sentence: word-level text one sentence a line (the
 * PTB LM format of {@code ptb.train.txt}, and Brown in ../shared), the word forms of a CoNLL file, or the
 * characters of a text file (each character a token, newlines included).
 */
public final class LmText {
    private LmText() {}

    /** One sentence a line, tokens separated by whitespace; blank lines are skipped. */
    public static List<List<String>> readLines(Path file) {
        List<String> lines = readAll(file);
        List<List<String>> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty()) out.add(List.of(t.split("\\s+")));
        }
        if (out.isEmpty()) throw new InputFormatException(file.toString(), 1, "no text: expected one sentence a line");
        return out;
    }

    /** The FORM column of every sentence of a CoNLL-X / CoNLL-U file (read through the project's CoNLL reader). */
    public static List<List<String>> readConllForms(Path file) {
        List<List<String>> out = new ArrayList<>();
        for (Sentence s : ConllSequenceRecordReader.read(file, false)) out.add(s.tokens().stream().map(Token::form).toList());
        return out;
    }

    /** Word-level text by file name: CoNLL (.conll, .conllu) or one sentence a line. */
    public static List<List<String>> readWords(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".conllu") || name.endsWith(".conll") ? readConllForms(file) : readLines(file);
    }

    /**
     * The characters of a text file between two fractions of its length (e.g. 0 to 0.9 for training, 0.9 to 1 for
     * validation), as code points.
     */
    public static int[] readChars(Path file, double from, double to) {
        if (!(0 <= from && from < to && to <= 1)) throw new IllegalArgumentException("expected 0 <= from < to <= 1, got " + from + ", " + to);
        String text = String.join("\n", readAll(file));
        int[] cps = text.codePoints().toArray();
        if (cps.length == 0) throw new InputFormatException(file.toString(), 1, "no text");
        return java.util.Arrays.copyOfRange(cps, (int) (from * cps.length), (int) (to * cps.length));
    }

    /** Characters as "sentences": each line a list of one-character tokens (its end becomes {@code </s>} when encoded). */
    public static List<List<String>> charLines(int[] codePoints) {
        List<List<String>> out = new ArrayList<>();
        List<String> line = new ArrayList<>();
        for (int cp : codePoints) {
            if (cp == '\n') {
                out.add(line);
                line = new ArrayList<>();
            } else {
                line.add(new String(Character.toChars(cp)));
            }
        }
        if (!line.isEmpty()) out.add(line);
        return out;
    }

    /**
     * A text at a level ({@code word} or {@code char}) between two fractions of it: of its characters at character
     * level, of its sentences at word level.
     */
    public static List<List<String>> read(Path file, String level, double from, double to) {
        if ("char".equals(level)) return charLines(readChars(file, from, to));
        List<List<String>> words = readWords(file);
        if (from == 0 && to == 1) return words;
        if (!(0 <= from && from < to && to <= 1)) throw new IllegalArgumentException("expected 0 <= from < to <= 1, got " + from + ", " + to);
        return words.subList((int) (from * words.size()), (int) (to * words.size()));
    }

    private static List<String> readAll(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file.toString(), 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
