package edu.cs224n.parser;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.concurrent.atomic.AtomicIntegerArray;


/**
 * Chen & Manning's pre-computation for inference. The hidden layer is linear in each embedding, so
 * x W = sum over feature columns c of E[id_c] W_c, where W_c is the block of W that column c's embedding
 * meets. Each (column, id) product is computed once (for words only the {@code maxWords} most frequent;
 * rarer words are multiplied on the fly), and stored as its difference from the column's NULL product,
 * whose sum goes into the bias: an absent word (NULL, most child positions) then costs nothing, and a
 * present one one vector addition. Then ReLU, and the output layer as one OpenBLAS gemm per chunk of
 * {@link #LARGE_CHUNK}, {@link #CHUNK} or {@link #SMALL_CHUNK} rows, called directly (no ND4J op per call). Dropout is the identity at inference, so the
 * scores equal the graph's up to float summation order. Java inner loops run over whole arrays from
 * index 0, the form the JIT vectorises. Dense features (a {@link TaggerContext}'s states) are not sparse, so their
 * product with their block of W is one gemm per chunk, added before the ReLU.
 * <p>{@link Tables} is immutable and shared between threads; each thread scores with its own instance.
 */
public final class PrecomputedScorer implements TransitionScorer, AutoCloseable {
    /**
     * Rows per output-layer gemm: {@link #LARGE_CHUNK} while that many rows are left, then {@code CHUNK}, and
     * {@code SMALL_CHUNK} for the last few (a short chunk is padded, so a gemm always has one of three sizes).
     * OpenBLAS may sum a row differently in the last bit at another size, so the sizes are fixed rather than the rows
     * left; the three sizes give the same parses on 40,020 EWT sentences, parsed in batches of 1,024 and of 7.
     * OpenBLAS does a row in 1.0 us at 256 rows against 1.5 us at 32 (the right-hand side is packed once per call);
     * 8 keeps a server's small requests (a few rows a step) from computing 32.
     */
    static final int CHUNK = 32;
    static final int SMALL_CHUNK = 8;
    static final int LARGE_CHUNK = 256;

    private final Tables t;
    private final float[] acc;       // one hidden row; loops over it have no offsets, so the JIT vectorises them
    private final float[][] pending = new float[4][]; // table rows waiting to be added to acc, four at a time
    // Native scratch for cblas, [capacity, ...]; allocated at the first call for the largest gemm size used so far,
    // and freed by close() (a server parses many small requests: left to the collector, the native buffers piled up).
    private int capacity;
    private FloatPointer h;          // [capacity, hidden]
    private float[] hHeap;           // h's rows on the heap, copied to h once per chunk (one JNI call, not one per row)
    private FloatPointer logits;     // [capacity, classes]
    private FloatPointer denseIn;    // [capacity, denseWidth] (dense features only)
    private FloatPointer denseOut;   // [capacity, hidden]
    private float[] denseHidden;     // denseOut on the heap

    public PrecomputedScorer(Tables tables) {
        this.t = tables;
        this.acc = new float[t.hidden];
    }

    /** Scratch for gemms of {@code size} rows. */
    private void ensure(int size) {
        if (capacity >= size) return;
        close();
        capacity = size;
        h = new FloatPointer((long) size * t.hidden);
        hHeap = new float[size * t.hidden];
        logits = new FloatPointer((long) size * t.classes);
        if (t.denseWidth > 0) {
            denseIn = new FloatPointer((long) size * t.denseWidth);
            denseOut = new FloatPointer((long) size * t.hidden);
            denseHidden = new float[size * t.hidden];
        }
    }

    /** Frees the native scratch now (the scorer may be used again: it allocates anew). */
    @Override
    public void close() {
        for (FloatPointer p : new FloatPointer[] {h, logits, denseIn, denseOut}) {
            if (p != null) p.close();
        }
        h = logits = denseIn = denseOut = null;
        denseHidden = null;
        hHeap = null;
        capacity = 0;
    }

    public PrecomputedScorer(ComputationGraph net, ParserVocabulary vocab, int maxWords) {
        this(new Tables(net, vocab, maxWords));
    }

