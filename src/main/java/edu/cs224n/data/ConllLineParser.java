package edu.cs224n.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private final int[] tabs = new int[COLUMNS + 1]; // the current line's column c is bytes tabs[c] + 1 .. tabs[c + 1]
    private final StringPool pool = new StringPool();

    /** Every sentence of {@code in}, in order. */
    void parse(Utf8Lines in, Consumer<Sentence> sink) throws IOException {
        for (Sentence s; (s = next(in)) != null; ) sink.accept(s);
    }

    /**
     * The next sentence of {@code in} (always the same reader), or null at its end. Lines are read as bytes and only
     * their columns decoded (one copy of each, not two), and each step is a small method of its own: reading 40,020
     * sentences in a fresh JVM on one core, C2 spent 0.66-0.71 s compiling the one large method this was (C2 took 44%
     * of the core while that file was read and written), and 0.29 s compiling these.
     */
    Sentence next(Utf8Lines in) throws IOException {
        while (in.next()) {
            lineNo++;
            byte[] b = in.bytes();
            int from = in.start(), to = in.end();
            if (lineNo == 1 && to - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB && b[from + 2] == (byte) 0xBF) {
                from += 3; // the byte-order mark, U+FEFF
            }
            if (isBlank(b, from, to)) {
                if (tokens.isEmpty() && comments.isEmpty() && extras.isEmpty()) continue;
                return finish();
            }
            if (start == 0) start = lineNo;
            if (b[from] == '#') comment(text(b, from, to));
            else wordLine(b, from, to);
        }
        if (!tokens.isEmpty() || !comments.isEmpty() || !extras.isEmpty()) return finish();
        return null;
    }

    /** As {@link String#isBlank} of the decoded line; decoded only when it has no ASCII character but whitespace and some other. */
    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0) return text(b, from, to).isBlank();
            if (c != ' ' && (c < '\t' || c > '\r') && (c < 0x1C || c > 0x1F)) return false;
        }
        return true;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private void comment(String line) {
        if (!tokens.isEmpty() || !extras.isEmpty()) {
            throw error(lineNo, "comment inside a sentence; expected a word line or a blank line before it");
        }
        comments.add(line);
    }

    private void wordLine(byte[] b, int from, int to) {
        int found = split(b, from, to);
        if (found != COLUMNS) throw columnError(lineNo, text(b, from, to), found);
        int n = asciiNumber(b, from, tabs[1]);
        if (n >= 0) word(b, n);
        else idLine(b, text(b, from, tabs[1]), text(b, from, to));
    }

    private void word(byte[] b, int n) {
        int expected = tokens.size() + 1;
        if (n != expected) throw error(lineNo, "word id " + n + " out of order: expected " + expected);
        if (tabs[2] - tabs[1] == 1) throw error(lineNo, "empty FORM column");
        tokens.add(new Token(n, column(b, 1), column(b, 2), column(b, 3), column(b, 4), column(b, 5), column(b, 6), column(b, 7),
                column(b, 8), column(b, 9), lineNo));
    }

    /** A multiword range, an empty node, or a word id that is not 1 to 9 ASCII digits (read as text, as any id was before). */
    private void idLine(byte[] bytes, String id, String line) {
        int expected = tokens.size() + 1;
        int dash = id.indexOf('-');
        int dot = id.indexOf('.');
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
            word(bytes, parseId(id, lineNo, id));
        }
    }

    /**
     * Finds the tabs of the line in {@code b[from, to)} into {@link #tabs} ({@code tabs[0] = from - 1}, then each tab,
     * then {@code to} after the last column); returns the column count (only the first ten are kept). A tab byte is
     * never part of a multi-byte UTF-8 character, so these are the columns of the decoded line.
     */
    private int split(byte[] b, int from, int to) {
        int[] tabs = this.tabs;
        tabs[0] = from - 1;
        int n = 1;
        for (int i = from; i < to; i++) {
            if (b[i] == '\t') {
                if (n < COLUMNS) tabs[n] = i;
                n++;
            }
        }
        if (n <= COLUMNS) tabs[n] = to;
        return n;
    }

    /** Column {@code c} of the current line, decoded ("_", the most common value, and other repeated values without a new String). */
    private String column(byte[] b, int c) {
        int from = tabs[c] + 1, to = tabs[c + 1];
        if (to - from == 1 && b[from] == '_') return "_";
        return pool.get(b, from, to);
    }

    /** The number in {@code b[from, to)} when it is 1 to 9 ASCII digits, else -1 (then the id is read as text). */
    private static int asciiNumber(byte[] b, int from, int to) {
        if (to - from < 1 || to - from > 9) return -1;
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            n = n * 10 + d;
        }
        return n;
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
