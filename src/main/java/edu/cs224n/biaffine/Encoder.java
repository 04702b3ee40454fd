package edu.cs224n.biaffine;

import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.nn.CharCnnInference;
import edu.cs224n.nn.DenseInference;
import edu.cs224n.nn.Gemm;
import edu.cs224n.nn.LstmInference;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenCustomHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsing path of the network up to the MLPs, for sentences of different lengths together: the first BiLSTM
 * layer's input products from {@link FirstLayer}, the BiLSTM stack through {@link LstmInference} (each sentence's
 * backward direction from its own last word) and the MLP layer, from the graph's own parameters. The graph itself trains
 * on batches of one length (see {@link Batches#buckets}); this path gives the same states (tested) for any batch.
 */
final class Encoder {
    private final ComputationGraph net;
    private final BiaffineConfig config;
    private final List<String> tagInputs;
    private final boolean pretrained;

    Encoder(ComputationGraph net, BiaffineConfig config, List<String> tagInputs, boolean pretrained) {
        this.net = net;
        this.config = config;
        this.tagInputs = tagInputs;
        this.pretrained = pretrained;
    }

    /**
     * The first BiLSTM layer's input products x [W_forward | W_backward] ([.., 8h]) of every distinct word (its word id
     * with its pre-trained row), tag and character string of some examples. That layer's input is [word | tags |
     * characters], so its product is the sum of each part's product with its own rows of W: each distinct part goes
     * through the embeddings, the character CNN and W once, not once per position (a few thousand words of a file
     * instead of tens of thousands of positions).
     *
     * @param wordRow per example index (null for one not covered) and position, its row of {@code words}
     * @param charRow the same for {@code chars} (null without characters)
     * @param tags per tag input, the product of every tag id's embedding
     */
    record FirstLayer(int width, float[] words, int[][] wordRow, float[][] tags, float[] chars, int[][] charRow) {}

    FirstLayer firstLayer(List<Batches.Example> examples, List<int[]> batches) {
        Layer lstm = net.getLayer("bilstm0");
        INDArray w = Nd4j.concat(1, lstm.getParam("fW"), lstm.getParam("bW")).castTo(DataType.FLOAT); // [nIn, 8h], c-ordered
        int width = (int) w.size(1), wordDim = config.wordDim(), tagDim = config.tagDim();
        int[][] wordRow = new int[examples.size()][], charRow = config.charDim() > 0 ? new int[examples.size()][] : null;
        Long2IntOpenHashMap wordIndex = new Long2IntOpenHashMap();
        Object2IntOpenCustomHashMap<int[]> charIndex = new Object2IntOpenCustomHashMap<>(IntArrays.HASH_STRATEGY); // by content
        IntArrayList wordIds = new IntArrayList(), pretrainedIds = new IntArrayList();
        List<int[]> charIds = new ArrayList<>();
        for (int[] batch : batches) {
            for (int i : batch) {
                Batches.Example e = examples.get(i);
                int n = e.positions();
                wordRow[i] = new int[n];
                for (int p = 0; p < n; p++) {
                    int word = e.ids().words()[p], row = pretrained ? e.pretrained()[p] : 0;
                    wordRow[i][p] = wordIndex.computeIfAbsent((long) word << 32 | row, k -> {
                        wordIds.add(word);
                        pretrainedIds.add(row);
                        return wordIds.size() - 1;
                    });
                }
                if (charRow != null) {
                    charRow[i] = new int[n];
                    for (int p = 0; p < n; p++) {
                        int[] c = e.chars()[p];
                        charRow[i][p] = charIndex.computeIfAbsent(c, k -> {
                            charIds.add(c);
                            return charIds.size() - 1;
                        });
                    }
                }
            }
        }
        INDArray words = Nd4j.pullRows(net.getLayer("word_emb").getParam("W"), 1, wordIds.toIntArray()).castTo(DataType.FLOAT);
        if (pretrained) {
            INDArray fixed = Nd4j.pullRows(net.getLayer(PretrainedWords.TABLE).getParam("W"), 1, pretrainedIds.toIntArray());
            if (PretrainedWords.mapped(net)) fixed = fixed.mmul(net.getLayer(PretrainedWords.MAP).getParam("W"));
            words.addi(fixed.castTo(DataType.FLOAT));
        }
        int from = 0;
        float[] wordProducts = product(words, w, from, wordDim);
        from += wordDim;
        float[][] tagProducts = new float[tagInputs.size()][];
        for (int g = 0; g < tagInputs.size(); g++, from += tagDim) {
            tagProducts[g] = product(net.getLayer(tagInputs.get(g) + "_emb").getParam("W").castTo(DataType.FLOAT), w, from, tagDim);
        }
        float[] charProducts = charRow == null ? null : product(CharCnnInference.vectors(charIds, net.getLayer("char_cnn")), w, from, config.charFilters());
        return new FirstLayer(width, wordProducts, wordRow, tagProducts, charProducts, charRow);
    }

    /** part [n, dim] times rows [from, from + dim) of w, as a Java array [n, w's columns]. */
    private static float[] product(INDArray part, INDArray w, int from, int dim) {
        // rows of a c-ordered whole array (not a view: see the README's note on row intervals of column views)
        return Gemm.hostFloats(part.mmul(w.get(NDArrayIndex.interval(from, from + dim), NDArrayIndex.all())));
    }

    /**
     * The MLP output of a batch of examples as rows [B * T, mlp], row b * T + i for position i of sentence b (T the
     * longest one's positions, ROOT included).
     */
    INDArray mlp(FirstLayer first, List<Batches.Example> examples, int[] batch, int t) {
        int b = batch.length, width = first.width();
        int[] lengths = new int[b];
        for (int s = 0; s < b; s++) lengths[s] = examples.get(batch[s]).positions();
        // Position p of sentence s (row p * B + s): the sum of its parts' products, read straight from the tables.
        LstmInference.InputProducts products = (row, column, into) -> {
            int s = row % b, p = row / b, example = batch[s];
            System.arraycopy(first.words(), first.wordRow()[example][p] * width + column, into, 0, into.length);
            int[][] tags = examples.get(example).ids().tags();
            for (int g = 0; g < first.tags().length; g++) add(into, first.tags()[g], tags[g][p] * width + column);
            if (first.chars() != null) add(into, first.chars(), first.charRow()[example][p] * width + column);
        };
        Layer lstm0 = net.getLayer("bilstm0");
        INDArray x = LstmInference.bidirectional(products, lengths, t, weights(lstm0, "f"), weights(lstm0, "b"));
        for (int l = 1; l < config.layers(); l++) {
            Layer lstm = net.getLayer("bilstm" + l);
            x = LstmInference.bidirectional(x, lengths, t, weights(lstm, "f"), weights(lstm, "b"));
        }
        Layer mlp = net.getLayer(BiaffineNetwork.MLP);
        return DenseInference.leakyReluBySequence(x, mlp.getParam("W"), mlp.getParam("b"), (float) BiaffineNetwork.LEAKY, t, b);
    }

    private static void add(float[] into, float[] table, int from) {
        for (int j = 0; j < into.length; j++) into[j] += table[from + j];
    }

    private static LstmInference.Weights weights(Layer bidirectional, String direction) {
        return new LstmInference.Weights(bidirectional.getParam(direction + "W"), bidirectional.getParam(direction + "RW"),
                bidirectional.getParam(direction + "b"));
    }
}