    @Override
    public void score(int[] features, float[] dense, int rows, float[] out) {
        int hidden = t.hidden;
        int classes = t.classes;
        t.require(features, rows);
        for (int start = 0, size; start < rows; start += size) {
            size = rows - start >= LARGE_CHUNK ? LARGE_CHUNK : rows - start > SMALL_CHUNK ? CHUNK : SMALL_CHUNK;
            ensure(size);
            int n = Math.min(size, rows - start);
            if (t.denseWidth > 0) denseProducts(dense, start, n, size);
            for (int r = 0; r < n; r++) hiddenActivations(features, (start + r) * t.width, r * hidden);
            h.position(0).put(hHeap, 0, n * hidden);
            h.position(0);
            // Row-major logits = h U (U is [hidden, classes]); the unused rows of a short chunk hold stale values and are not read.
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                    size, classes, hidden, 1f, h, hidden, t.outputWeights, classes, 0f, logits, classes);
            logits.position(0).get(out, start * classes, n * classes);
            for (int r = 0; r < n; r++) addOutputBias(out, (start + r) * classes);
        }
    }

    // The per-row steps are methods of their own: called for every row, each is compiled alone and early, and the
    // chunk loops, compiled on the stack during the first long batch and again later, stay small to compile.

    /** hHeap[o ..] = ReLU of the row's hidden pre-activation (its dense part, if any, at the same offset of denseHidden). */
    private void hiddenActivations(int[] features, int f, int o) {
        hiddenRow(features, f);
        float[] acc = this.acc, hHeap = this.hHeap;
        int hidden = t.hidden;
        if (t.denseWidth > 0) {
            float[] denseHidden = this.denseHidden;
            for (int k = 0; k < hidden; k++) hHeap[o + k] = Math.max(acc[k] + denseHidden[o + k], 0f);
        } else {
            for (int k = 0; k < hidden; k++) hHeap[o + k] = Math.max(acc[k], 0f);
        }
    }

    private void addOutputBias(float[] out, int o) {
        float[] bias = t.outputBias;
        for (int j = 0; j < bias.length; j++) out[o + j] += bias[j];
    }

    /** denseHidden = the chunk's dense rows times their block of W (rows past {@code n} hold stale values and are not read). */
    private void denseProducts(float[] dense, int start, int n, int size) {
        int d = t.denseWidth;
        denseIn.position(0).put(dense, start * d, n * d);
        denseIn.position(0);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                size, t.hidden, d, 1f, denseIn, d, t.denseWeights, t.hidden, 0f, denseOut, t.hidden);
        denseOut.position(0).get(denseHidden, 0, n * t.hidden);
    }

    /**
     * acc = b' + sum of the non-NULL columns' rows (before the ReLU), added in column order. Rows are added four per pass
     * over acc ((((acc + r0) + r1) + r2) + r3, the same float additions in the same order as one row per pass), so acc is
     * loaded and stored a quarter as often.
     */
    private void hiddenRow(int[] features, int f) {
        float[] acc = this.acc;
        float[][] pending = this.pending;
        System.arraycopy(t.bias, 0, acc, 0, t.hidden);
        int n = 0;
        for (int c = 0; c < t.width; c++) {
            int id = features[f + c];
            if (id == ParserVocabulary.NULL_ID) continue;
            if (id < t.precomputed[c]) {
                pending[n++] = t.rows[c][id];
                if (n == 4) {
                    add4(acc, pending[0], pending[1], pending[2], pending[3]);
                    n = 0;
                }
            } else {
                addPending(n);
                n = 0;
                addProduct(c, id);
            }
        }
        addPending(n);
    }

    /** Adds the first {@code n} (< 4) pending rows, in order. */
    private void addPending(int n) {
        float[] acc = this.acc;
        for (int i = 0; i < n; i++) {
            float[] row = pending[i];
            for (int k = 0; k < acc.length; k++) acc[k] += row[k];
        }
    }

    private static void add4(float[] acc, float[] r0, float[] r1, float[] r2, float[] r3) {
        for (int k = 0; k < acc.length; k++) acc[k] = acc[k] + r0[k] + r1[k] + r2[k] + r3[k];
    }

    /** acc += E[id] W_c - E[NULL] W_c for an id without a table row (a rare word). */
    private void addProduct(int c, int id) {
        int hidden = t.hidden;
        float[] acc = this.acc;
        float[] nul = t.nullRows[c];
        for (int k = 0; k < hidden; k++) acc[k] -= nul[k];
        float[] e = t.embeddings[c][id];
        float[][] block = t.blocks[c];
        for (int i = 0; i < e.length; i++) {
            float x = e[i];
            if (x == 0) continue;
            float[] w = block[i];
            for (int k = 0; k < hidden; k++) acc[k] += x * w[k];
        }
    }

    /**
     * The pre-computed products of one network. A block of {@link #BLOCK} ids at one feature position is computed (one
     * gemm) the first time a sentence needs one of its ids there, so loading a parser costs almost nothing and an input
     * pays only for the words it has where it has them; shared between threads (a block is filled once, under a lock,
     * and published through {@code filled}).
     */
    public static final class Tables {
        /**
         * Ids whose products at one position one gemm computes: the unit of lazy filling (a product does not depend on
         * the block's size or on the other positions: the same bytes on 40,020 EWT sentences with blocks of 1 to 256
         * ids, at one position or all of a group's). Blocks of 256 ids at every position left 330 MB live on the heap
         * at the end of that file; blocks of 16 ids at one position, 254 MB: less for the collector to copy.
         */
        static final int BLOCK = 16;

        final int hidden;
        final int classes;
        final int width;
        final int[] precomputed;    // per column: ids below this have a row
        final float[][][] rows;     // per column: [id][hidden], E[id] W_c - E[NULL] W_c (one array per row: no offsets); null until filled
        final float[][] nullRows;   // per column: E[NULL] W_c
        final float[][][] embeddings; // per column (shared within a group): [id][dim]
        final float[][][] blocks;   // per column: [dim][hidden], W_c
        final float[] bias;         // b1 + sum over columns of E[NULL] W_c
        final FloatPointer outputWeights; // [hidden, classes], row-major, native (read-only, shared by threads)
        final float[] outputBias;
        final int denseWidth;             // dense features per row (0: none)
        final FloatPointer denseWeights;  // [denseWidth, hidden], the rows of W after the embeddings' (null: none)
        private final Group[] groupOf;    // per column
        private final AtomicIntegerArray[] filled; // per column: 1 for each block of ids whose rows are stored
        private final int[] unfilled;              // per column: blocks not yet stored (0: the column needs no more checks)

        /**
         * One feature group's embedding table and its blocks of W side by side, both native for the gemm, and the gemm's
         * output block with its copy on the heap (reused under the group's lock: a fill allocates nothing native and
         * crosses JNI once, which together had cost more than its gemm).
         */
        private record Group(FloatPointer embeddings, int dim, FloatPointer side, int first, int positions, int pre,
                             FloatPointer products, float[] heapProducts) {}

        public Tables(ComputationGraph net, ParserVocabulary vocab, int maxWords) {
            this(InferenceWeights.of(net, vocab), FeatureExtractor.of(vocab), maxWords);
        }

        /** Tables of {@code weights}; plain Java and OpenBLAS, so ND4J need not start (a parser model file's {@link InferenceWeights#ENTRY}). */
        public Tables(InferenceWeights weights, FeatureExtractor fx, int maxWords) {
            hidden = weights.hidden();
            float[] w = weights.hiddenW();
            outputBias = weights.outputB().clone();
            classes = outputBias.length;
            outputWeights = new FloatPointer(weights.outputW());
            width = fx.totalWidth();
            denseWidth = weights.denseWidth(fx);
            precomputed = new int[width];
            rows = new float[width][][];
            nullRows = new float[width][];
            embeddings = new float[width][][];
            blocks = new float[width][][];
            groupOf = new Group[width];
            filled = new AtomicIntegerArray[width];
            unfilled = new int[width];
            double[] nullSum = new double[hidden];
            int wRow = 0;
            for (int g = 0; g < fx.groups(); g++) {
                float[] e = weights.tables()[g];
                int size = weights.rows(g);
                int d = weights.dims()[g];
                int positions = fx.width(g);
                int pre = g == 0 ? Math.min(size, maxWords + ParserVocabulary.RESERVED) : size;
                // The group's blocks of W side by side, [d, positions * hidden], so one gemm gives every position's product.
                float[] side = new float[d * positions * hidden];
                for (int p = 0; p < positions; p++) {
                    for (int i = 0; i < d; i++) System.arraycopy(w, (wRow + p * d + i) * hidden, side, (i * positions + p) * hidden, hidden);
                }
                int first = fx.offset(g);
                Group group = new Group(new FloatPointer(e), d, new FloatPointer(side), first, positions, pre,
                        new FloatPointer((long) BLOCK * hidden), new float[BLOCK * hidden]);
                float[][] emb = new float[size][];
                for (int id = 0; id < size; id++) emb[id] = java.util.Arrays.copyOfRange(e, id * d, (id + 1) * d);
                for (int p = 0; p < positions; p++) {
                    int c = first + p;
                    rows[c] = new float[pre][];
                    // The column's first block, which holds NULL, now: its products give the NULL row (from the same gemm as every other row).
                    products(group, p, 0, Math.min(BLOCK, pre));
                    int at = ParserVocabulary.NULL_ID * hidden;
                    float[] nul = java.util.Arrays.copyOfRange(group.heapProducts(), at, at + hidden);
                    for (int k = 0; k < hidden; k++) nullSum[k] += nul[k];
                    precomputed[c] = pre;
                    nullRows[c] = nul;
                    embeddings[c] = emb;
                    groupOf[c] = group;
                    filled[c] = new AtomicIntegerArray((pre + BLOCK - 1) / BLOCK);
                    unfilled[c] = filled[c].length();
                    blocks[c] = new float[d][];
                    for (int i = 0; i < d; i++) blocks[c][i] = java.util.Arrays.copyOfRange(w, (wRow + p * d + i) * hidden, (wRow + p * d + i + 1) * hidden);
                    store(c, 0, Math.min(BLOCK, pre), group);
                }
                wRow += positions * d;
            }
            denseWeights = denseWidth == 0 ? null : new FloatPointer(java.util.Arrays.copyOfRange(w, wRow * hidden, weights.hiddenRows() * hidden));
            float[] b1 = weights.hiddenB();
            bias = new float[hidden];
            for (int k = 0; k < hidden; k++) bias[k] = (float) ((double) b1[k] + nullSum[k]);
        }

        /**
         * Fills the blocks that the ids in {@code rows} feature rows need and no earlier call did (a pass of its own: a
         * check inside the scoring loop slowed it by a fifth). Column by column, so a column whose blocks are all stored
         * (the tags' and labels', soon) is passed over at once.
         */
        void require(int[] features, int rows) {
            for (int c = 0; c < width; c++) {
                if (unfilled[c] == 0) continue; // read without the lock: a stale count only means a needless check
                AtomicIntegerArray done = filled[c];
                int pre = precomputed[c];
                for (int f = c, end = rows * width; f < end; f += width) {
                    int id = features[f];
                    if (id >= BLOCK && id < pre && done.get(id / BLOCK) == 0) fill(groupOf[c], c, id / BLOCK);
                }
            }
        }

        private void fill(Group g, int c, int block) {
            synchronized (g) {
                if (filled[c].get(block) != 0) return;
                int n = Math.min(BLOCK, g.pre() - block * BLOCK);
                products(g, c - g.first(), block * BLOCK, n);
                store(c, block, n, g);
            }
        }

        /**
         * Keeps a block's products (the first {@code n} rows of the group's {@code heapProducts}) for column {@code c}
         * less its NULL row, then marks it filled (publishing the rows to threads that read the flag).
         */
        private void store(int c, int block, int n, Group g) {
            float[] nul = nullRows[c];
            float[][] column = rows[c];
            float[] products = g.heapProducts();
            for (int i = 0; i < n; i++) {
                float[] row = new float[hidden];
                for (int k = 0, from = i * hidden; k < hidden; k++) row[k] = products[from + k] - nul[k];
                column[block * BLOCK + i] = row;
            }
            filled[c].set(block, 1);
            unfilled[c]--;
        }

        /**
         * E[id] W_c for ids {@code from .. from+n-1} at position {@code p} of the group (c = first + p), row id - from of
         * the group's {@code heapProducts}, by one gemm over the position's columns of the side-by-side blocks and one
         * copy to the heap. Callers hold the group's lock (or construct it): the gemm's operands are offset in place.
         */
        private void products(Group g, int p, int from, int n) {
            int cols = g.positions() * hidden;
            FloatPointer side = g.side().position((long) p * hidden);
            FloatPointer e = g.embeddings().position((long) from * g.dim());
            try {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                        n, hidden, g.dim(), 1f, e, g.dim(), side, cols, 0f, g.products(), hidden);
                g.products().get(g.heapProducts(), 0, n * hidden);
            } finally {
                side.position(0);
                e.position(0);
            }
        }
    }
}
