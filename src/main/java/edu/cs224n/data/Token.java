package edu.cs224n.data;

/**
 * One word line of a CoNLL file. The ten columns are kept exactly as read so a writer can reproduce
 * them; CoNLL-X's CPOSTAG/POSTAG occupy the UPOS/XPOS slots. {@code head} is the parsed HEAD column,
 * or {@link #NO_HEAD} where it is not an integer ("_" in text to be parsed).
 */
public record Token(int id, String form, String lemma, String upos, String xpos, String feats,
                    String headColumn, String deprel, String deps, String misc, int line) {

    public static final int NO_HEAD = -1;

    /** HEAD as an integer, or {@link #NO_HEAD}. */
    public int head() {
        return parseHead(headColumn);
    }

    static int parseHead(String column) {
        if (column.isEmpty() || column.length() > 9) return NO_HEAD;
        for (int i = 0; i < column.length(); i++) {
            if (!Character.isDigit(column.charAt(i))) return NO_HEAD;
        }
        return Integer.parseInt(column);
    }

    /** The POS column selected by {@code tagSet}. */
    public String tag(TagSet tagSet) {
        return tagSet == TagSet.UPOS ? upos : xpos;
    }

    public Token withPrediction(int newHead, String newDeprel) {
        return new Token(id, form, lemma, upos, xpos, feats, Integer.toString(newHead), newDeprel, deps, misc, line);
    }

    public Token withLemma(String newLemma) {
        return new Token(id, form, newLemma, upos, xpos, feats, headColumn, deprel, deps, misc, line);
    }

    String[] columns() {
        return new String[] {Integer.toString(id), form, lemma, upos, xpos, feats, headColumn, deprel, deps, misc};
    }
}
