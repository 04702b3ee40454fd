package edu.cs224n.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One sentence: its comment lines, its word tokens (ids 1..n) and the lines a parser does not see but
 * a writer must reproduce (multiword ranges "1-2" and empty nodes "8.1"), each remembered with the
 * number of word tokens that preceded it.
 */
public record Sentence(String source, int firstLine, List<String> comments, List<Token> tokens, List<ExtraLine> extras) {

    /** A multiword-token or empty-node line, written back before word token {@code beforeToken} (0-based). */
    public record ExtraLine(int beforeToken, String text) {}

    public Sentence {
        comments = List.copyOf(comments);
        tokens = List.copyOf(tokens);
        extras = List.copyOf(extras);
    }

    public int size() {
        return tokens.size();
    }

    /** True when every token has a dependency label (DEPREL other than "_"). */
    public boolean isLabelled() {
        for (Token t : tokens) {
            if (t.deprel().equals("_")) return false;
        }
        return true;
    }

    /** Gold heads, 1-based positions: heads[i] is the head of word i+1 (0 = ROOT). */
    public int[] heads() {
        int[] heads = new int[tokens.size()];
        for (int i = 0; i < heads.length; i++) heads[i] = tokens.get(i).head();
        return heads;
    }

    /** The same sentence with predicted heads and labels; every other column as read. */
    public Sentence withPredictions(int[] heads, String[] labels) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) out.add(tokens.get(i).withPrediction(heads[i], labels[i]));
        return new Sentence(source, firstLine, comments, out, extras);
    }

    /** The forms joined by spaces, for messages and demos. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(t.form());
        }
        return sb.toString();
    }
}
