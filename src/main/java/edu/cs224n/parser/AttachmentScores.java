package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * UAS and LAS (percent of words with the right head; with the right head and the exact label), over all
 * words and without punctuation, plus a per-gold-label table. Punctuation is UPOS PUNCT or a PTB
 * punctuation tag, the convention of the CS224n and CoNLL-X scorers.
 */
public record AttachmentScores(long words, long correctHeads, long correctLabelled,
                               long wordsNoPunct, long correctHeadsNoPunct, long correctLabelledNoPunct,
                               Map<String, long[]> perLabel) {
    private static final Set<String> PTB_PUNCT = Set.of("''", "``", ",", ".", ":", "-LRB-", "-RRB-");

    public static boolean isPunctuation(Token t) {
        return t.upos().equals("PUNCT") || PTB_PUNCT.contains(t.xpos()) || PTB_PUNCT.contains(t.upos());
    }

    /** Scores predictions against gold sentences, aligned by position. */
    public static AttachmentScores score(List<Sentence> gold, List<Sentence> predicted) {
        if (gold.size() != predicted.size()) throw new IllegalArgumentException("gold has " + gold.size() + " sentences, predictions " + predicted.size());
        long n = 0, uh = 0, lh = 0, np = 0, uhp = 0, lhp = 0;
        Map<String, long[]> perLabel = new TreeMap<>();
        for (int s = 0; s < gold.size(); s++) {
            List<Token> g = gold.get(s).tokens();
            List<Token> p = predicted.get(s).tokens();
            if (g.size() != p.size()) throw new IllegalArgumentException("sentence " + (s + 1) + ": gold has " + g.size() + " words, prediction " + p.size());
            for (int i = 0; i < g.size(); i++) {
                Token gt = g.get(i), pt = p.get(i);
                boolean head = gt.head() == pt.head();
                boolean labelled = head && gt.deprel().equals(pt.deprel());
                n++;
                if (head) uh++;
                if (labelled) lh++;
                if (!isPunctuation(gt)) {
                    np++;
                    if (head) uhp++;
                    if (labelled) lhp++;
                }
                long[] row = perLabel.computeIfAbsent(gt.deprel(), k -> new long[3]);
                row[0]++;
                if (head) row[1]++;
                if (labelled) row[2]++;
            }
        }
        return new AttachmentScores(n, uh, lh, np, uhp, lhp, perLabel);
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    public double uas() { return pct(correctHeads, words); }

    public double las() { return pct(correctLabelled, words); }

    public double uasNoPunct() { return pct(correctHeadsNoPunct, wordsNoPunct); }

    public double lasNoPunct() { return pct(correctLabelledNoPunct, wordsNoPunct); }

    /** The one-line summary {@code parser eval} prints. */
    public String summary() {
        return String.format(Locale.ROOT, "UAS=%.2f LAS=%.2f UAS_nopunct=%.2f LAS_nopunct=%.2f", uas(), las(), uasNoPunct(), lasNoPunct());
    }

    public Map<String, Double> asMetrics(String prefix) {
        return Map.of(prefix + "uas", uas(), prefix + "las", las(), prefix + "uas_nopunct", uasNoPunct(), prefix + "las_nopunct", lasNoPunct());
    }

    /** Per gold label: count, UAS, LAS, as a Markdown table. */
    public String perLabelTable() {
        StringBuilder sb = new StringBuilder("| label | words | UAS | LAS |\n|---|---:|---:|---:|\n");
        for (var e : perLabel.entrySet()) {
            long[] r = e.getValue();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", e.getKey(), r[0], pct(r[1], r[0]), pct(r[2], r[0])));
        }
        return sb.toString();
    }
}
