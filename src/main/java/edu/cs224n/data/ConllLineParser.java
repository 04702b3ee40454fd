package edu.cs224n.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The line-level grammar of CoNLL-X and CoNLL-U: ten tab-separated columns, word ids 1..n in order,
 * multiword ranges "a-b" and empty nodes "n.k" kept aside, comments before the first word, a blank line
 * between sentences. CRLF, a byte-order mark and a missing final blank line are accepted.
 * With {@code requireTree} each sentence must also be a tree ({@link TreeValidator}).
 */
final class ConllLineParser {
    private static final int COLUMNS = 10;

    private final String source;
    private final boolean requireTree;

    ConllLineParser(String source, boolean requireTree) {
        this.source = source;
        this.requireTree = requireTree;
    }

    private List<String> comments = new ArrayList<>();
    private List<Token> tokens = new ArrayList<>();
    private List<Sentence.ExtraLine> extras = new ArrayList<>();
    private int start;
    private int rangeEnd;        // last word id covered by a multiword range seen so far
    private int rangeLine;
    private int lineNo;
    private final String[] cols = new String[COLUMNS];

    /** Every sentence of {@code in}, in order. */
    void parse(Utf8Lines in, Consumer<Sentence> sink) throws IOException {
        for (Sentence s; (s = next(in)) != null; ) sink.accept(s);
    }

    /** The next sentence of {@code in} (always the same reader), or null at its end. */
    Sentence next(Utf8Lines reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isBlank()) {
                if (tokens.isEmpty() && comments.isEmpty() && extras.isEmpty()) continue;
                return finish();
            }
            if (start == 0) start = lineNo;
            if (line.charAt(0) == '#') {
                if (!tokens.isEmpty() || !extras.isEmpty()) {
                    throw error(lineNo, "comment inside a sentence; expected a word line or a blank line before it");
                }
                comments.add(line);
                continue;
            }
            int found = split(line);
            if (found != COLUMNS) throw columnError(lineNo, line, found);
            String id = cols[0];
            int dash = id.indexOf('-');
            int dot = id.indexOf('.');
            int expected = tokens.size() + 1;
            if (dash > 0) {
                int a = parseId(id.substring(0, dash), lineNo, id);
                int b = parseId(id.substring(dash + 1), lineNo, id);
                if (a != expected || b <= a) {
                    throw error(lineNo, "bad multiword range '" + id + "': expected " + expected + "-m with m > " + expected);
                }
                if (a <= rangeEnd) throw error(lineNo, "multiword range '" + id + "' overlaps the previous range");
                rangeEnd = b;
                rangeLine = lineNo;
                extras.add(new Sentence.ExtraLine(tokens.size(), line));
            } else if (dot > 0) {
                int word = parseId(id.substring(0, dot), lineNo, id);
                parseId(id.substring(dot + 1), lineNo, id);
                if (word != tokens.size()) {
                    throw error(lineNo, "empty node '" + id + "' out of place: expected " + tokens.size() + ".k after word " + tokens.size());
                }
                extras.add(new Sentence.ExtraLine(tokens.size(), line));
            } else {
                int n = parseId(id, lineNo, id);
                if (n != expected) throw error(lineNo, "word id " + n + " out of order: expected " + expected);
                if (cols[1].isEmpty()) throw error(lineNo, "empty FORM column");
                tokens.add(new Token(n, cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9], lineNo));
            }
        }
        if (!tokens.isEmpty() || !comments.isEmpty() || !extras.isEmpty()) return finish();
        return null;
    }

    /** Splits a line at its tabs into {@link #cols} (no regex, no list); returns the column count (only the first ten are kept). */
    private int split(String line) {
        int n = 0, from = 0;
        while (true) {
            int tab = line.indexOf('\t', from);
            if (n < COLUMNS) cols[n] = tab < 0 ? line.substring(from) : line.substring(from, tab);
            n++;
            if (tab < 0) return n;
            from = tab + 1;
        }
    }

    /** The sentence read so far, checked; the state is then reset for the next one. */
    private Sentence finish() {
        if (tokens.isEmpty()) throw error(start, "empty sentence: expected at least one word line (id 1) before the blank line");
        if (rangeEnd > tokens.size()) {
            throw error(rangeLine, "multiword range ends at word " + rangeEnd + " but the sentence has " + tokens.size() + " words");
        }
        Sentence s = new Sentence(source, start, comments, tokens, extras);
        if (requireTree) TreeValidator.validate(s);
        comments = new ArrayList<>();
        tokens = new ArrayList<>();
        extras = new ArrayList<>();
        start = 0;
        rangeEnd = 0;
        return s;
    }

    private int parseId(String text, int lineNo, String whole) {
        if (text.isEmpty() || text.length() > 9) throw badId(lineNo, whole);
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) throw badId(lineNo, whole);
        }
        return Integer.parseInt(text);
    }

    private InputFormatException badId(int lineNo, String id) {
        return error(lineNo, "bad ID '" + id + "': expected a word id (1, 2, ...), a multiword range (3-4) or an empty node (8.1)");
    }

    private InputFormatException columnError(int lineNo, String line, int found) {
        String[] words = line.trim().split("\\s+");
        String hint = found < COLUMNS && words.length >= COLUMNS ? " (the columns look separated by spaces; CoNLL needs tabs)" : "";
        return error(lineNo, "expected " + COLUMNS + " tab-separated columns, found " + found + hint);
    }

    private InputFormatException error(int lineNo, String message) {
        return new InputFormatException(source, lineNo, message);
    }
}
