package edu.cs224n.tagger;

import edu.cs224n.data.Characters;
import edu.cs224n.nn.CharCnn;
import edu.cs224n.nn.JavaAdam;
import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The tagger as a ComputationGraph: three id sequences [mb, 1, T] (word, suffix, shape) -> one
 * EmbeddingSequenceLayer each (with a fixed pre-trained table, a fourth sequence of its rows, whose vectors are added
 * to the trainable word embedding: {@link PretrainedWords#addTo}; with {@code char_dim} > 0 the characters [mb, 20, T]
 * through {@link CharCnn}) -> merged per step -> {@code layers} bidirectional LSTMs (forward and backward states
 * concatenated) -> two softmax outputs per step, UPOS and XPOS. Padded steps are masked in inputs and labels.
 */
public final class TaggerNetwork {
    public static final String[] INPUTS = {"word", "suffix", "shape"};
    public static final String PRETRAINED = "pretrained", CHARS = "chars", UPOS = "upos", XPOS = "xpos";

    private TaggerNetwork() {}

    /**
     * @param pretrained the fixed table's words (its rows are set by {@link PretrainedWords#fill}), or null: then
     *                   {@code pretrained_vectors}, if set, initialise the trainable word table
     */
    public static ComputationGraph build(TaggerVocabulary v, PretrainedWords pretrained, TaggerConfig c) throws IOException {
        int[] sizes = {v.words().size(), v.suffixes().size(), v.shapes().size()};
        int[] dims = {c.wordDim(), c.suffixDim(), c.shapeDim()};
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed()).dataType(DataType.FLOAT).updater(new JavaAdam(c.learningRate())).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs(INPUTS);
        String[] embedded = new String[INPUTS.length];
        for (int i = 0; i < INPUTS.length; i++) {
            embedded[i] = INPUTS[i] + "_emb";
            g.addLayer(embedded[i], new EmbeddingSequenceLayer.Builder().nIn(sizes[i]).nOut(dims[i]).inferInputLength(true)
                    .outputDataFormat(RNNFormat.NCW).build(), INPUTS[i]);
        }
        if (pretrained != null) {
            g.addInputs(PRETRAINED);
            pretrained.addTo(g, PRETRAINED, embedded[0], c.wordDim(), "words");
            embedded[0] = "words";
        }
        int width = c.wordDim() + c.suffixDim() + c.shapeDim();
        if (v.chars() != null) {
            g.addInputs(CHARS);
            g.addLayer("char_cnn", new CharCnn.Builder().chars(v.chars().size()).charDim(c.charDim()).nIn(Characters.MAX).nOut(c.charFilters()).build(), CHARS);
            embedded = java.util.Arrays.copyOf(embedded, embedded.length + 1);
            embedded[embedded.length - 1] = "char_cnn";
            width += c.charFilters();
        }
        g.addVertex("features", new MergeVertex(), embedded);
        String below = "features";
        for (int l = 0; l < c.layers(); l++) {
            String name = "bilstm" + l;
            LSTM.Builder lstm = new LSTM.Builder().nIn(width).nOut(c.hidden()).activation(Activation.TANH).dataFormat(RNNFormat.NCW);
            if (c.dropout() > 0) lstm.dropOut(1 - c.dropout()); // DL4J's dropOut is the retain probability, on the layer's input
            g.addLayer(name, new Bidirectional(Bidirectional.Mode.CONCAT, lstm.build()), below);
            below = name;
            width = 2 * c.hidden();
        }
        g.addLayer(UPOS, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(width).nOut(v.upos().size()).dropOut(c.dropout() > 0 ? 1 - c.dropout() : 1).build(), below);
        g.addLayer(XPOS, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(width).nOut(v.xpos().size()).dropOut(c.dropout() > 0 ? 1 - c.dropout() : 1).build(), below);
        ComputationGraph net = new ComputationGraph(g.setOutputs(UPOS, XPOS).build());
        net.init();
        if (pretrained != null) net.getLayer("word_emb").getParam("W").assign(0); // the trainable part starts at zero
        else if (!c.pretrainedVectors().isBlank()) initialiseWords(net, v, WordVectors.read(Path.of(c.pretrainedVectors())), c.wordDim());
        return net;
    }

    /** Copies pretrained vectors (lowercased lookup) into the word table's rows; returns how many rows were set. */
    static int initialiseWords(ComputationGraph net, TaggerVocabulary v, WordVectors vectors, int dim) {
        if (vectors.dim() != dim) throw new IllegalArgumentException("pretrained_vectors have dimension " + vectors.dim() + ", word_dim is " + dim);
        INDArray table = net.getLayer("word_emb").getParam("W");
        int set = 0;
        for (int id = 2; id < v.words().size(); id++) {
            String w = v.words().get(id);
            if (vectors.contains(w)) {
                table.putRow(id, vectors.matrix(java.util.List.of(w)).getRow(0).castTo(DataType.FLOAT));
                set++;
            }
        }
        return set;
    }
}
