package edu.cs224n.data;

/**
 * Checks what training and evaluation need of a sentence: every HEAD an integer in 0..n, exactly one
 * root, and no cycle. Errors name the offending token's line.
 */
public final class TreeValidator {
    private TreeValidator() {}

    public static void validate(Sentence s) {
        int n = s.size();
        int[] heads = new int[n + 1];
        int root = 0;
        for (Token t : s.tokens()) {
            int h = t.head();
            if (h == Token.NO_HEAD) {
                throw new InputFormatException(s.source(), t.line(), "HEAD '" + t.headColumn() + "' is not an integer: expected a word id 0.." + n);
            }
            if (h > n) throw new InputFormatException(s.source(), t.line(), "HEAD " + h + " out of range: expected 0.." + n);
            if (h == t.id()) throw new InputFormatException(s.source(), t.line(), "word " + h + " is its own head (a cycle)");
            if (h == 0) {
                if (root != 0) {
                    throw new InputFormatException(s.source(), t.line(),
                            "two roots: words " + root + " and " + t.id() + " both have HEAD 0; expected exactly one");
                }
                root = t.id();
            }
            heads[t.id()] = h;
        }
        if (root == 0) throw new InputFormatException(s.source(), s.firstLine(), "no root: expected exactly one word with HEAD 0");
        // Walk up from each word; a walk longer than n steps never reaches ROOT, so it is a cycle.
        int[] state = new int[n + 1]; // 0 unknown, 1 on current path, 2 reaches root
        for (int i = 1; i <= n; i++) {
            int v = i;
            while (v != 0 && state[v] == 0) {
                state[v] = 1;
                v = heads[v];
            }
            if (v != 0 && state[v] == 1) {
                Token t = s.tokens().get(v - 1);
                throw new InputFormatException(s.source(), t.line(), "cycle in the tree through word " + v + ": its head chain never reaches ROOT");
            }
            for (v = i; v != 0 && state[v] == 1; v = heads[v]) state[v] = 2;
        }
    }
}
