package edu.cs224n.cli;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.ArrayList;
import java.util.List;

/** Draws a dependency tree for a person: each word under its head, children in sentence order. */
public final class TreeRenderer {
    private TreeRenderer() {}

    public static String render(Sentence s) {
        int n = s.size();
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i <= n; i++) children.add(new ArrayList<>());
        for (Token t : s.tokens()) {
            int h = t.head();
            if (h >= 0 && h <= n) children.get(h).add(t.id());
        }
        StringBuilder sb = new StringBuilder("ROOT\n");
        List<Integer> top = children.get(0);
        for (int i = 0; i < top.size(); i++) draw(s, children, top.get(i), "", i == top.size() - 1, sb, 0);
        return sb.toString();
    }

    private static void draw(Sentence s, List<List<Integer>> children, int w, String prefix, boolean last, StringBuilder sb, int depth) {
        Token t = s.tokens().get(w - 1);
        sb.append(prefix).append(last ? "└── " : "├── ").append(t.form()).append(" (").append(t.deprel()).append(")\n");
        if (depth > s.size()) return; // defensive: a malformed tree cannot loop forever
        List<Integer> kids = children.get(w);
        for (int i = 0; i < kids.size(); i++) {
            draw(s, children, kids.get(i), prefix + (last ? "    " : "│   "), i == kids.size() - 1, sb, depth + 1);
        }
    }
}
