package edu.cs224n.parser;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * Chen & Manning's pre-computation for inference. The hidden layer is linear in each embedding, so
 * x W = sum over feature columns c of E[id_c] W_c, where W_c is the block of W that column c's embedding
 * meets. Each (column, id) product is computed once (for words only the {@code maxWords} most frequent;
 * rarer words are multiplied on the fly), and stored as its difference from the column's NULL product,
 * whose sum goes into the bias: an absent word (NULL, most child positions) then costs nothing, and a
 * present one one vector addition. Then ReLU, and the output layer as one OpenBLAS gemm per chunk of
 * {@link #CHUNK} rows, called directly (no ND4J op per call). Dropout is the identity at inference, so the
 * scores equal the graph's up to float summation order. Java inner loops run over whole arrays from
 * index 0, the form the JIT vectorises. Dense features (a {@link TaggerContext}'s states) are not sparse, so their
 * product with their block of W is one gemm per chunk, added before the ReLU.
 * <p>{@link Tables} is immutable and shared between threads; each thread scores with its own instance.
 */
public final class PrecomputedScorer implements TransitionScorer {
    /**
     * Rows per output-layer gemm. Fixed, because OpenBLAS takes other code paths for small matrices and their
     * sums can differ in the last bit: with one size, a row's scores never depend on its batch or thread.
     */
    static final int CHUNK = 32;

    private final Tables t;
    private final float[] acc;       // one hidden row; loops over it have no offsets, so the JIT vectorises them
    private final FloatPointer h;    // [CHUNK, hidden], native, for cblas
    private final FloatPointer logits; // [CHUNK, classes]
    private final FloatPointer denseIn;  // [CHUNK, denseWidth] (dense features only)
    private final FloatPointer denseOut; // [CHUNK, hidden]
    private final float[] denseHidden;   // denseOut on the heap

    public PrecomputedScorer(Tables tables) {
        this.t = tables;
        this.acc = new float[t.hidden];
        this.h = new FloatPointer((long) CHUNK * t.hidden);
        this.logits = new FloatPointer((long) CHUNK * t.classes);
        boolean dense = t.denseWidth > 0;
        this.denseIn = dense ? new FloatPointer((long) CHUNK * t.denseWidth) : null;
        this.denseOut = dense ? new FloatPointer((long) CHUNK * t.hidden) : null;
        this.denseHidden = dense ? new float[CHUNK * t.hidden] : null;
    }

    public PrecomputedScorer(ComputationGraph net, ParserVocabulary vocab, int maxWords) {
        this(new Tables(net, vocab, maxWords));
    }

    @Override
    public void score(int[] features, float[] dense, int rows, float[] out) {
        int hidden = t.hidden;
        int classes = t.classes;
        for (int start = 0; start < rows; start += CHUNK) {
            int n = Math.min(CHUNK, rows - start);
            if (t.denseWidth > 0) denseProducts(dense, start, n);
            for (int r = 0; r < n; r++) {
                hiddenRow(features, (start + r) * t.width);
                if (t.denseWidth > 0) {
                    int o = r * hidden;
                    for (int k = 0; k < hidden; k++) acc[k] = Math.max(acc[k] + denseHidden[o + k], 0f);
                } else {
                    for (int k = 0; k < hidden; k++) acc[k] = Math.max(acc[k], 0f);
                }
                h.position((long) r * hidden).put(acc, 0, hidden);
            }
            h.position(0);
            // Row-major logits = h U (U is [hidden, classes]); the unused rows of a short chunk hold stale values and are not read.
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                    CHUNK, classes, hidden, 1f, h, hidden, t.outputWeights, classes, 0f, logits, classes);
            logits.position(0).get(out, start * classes, n * classes);
            for (int r = 0; r < n; r++) {
                int o = (start + r) * classes;
                for (int j = 0; j < classes; j++) out[o + j] += t.outputBias[j];
            }
        }
    }

    /** denseHidden = the chunk's dense rows times their block of W (rows past {@code n} hold stale values and are not read). */
    private void denseProducts(float[] dense, int start, int n) {
        int d = t.denseWidth;
        denseIn.position(0).put(dense, start * d, n * d);
        denseIn.position(0);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                CHUNK, t.hidden, d, 1f, denseIn, d, t.denseWeights, t.hidden, 0f, denseOut, t.hidden);
        denseOut.position(0).get(denseHidden, 0, n * t.hidden);
    }

    /** acc = b' + sum of the non-NULL columns' rows (before the ReLU). */
    private void hiddenRow(int[] features, int f) {
        int hidden = t.hidden;
        float[] acc = this.acc;
        System.arraycopy(t.bias, 0, acc, 0, hidden);
        for (int c = 0; c < t.width; c++) {
            int id = features[f + c];
            if (id == ParserVocabulary.NULL_ID) continue;
            if (id < t.precomputed[c]) {
                float[] row = t.rows[c][id];
                for (int k = 0; k < hidden; k++) acc[k] += row[k];
            } else {
                addProduct(c, id);
            }
        }
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

    /** The pre-computed products of one network; read-only once built. */
    public static final class Tables {
        /** Ids whose products one gemm computes at a time while building (bounds the off-heap scratch). */
        private static final int BUILD_CHUNK = 1024;

        final int hidden;
        final int classes;
        final int width;
        final int[] precomputed;    // per column: ids below this have a row
        final float[][][] rows;     // per column: [id][hidden], E[id] W_c - E[NULL] W_c (one array per row: no offsets)
        final float[][] nullRows;   // per column: E[NULL] W_c
        final float[][][] embeddings; // per column (shared within a group): [id][dim]
        final float[][][] blocks;   // per column: [dim][hidden], W_c
        final float[] bias;         // b1 + sum over columns of E[NULL] W_c
        final FloatPointer outputWeights; // [hidden, classes], row-major, native (read-only, shared by threads)
        final float[] outputBias;
        final int denseWidth;             // dense features per row (0: none)
        final FloatPointer denseWeights;  // [denseWidth, hidden], the rows of W after the embeddings' (null: none)

        public Tables(ComputationGraph net, ParserVocabulary vocab, int maxWords) {
            FeatureExtractor fx = FeatureExtractor.of(vocab);
            INDArray w = net.getLayer(ParserNetwork.HIDDEN).getParam("W").castTo(DataType.FLOAT).dup('c');
            hidden = (int) w.size(1);
            double[] b1 = net.getLayer(ParserNetwork.HIDDEN).getParam("b").castTo(DataType.DOUBLE).toDoubleVector();
            outputBias = net.getLayer(ParserNetwork.OUTPUT).getParam("b").castTo(DataType.FLOAT).toFloatVector();
            classes = outputBias.length;
            outputWeights = new FloatPointer(net.getLayer(ParserNetwork.OUTPUT).getParam("W").castTo(DataType.FLOAT).dup('c').data().asFloat());
            width = fx.totalWidth();
            precomputed = new int[width];
            rows = new float[width][][];
            nullRows = new float[width][];
            embeddings = new float[width][][];
            blocks = new float[width][][];
            double[] nullSum = new double[hidden];
            long wRow = 0;
            for (int g = 0; g < fx.groups(); g++) {
                INDArray e = ParserNetwork.table(net, vocab, g).castTo(DataType.FLOAT).dup('c');
                int size = (int) e.size(0);
                int d = (int) e.size(1);
                int positions = fx.width(g);
                int pre = g == 0 ? Math.min(size, maxWords + ParserVocabulary.RESERVED) : size;
                int stride = positions * hidden;
                // The group's blocks of W side by side, [d, positions * hidden], so one gemm gives every position's product.
                INDArray wg = w.get(NDArrayIndex.interval(wRow, wRow + (long) positions * d), NDArrayIndex.all());
                INDArray side = wg.reshape('c', positions, d, hidden).permute(1, 0, 2).dup('c').reshape('c', d, stride);
                int first = fx.offset(g);
                for (int p = 0; p < positions; p++) rows[first + p] = new float[pre][];
                INDArray out = Nd4j.createUninitializedDetached(DataType.FLOAT, Math.min(BUILD_CHUNK, pre), stride);
                for (int from = 0; from < pre; from += BUILD_CHUNK) {
                    int n = Math.min(BUILD_CHUNK, pre - from);
                    INDArray target = n == out.size(0) ? out : Nd4j.createUninitializedDetached(DataType.FLOAT, n, stride);
                    Nd4j.gemm(e.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all()).dup('c'), side, target, false, false, 1.0, 0.0);
                    java.nio.FloatBuffer buf = target.data().asNioFloat();
                    for (int i = 0; i < n; i++) {
                        for (int p = 0; p < positions; p++) {
                            float[] row = new float[hidden];
                            buf.get((i * positions + p) * hidden, row);
                            rows[first + p][from + i] = row;
                        }
                    }
                }
                float[][] emb = new float[size][d];
                java.nio.FloatBuffer eb = e.data().asNioFloat();
                for (int id = 0; id < size; id++) eb.get(id * d, emb[id]);
                float[] wBlocks = wg.dup('c').data().asFloat();
                for (int p = 0; p < positions; p++) {
                    int c = first + p;
                    float[] nul = rows[c][ParserVocabulary.NULL_ID].clone();
                    for (float[] row : rows[c]) {
                        for (int k = 0; k < hidden; k++) row[k] -= nul[k];
                    }
                    for (int k = 0; k < hidden; k++) nullSum[k] += nul[k];
                    precomputed[c] = pre;
                    nullRows[c] = nul;
                    embeddings[c] = emb;
                    blocks[c] = new float[d][];
                    for (int i = 0; i < d; i++) blocks[c][i] = java.util.Arrays.copyOfRange(wBlocks, (p * d + i) * hidden, (p * d + i + 1) * hidden);
                }
                wRow += (long) positions * d;
            }
            denseWidth = (int) (w.size(0) - wRow);
            denseWeights = denseWidth == 0 ? null
                    : new FloatPointer(w.get(NDArrayIndex.interval(wRow, w.size(0)), NDArrayIndex.all()).dup('c').data().asFloat());
            bias = new float[hidden];
            for (int k = 0; k < hidden; k++) bias[k] = (float) (b1[k] + nullSum[k]);
        }
    }
}
