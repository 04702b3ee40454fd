package edu.cs224n.parser;

import edu.cs224n.data.Sentence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nivre and Nilsson's (2005) pseudo-projective parsing: a transition parser that can only build projective trees is
 * trained on projectivized trees whose labels say how to undo the lifts, and its output is deprojectivized.
 * <p>Projectivize: while some arc is non-projective, lift the shortest one (the dependent moves to its head's head).
 * A lifted word's label {@code a} becomes {@code a^b}, where b is the original label of its original head (Nivre and
 * Nilsson's "Head" encoding), or {@code a^b^r} when that head is the r-th word labelled b in the search order below
 * rather than the first (so the transform is exact, not just usually right).
 * <p>Deprojectivize: for each word labelled {@code a^b[^r]}, search the tree for the r-th word whose label (without
 * any lift mark) is b, breadth-first from the word's head among its descendants outside the word's own subtree, then the
 * rest of the tree breadth-first from ROOT; attach the word there with label a (kept where it is when none is found or
 * the move would make a cycle). All searches are made in the parser's projective tree, as the encoding's were.
 */
public final class PseudoProjective {
    /** Separates a lifted word's own label from its original head's. */
    public static final String LIFT = "^";

    private PseudoProjective() {}

    /** A tree as heads and labels, index d = word d (index 0 = ROOT, head -1, label unused). */
    public record Tree(int[] heads, String[] labels) {
        public static Tree of(Sentence s) {
            int n = s.size();
            int[] h = new int[n + 1];
            String[] l = new String[n + 1];
            h[0] = -1;
            l[0] = "";
            for (int i = 0; i < n; i++) {
                h[i + 1] = s.tokens().get(i).head();
                l[i + 1] = s.tokens().get(i).deprel();
            }
            return new Tree(h, l);
        }

        /** The sentence with these heads and labels. */
        public Sentence applyTo(Sentence s) {
            return s.withPredictions(Arrays.copyOfRange(heads, 1, heads.length), Arrays.copyOfRange(labels, 1, labels.length));
        }
    }

    /** The sentences' trees made projective, with lifts encoded in the labels (projective trees are returned as they are). */
    public static List<Sentence> projectivize(List<Sentence> sentences) {
        return map(sentences, PseudoProjective::projectivize);
    }

    /** Each sentence's tree through {@code transform} (a tree returned as it was leaves its sentence as it was). */
    private static List<Sentence> map(List<Sentence> sentences, java.util.function.UnaryOperator<Tree> transform) {
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            Tree t = Tree.of(s);
            Tree changed = transform.apply(t);
            out.add(changed == t ? s : changed.applyTo(s));
        }
        return out;
    }

    /** A projective tree with the lifts encoded; {@code t} itself when it already is projective. */
    public static Tree projectivize(Tree t) {
        int[] heads = t.heads().clone();
        boolean[] np = Projectivity.nonProjectiveArcs(heads);
        boolean any = false;
        for (boolean b : np) any |= b;
        if (!any) return t;
        int n = heads.length - 1;
        int[] originalHead = new int[n + 1];
        Arrays.fill(originalHead, -1);
        while (true) {
            int pick = -1;
            for (int d = 1; d <= n; d++) {
                if (np[d] && (pick < 0 || Math.abs(heads[d] - d) < Math.abs(heads[pick] - pick))) pick = d;
            }
            if (pick < 0) break;
            if (originalHead[pick] < 0) originalHead[pick] = heads[pick];
            heads[pick] = heads[heads[pick]]; // never ROOT's arcs: every word descends from ROOT, so they are projective
            np = Projectivity.nonProjectiveArcs(heads);
        }
        String[] labels = t.labels().clone();
        for (int d = 1; d <= n; d++) {
            if (originalHead[d] < 0) continue;
            int h = originalHead[d];
            String wanted = base(t.labels()[h]);
            int rank = 0;
            for (int k : searchOrder(heads, d)) {
                if (base(t.labels()[k]).equals(wanted)) rank++;
                if (k == h) break;
            }
            labels[d] = t.labels()[d] + LIFT + wanted + (rank > 1 ? LIFT + rank : "");
        }
        return new Tree(heads, labels);
    }

    /** The sentences with lifted words moved back to their encoded heads and their labels restored. */
    public static List<Sentence> deprojectivize(List<Sentence> sentences) {
        return map(sentences, PseudoProjective::deprojectivize);
    }

    public static Tree deprojectivize(Tree t) {
        int n = t.heads().length - 1;
        int[] target = new int[n + 1];
        Arrays.fill(target, -1);
        String[] labels = t.labels().clone();
        boolean any = false;
        for (int d = 1; d <= n; d++) {
            String[] parts = t.labels()[d].split(java.util.regex.Pattern.quote(LIFT));
            if (parts.length < 2) continue;
            any = true;
            labels[d] = parts[0];
            int rank = parts.length > 2 ? parseRank(parts[2]) : 1;
            int found = -1, seen = 0;
            for (int k : searchOrder(t.heads(), d)) {
                if (base(t.labels()[k]).equals(parts[1]) && ++seen == rank) {
                    found = k;
                    break;
                }
            }
            target[d] = found;
        }
        if (!any) return t;
        int[] heads = t.heads().clone();
        for (int d = 1; d <= n; d++) {
            if (target[d] >= 0 && !Projectivity.dominates(heads, d, target[d])) heads[d] = target[d];
        }
        return new Tree(heads, labels);
    }

    private static int parseRank(String s) {
        try {
            return Math.max(1, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A label without its lift mark. */
    static String base(String label) {
        int i = label.indexOf(LIFT);
        return i < 0 ? label : label.substring(0, i);
    }

    /**
     * Where a lifted word d's original head is searched: breadth-first (children left to right) from d's head among its
     * descendants, then the rest of the tree breadth-first from ROOT; d's own subtree and ROOT excluded.
     */
    static List<Integer> searchOrder(int[] heads, int d) {
        int n = heads.length - 1;
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i <= n; i++) children.add(new ArrayList<>());
        for (int i = 1; i <= n; i++) if (heads[i] >= 0) children.get(heads[i]).add(i);
        boolean[] visited = new boolean[n + 1];
        visited[0] = true;
        visited[d] = true; // d's subtree is never entered
        List<Integer> order = new ArrayList<>();
        for (int start : new int[] {heads[d], 0}) {
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                if (!visited[v]) {
                    visited[v] = true;
                    order.add(v);
                }
                for (int c : children.get(v)) if (!visited[c]) queue.add(c);
            }
        }
        return order;
    }
}
