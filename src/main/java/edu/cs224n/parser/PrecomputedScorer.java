package edu.cs224n.parser;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Chen & Manning's pre-computation for inference: the hidden layer is linear in each embedding, so
 * x W = sum over positions p of E[id_p] W_p, where W_p is the block of W that position p's embedding
 * meets. Each (position, id) product is computed once (for words only the {@code maxWords} most frequent;
 * rarer words are multiplied on the fly), and scoring a configuration costs one vector addition per
 * feature, a ReLU, and the output layer (one gemm per batch). Dropout is the identity at inference, so the
 * scores equal the graph's up to float summation order.
 */
public final class PrecomputedScorer implements TransitionScorer {
    private final int hidden;
    private final int classes;
    private final int[] widths;
    private final int[] dims;
    private final int[] precomputedIds;   // per group: ids below this have a table row
    private final float[][] tables;       // per group: [position][id][hidden]
    private final float[][] embeddings;   // per group: [id][dim], for ids without a table row
    private final float[][] blocks;       // per group: [position][dim][hidden], the W block of each position
    private final float[] bias;
    private final INDArray outputWeights; // [hidden, classes]
    private final INDArray outputBias;    // [1, classes]

    public PrecomputedScorer(ComputationGraph net, ParserVocabulary vocab, int maxWords) {
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        List<String> inputs = ParserNetwork.inputs(vocab);
        INDArray w = net.getLayer(ParserNetwork.HIDDEN).getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        hidden = (int) w.size(1);
        bias = net.getLayer(ParserNetwork.HIDDEN).getParam("b").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
        outputWeights = net.getLayer(ParserNetwork.OUTPUT).getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup();
        outputBias = net.getLayer(ParserNetwork.OUTPUT).getParam("b").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup().reshape(1, -1);
        classes = (int) outputWeights.size(1);
        int groups = inputs.size();
        widths = new int[groups];
        dims = new int[groups];
        precomputedIds = new int[groups];
        tables = new float[groups][];
        embeddings = new float[groups][];
        blocks = new float[groups][];
        long offset = 0;
        for (int g = 0; g < groups; g++) {
            INDArray e = net.getLayer(ParserNetwork.embedding(inputs.get(g))).getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            int size = (int) e.size(0);
            widths[g] = fx.width(g);
            dims[g] = (int) e.size(1);
            precomputedIds[g] = g == 0 ? Math.min(size, maxWords + 3) : size; // + NULL, ROOT, UNK
            embeddings[g] = e.dup('c').data().asFloat();
            tables[g] = new float[widths[g] * precomputedIds[g] * hidden];
            blocks[g] = new float[widths[g] * dims[g] * hidden];
            INDArray rows = e.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, precomputedIds[g]), org.nd4j.linalg.indexing.NDArrayIndex.all());
            for (int p = 0; p < widths[g]; p++) {
                long from = offset + (long) p * dims[g];
                INDArray block = w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + dims[g]), org.nd4j.linalg.indexing.NDArrayIndex.all());
                float[] product = rows.mmul(block).dup('c').data().asFloat();
                System.arraycopy(product, 0, tables[g], p * precomputedIds[g] * hidden, product.length);
                float[] b = block.dup('c').data().asFloat();
                System.arraycopy(b, 0, blocks[g], p * dims[g] * hidden, b.length);
            }
            offset += (long) widths[g] * dims[g];
        }
    }

    @Override
    public float[] scores(float[][] features, int rows) {
        float[] h = new float[rows * hidden];
        for (int r = 0; r < rows; r++) {
            int base = r * hidden;
            System.arraycopy(bias, 0, h, base, hidden);
            for (int g = 0; g < widths.length; g++) {
                float[] f = features[g];
                for (int p = 0; p < widths[g]; p++) {
                    int id = (int) f[r * widths[g] + p];
                    if (id < precomputedIds[g]) {
                        int t = (p * precomputedIds[g] + id) * hidden;
                        float[] table = tables[g];
                        for (int k = 0; k < hidden; k++) h[base + k] += table[t + k];
                    } else {
                        addProduct(g, p, id, h, base);
                    }
                }
            }
            for (int k = 0; k < hidden; k++) if (h[base + k] < 0) h[base + k] = 0;
        }
        INDArray logits = Nd4j.create(h, new long[] {rows, hidden}, 'c').mmul(outputWeights).addiRowVector(outputBias);
        return logits.ravel().toFloatVector();
    }

    /** h += E[id] W_p for an id without a table row (a rare word). */
    private void addProduct(int g, int p, int id, float[] h, int base) {
        int d = dims[g];
        float[] e = embeddings[g];
        float[] block = blocks[g];
        for (int i = 0; i < d; i++) {
            float x = e[id * d + i];
            if (x == 0) continue;
            int row = (p * d + i) * hidden;
            for (int k = 0; k < hidden; k++) h[base + k] += x * block[row + k];
        }
    }
}
