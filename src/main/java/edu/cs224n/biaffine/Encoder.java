package edu.cs224n.biaffine;

import edu.cs224n.nn.CharCnnInference;
import edu.cs224n.nn.DenseInference;
import edu.cs224n.nn.LstmInference;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsing path of the network up to the MLPs, for sentences of different lengths together: the embedding rows,
 * the character CNN through {@link CharCnnInference}, the BiLSTM stack through {@link LstmInference} (each sentence's backward direction from its own last
 * word, and every step's input products in one gemm) and the MLP layer, from the graph's own parameters. The graph
 * itself trains on batches of one length (see {@link Batches#buckets}); this path gives the same states (tested) for any
 * batch.
 */
final class Encoder {
    private final ComputationGraph net;
    private final BiaffineConfig config;
    private final List<String> tagInputs;
    private final boolean pretrained;
    /** The pre-trained vectors' map to word_dim, or null when they have that dimension already. */
    private final INDArray pretrainedMap;

    Encoder(ComputationGraph net, BiaffineConfig config, List<String> tagInputs, boolean pretrained) {
        this.net = net;
        this.config = config;
        this.tagInputs = tagInputs;
        this.pretrained = pretrained;
        this.pretrainedMap = pretrained && BiaffineNetwork.mapsPretrained(net) ? net.getLayer(BiaffineNetwork.PRETRAINED_MAP).getParam("W") : null;
    }

    /**
     * The MLP output of a batch's inputs (ids [B, 1, T] and characters [B, MAX, T]) as rows [B * T, mlp], row b * T + i
     * for position i of sentence b; {@code lengths} are the sentences' positions (ROOT included).
     */
    INDArray mlp(MultiDataSet batch, int[] lengths) {
        INDArray[] in = batch.getFeatures();
        int b = (int) in[0].size(0), t = (int) in[0].size(2);
        List<INDArray> parts = new ArrayList<>();
        INDArray words = rows(net.getLayer("word_emb").getParam("W"), in[0], b, t);
        int next = 1 + tagInputs.size();
        if (pretrained) {
            INDArray fixed = rows(net.getLayer(BiaffineNetwork.PRETRAINED_TABLE).getParam("W"), in[next++], b, t);
            if (pretrainedMap != null) fixed = fixed.mmul(pretrainedMap);
            words.addi(fixed);
        }
        parts.add(words);
        for (int i = 0; i < tagInputs.size(); i++) parts.add(rows(net.getLayer(tagInputs.get(i) + "_emb").getParam("W"), in[1 + i], b, t));
        if (config.charDim() > 0) parts.add(CharCnnInference.timeMajorRows(in[next], net.getLayer("char_cnn")));
        INDArray x = Nd4j.concat(1, parts.toArray(INDArray[]::new));
        for (int l = 0; l < config.layers(); l++) {
            Layer lstm = net.getLayer("bilstm" + l);
            x = LstmInference.bidirectional(x, lengths, t, weights(lstm, "f"), weights(lstm, "b"));
        }
        Layer mlp = net.getLayer(BiaffineNetwork.MLP);
        return DenseInference.leakyReluBySequence(x, mlp.getParam("W"), mlp.getParam("b"), (float) BiaffineNetwork.LEAKY, t, b);
    }

    private static LstmInference.Weights weights(Layer bidirectional, String direction) {
        return new LstmInference.Weights(bidirectional.getParam(direction + "W"), bidirectional.getParam(direction + "RW"),
                bidirectional.getParam(direction + "b"));
    }

    /** Embedding rows of ids [B, 1, T] as time-major rows [T * B, dim]. */
    private static INDArray rows(INDArray table, INDArray ids, int b, int t) {
        float[] v = ids.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat(); // [B, 1, T]
        int[] idx = new int[t * b];
        for (int s = 0; s < b; s++) for (int p = 0; p < t; p++) idx[p * b + s] = (int) v[s * t + p];
        return Nd4j.pullRows(table, 1, idx);
    }
}
