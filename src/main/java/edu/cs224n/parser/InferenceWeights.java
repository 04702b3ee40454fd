package edu.cs224n.parser;

import edu.cs224n.nn.Gemm;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the pre-computed path reads of a parser network, as plain float arrays (row-major): each feature group's
 * embedding table, the hidden layer's W and b, the output layer's W and b. A parser model file stores them as
 * {@link #ENTRY} beside the network, so parsing a file builds its tables without deserialising the DL4J graph or
 * starting ND4J (about 1.3 s of a 3 s start-up). The values are the network's own floats, so the tables, and the
 * parses, are the same either way.
 *
 * @param tables     per feature group, its embedding table, {@code [rows(g), dims[g]]}
 * @param hiddenW    {@code [hiddenRows(), hidden]}: the embeddings' rows in group and position order, then the dense rows
 * @param outputW    {@code [hidden, classes]}
 */
public record InferenceWeights(float[][] tables, int[] dims, float[] hiddenW, int hidden, float[] hiddenB, float[] outputW, float[] outputB) {
    /** The model-file entry. */
    public static final String ENTRY = "inference.bin";
    private static final int MAGIC = 0x43324e31; // "C2N1": this layout, version 1

    public InferenceWeights {
        if (hidden < 1) throw new IllegalArgumentException("hidden width " + hidden + ", expected >= 1");
        if (tables.length != dims.length) throw new IllegalArgumentException("one width per table");
        for (int g = 0; g < tables.length; g++) {
            if (dims[g] < 1 || tables[g].length % dims[g] != 0) throw new IllegalArgumentException("table " + g + " is not rows x " + dims[g]);
        }
        if (hiddenW.length % hidden != 0 || hiddenB.length != hidden || outputW.length % hidden != 0 || outputW.length / hidden != outputB.length) {
            throw new IllegalArgumentException("layer shapes disagree");
        }
    }

    /** Group g's vocabulary size. */
    public int rows(int g) { return tables[g].length / dims[g]; }

    /** The hidden layer's input width: the embeddings' columns, then the dense ones. */
    public int hiddenRows() { return hiddenW.length / hidden; }

    public int classes() { return outputB.length; }

    /** Dense inputs per configuration (a tagger's states): the hidden layer's input rows after {@code fx}'s embeddings. */
    public int denseWidth(FeatureExtractor fx) {
        if (tables.length != fx.groups()) throw new IllegalArgumentException("the weights have " + tables.length + " embedding tables, the features " + fx.groups() + " groups");
        int ids = 0;
        for (int g = 0; g < fx.groups(); g++) ids += fx.width(g) * dims[g];
        if (hiddenRows() < ids) throw new IllegalArgumentException("the hidden layer has " + hiddenRows() + " input rows, the embeddings need " + ids);
        return hiddenRows() - ids;
    }

    /** The network's current weights (a copy). */
    public static InferenceWeights of(ComputationGraph net, ParserVocabulary vocab) {
        int groups = FeatureExtractor.of(vocab).groups();
        float[][] tables = new float[groups][];
        int[] dims = new int[groups];
        for (int g = 0; g < groups; g++) {
            INDArray e = ParserNetwork.table(net, vocab, g);
            dims[g] = (int) e.size(1);
            tables[g] = Gemm.hostFloats(e);
        }
        INDArray w = net.getLayer(ParserNetwork.HIDDEN).getParam("W");
        INDArray u = net.getLayer(ParserNetwork.OUTPUT).getParam("W");
        return new InferenceWeights(tables, dims, Gemm.hostFloats(w), (int) w.size(1),
                Gemm.hostFloats(net.getLayer(ParserNetwork.HIDDEN).getParam("b")), Gemm.hostFloats(u), Gemm.hostFloats(net.getLayer(ParserNetwork.OUTPUT).getParam("b")));
    }

    /** The entry's bytes: a magic number, then each array as its length and its floats, little-endian. */
    public byte[] toBytes() {
        long floats = hiddenW.length + hiddenB.length + outputW.length + outputB.length;
        for (float[] t : tables) floats += t.length;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(4L * (9 + 3 * tables.length) + 4 * floats)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(tables.length);
        for (int g = 0; g < tables.length; g++) {
            b.putInt(rows(g)).putInt(dims[g]);
            put(b, tables[g]);
        }
        b.putInt(hiddenRows()).putInt(hidden);
        put(b, hiddenW);
        put(b, hiddenB);
        b.putInt(outputB.length);
        put(b, outputW);
        put(b, outputB);
        return b.array();
    }

    /** Reads {@link #toBytes()}; {@code where} names the entry in errors. */
    public static InferenceWeights fromBytes(byte[] bytes, String where) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt() != MAGIC) throw new IllegalArgumentException(where + ": not this build's inference weights (bad magic number)");
            int groups = b.getInt();
            if (groups < 1 || groups > b.remaining() / 12) throw new IllegalArgumentException(where + ": corrupt inference weights (" + groups + " tables)");
            float[][] tables = new float[groups][];
            int[] rows = new int[groups];
            int[] dims = new int[groups];
            for (int g = 0; g < groups; g++) {
                rows[g] = b.getInt();
                dims[g] = b.getInt();
                tables[g] = get(b);
            }
            int hiddenRows = b.getInt();
            int hidden = b.getInt();
            float[] w = get(b);
            float[] bias = get(b);
            int classes = b.getInt();
            float[] u = get(b);
            float[] outBias = get(b);
            if (b.hasRemaining()) throw new IllegalArgumentException(where + ": " + b.remaining() + " bytes after the last array");
            InferenceWeights weights;
            try {
                weights = new InferenceWeights(tables, dims, w, hidden, bias, u, outBias);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            // The stored sizes are redundant with the arrays' lengths: a check that the entry is whole.
            boolean agree = hiddenRows == weights.hiddenRows() && classes == weights.classes();
            for (int g = 0; g < groups; g++) agree &= rows[g] == weights.rows(g);
            if (!agree) throw new IllegalArgumentException(where + ": corrupt inference weights (sizes disagree with the arrays)");
            return weights;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException(where + ": truncated or corrupt inference weights");
        }
    }

    private static void put(ByteBuffer b, float[] a) {
        b.putInt(a.length);
        b.asFloatBuffer().put(a);
        b.position(b.position() + 4 * a.length);
    }

    private static float[] get(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || 4L * n > b.remaining()) throw new java.nio.BufferUnderflowException(); // before allocating a damaged length
        float[] a = new float[n];
        b.asFloatBuffer().get(a);
        b.position(b.position() + 4 * a.length);
        return a;
    }
}
