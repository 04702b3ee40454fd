package edu.cs224n.lm;

import edu.cs224n.config.DataRoot;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Interpolated modified Kneser-Ney (Chen & Goodman 1998) of order N over a fixed vocabulary: the baseline every
 * LM table puts beside the neural models. Sentences are padded with N-1 {@code <s>} and end with {@code </s>}.
 * The highest order uses raw counts, lower orders continuation counts (in how many distinct contexts an n-gram
 * follows). With N-1 {@code <s>} of padding every lower-order n-gram has a left context, so n-grams that start
 * with {@code <s>} need no exception (KenLM, padding with one {@code <s>}, keeps their raw counts; on Brown that
 * exception cost 3% test perplexity with this padding). Three
 * discounts per order (for counts 1, 2, 3+) from the count-of-counts; the interpolation ends in the uniform
 * distribution over the vocabulary, so every word has non-zero probability and each P(.|h) sums to 1.
 * N-grams are nodes of a trie (a node's children are keyed by (node, word) in one hash map).
 */
public final class KneserNey {
    private static final int WORD_BITS = 21;

    private final int order;
    private final int vocabSize;
    private final int bos;
    private final Long2IntOpenHashMap children = new Long2IntOpenHashMap();
    // Per node (0 = the root, the empty context):
    private int[] parent = new int[1 << 16];
    private int[] word = new int[1 << 16];
    private int[] depth = new int[1 << 16];
    private int[] count = new int[1 << 16];
    private int nodes = 1;
    // Computed after counting:
    private int[] adjusted;   // the count each n-gram contributes to its context's distribution
    private long[] total;     // per context node: sum of its children's adjusted counts
    private int[][] nByCount; // per context node: children with adjusted count 1, 2, 3+
    private final double[][] discount; // [order][1..3]

    /** Counts every n-gram of the encoded training sentences (each ends with {@code </s>}; ids below vocabSize). */
    public KneserNey(int order, int vocabSize, int[][] sentences) {
        if (order < 1 || order > 8) throw new IllegalArgumentException("order must be 1..8, got " + order);
        if (vocabSize >= (1 << WORD_BITS) - 1) throw new IllegalArgumentException("vocabulary too large: " + vocabSize);
        this.order = order;
        this.vocabSize = vocabSize;
        this.bos = vocabSize;
        children.defaultReturnValue(-1);
        depth[0] = 0;
        for (int[] s : sentences) {
            int[] padded = pad(s);
            for (int i = order - 1; i < padded.length; i++) {
                for (int k = 1; k <= order; k++) {
                    int node = 0;
                    for (int j = i - k + 1; j <= i; j++) node = childOrCreate(node, padded[j]);
                    count[node]++;
                }
            }
        }
        discount = new double[order + 1][4];
        finish();
    }

    private int[] pad(int[] s) {
        int[] padded = new int[s.length + order - 1];
        Arrays.fill(padded, 0, order - 1, bos);
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0 || s[i] >= vocabSize) throw new IllegalArgumentException("token id " + s[i] + " outside the vocabulary of " + vocabSize);
            padded[order - 1 + i] = s[i];
        }
        return padded;
    }

    private static long key(int node, int w) {
        return ((long) node << WORD_BITS) | w;
    }

    private int child(int node, int w) {
        return children.get(key(node, w));
    }

    private int childOrCreate(int node, int w) {
        long k = key(node, w);
        int c = children.get(k);
        if (c >= 0) return c;
        if (nodes == parent.length) {
            int n = parent.length * 2;
            parent = Arrays.copyOf(parent, n);
            word = Arrays.copyOf(word, n);
            depth = Arrays.copyOf(depth, n);
            count = Arrays.copyOf(count, n);
        }
        c = nodes++;
        parent[c] = node;
        word[c] = w;
        depth[c] = depth[node] + 1;
        children.put(k, c);
        return c;
    }

    /** Continuation counts, adjusted counts, per-context totals and the discounts. */
    private void finish() {
        int[] suffix = new int[nodes];
        int[] continuation = new int[nodes];
        suffix[0] = -1;
        for (int v = 1; v < nodes; v++) { // parents are created before their children
            suffix[v] = depth[v] == 1 ? 0 : (suffix[parent[v]] < 0 ? -1 : child(suffix[parent[v]], word[v]));
            if (count[v] > 0 && depth[v] >= 2 && suffix[v] > 0) continuation[suffix[v]]++;
        }
        adjusted = new int[nodes];
        total = new long[nodes];
        nByCount = new int[3][nodes];
        long[][] countOfCounts = new long[order + 1][5];
        for (int v = 1; v < nodes; v++) {
            if (count[v] == 0) continue; // a context that ends in <s>: never predicted
            int a = depth[v] == order ? count[v] : continuation[v];
            adjusted[v] = a;
            if (a <= 0) continue;
            total[parent[v]] += a;
            nByCount[Math.min(a, 3) - 1][parent[v]]++;
            if (a <= 4) countOfCounts[depth[v]][a]++;
        }
        for (int k = 1; k <= order; k++) {
            long[] n = countOfCounts[k];
            double y = n[1] + 2.0 * n[2] > 0 ? n[1] / (n[1] + 2.0 * n[2]) : 0.5;
            discount[k][1] = clamp(n[1] > 0 ? 1 - 2 * y * n[2] / n[1] : 0.5, 1);
            discount[k][2] = clamp(n[2] > 0 ? 2 - 3 * y * n[3] / n[2] : 1.0, 2);
            discount[k][3] = clamp(n[3] > 0 ? 3 - 4 * y * n[4] / n[3] : 1.5, 3);
        }
    }

    private static double clamp(double d, double max) {
        return Double.isFinite(d) ? Math.max(0, Math.min(max, d)) : max / 2;
    }

    public int order() {
        return order;
    }

    /** The discounts D1, D2, D3+ of n-grams of order k. */
    public double[] discounts(int k) {
        return Arrays.copyOfRange(discount[k], 1, 4);
    }

    /** Number of distinct n-grams counted (all orders). */
    public int ngrams() {
        int n = 0;
        for (int v = 1; v < nodes; v++) if (count[v] > 0) n++;
        return n;
    }

    /**
     * P(w | context), the context being the preceding tokens (most recent last; only the last N-1 are used;
     * shorter contexts are padded with {@code <s>}, as at a sentence start).
     */
    public double probability(int[] context, int w) {
        if (w < 0 || w >= vocabSize) throw new IllegalArgumentException("token id " + w + " outside the vocabulary of " + vocabSize);
        int[] h = new int[order - 1];
        Arrays.fill(h, bos);
        int take = Math.min(context.length, order - 1);
        System.arraycopy(context, context.length - take, h, h.length - take, take);
        double p = 1.0 / vocabSize;
        for (int k = 1; k <= order; k++) {
            int node = 0;
            for (int j = h.length - (k - 1); j < h.length && node >= 0; j++) node = child(node, h[j]);
            if (node < 0 || total[node] == 0) continue; // unseen context: this order adds nothing
            int c = child(node, w);
            int a = c < 0 ? 0 : adjusted[c];
            double[] d = discount[k];
            double gamma = (d[1] * nByCount[0][node] + d[2] * nByCount[1][node] + d[3] * nByCount[2][node]) / total[node];
            p = Math.max(a - (a == 0 ? 0 : d[Math.min(a, 3)]), 0) / total[node] + gamma * p;
        }
        return p;
    }

    /** Perplexity over encoded sentences (each ending with {@code </s>}), every token predicted. */
    public Perplexity perplexity(int[][] sentences, int unkId) {
        double nll = 0;
        long tokens = 0;
        long unk = 0;
        for (int[] s : sentences) {
            for (int i = 0; i < s.length; i++) {
                nll -= Math.log(probability(Arrays.copyOfRange(s, Math.max(0, i - order + 1), i), s[i]));
                tokens++;
                if (s[i] == unkId) unk++;
            }
        }
        return new Perplexity(nll, tokens, unk);
    }

    /** {@code lm kn}: counts on the config's training text and scores valid and test; returns the lines to print. */
    public static List<String> run(KneserNeyConfig c) {
        c.validate();
        long t0 = System.nanoTime();
        List<List<String>> trainText = LmText.readWords(DataRoot.resolve(c.train()));
        LmVocabulary vocab = LmVocabulary.build(trainText, c.minCount(), c.maxVocab());
        KneserNey kn = new KneserNey(c.order(), vocab.size(), vocab.encode(trainText));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "vocabulary=%d order=%d ngrams=%d count_seconds=%.1f", vocab.size(), c.order(), kn.ngrams(),
                (System.nanoTime() - t0) / 1e9));
        for (int k = 1; k <= c.order(); k++) lines.add("discounts order " + k + ": " + Arrays.toString(kn.discounts(k)));
        for (String[] split : new String[][] {{"valid", c.valid()}, {"test", c.test()}}) {
            if (split[1] == null || split[1].isBlank()) continue;
            lines.add(split[0] + ": " + kn.perplexity(vocab.encode(LmText.readWords(DataRoot.resolve(split[1]))), LmVocabulary.UNK_ID).summary());
        }
        return lines;
    }
}
