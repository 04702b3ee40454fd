package edu.cs224n.biaffine;

import edu.cs224n.data.Characters;
import edu.cs224n.nn.JavaAdam;
import edu.cs224n.nn.BiaffineArc;
import edu.cs224n.nn.BiaffineLabel;
import edu.cs224n.nn.CharCnn;
import edu.cs224n.nn.InvertedDropout;
import edu.cs224n.parser.ParserVocabulary;
import edu.cs224n.vectors.PretrainedWords;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * The biaffine parser as a ComputationGraph. Per position (0 = ROOT): word and tag ids [mb, 1, T] -> one
 * EmbeddingSequenceLayer each (and the characters [mb, 20, T] through {@link CharCnn} when {@code char_dim} > 0) -> merged -> {@code layers}
 * bidirectional LSTMs -> one time-distributed leaky-ReLU layer whose output is the four MLPs side by side
 * ([arc-head | arc-dep | label-head | label-dep], a block of weights each: four one-layer MLPs in one gemm) -> dropout ->
 * merged with the heads input [mb, 1, T] -> {@link BiaffineArc} and {@link BiaffineLabel} -> softmax cross-entropy of
 * each word's head over the positions of its sentence, and of its label given the gold head.
 */
public final class BiaffineNetwork {
    public static final String WORD = "word", PRETRAINED = "pretrained", CHARS = "chars", HEADS = "heads", ARCS = "arcs", LABELS = "labels";
    /** The MLPs' leaky ReLU slope. */
    static final double LEAKY = 0.1;
    static final String MLP = "mlp", SCORER_INPUT = "scorer_input", ARC = "arc", LABEL = "label";

    private BiaffineNetwork() {}

    /** The tag input names, in the vocabulary's tag-set order. */
    static List<String> tagInputs(ParserVocabulary v) {
        return v.tagSets().stream().map(t -> t.name().toLowerCase()).toList();
    }

    /** Every input, in the order batches supply them. */
    static List<String> inputs(ParserVocabulary v, boolean pretrained, boolean chars) {
        List<String> in = new ArrayList<>();
        in.add(WORD);
        in.addAll(tagInputs(v));
        if (pretrained) in.add(PRETRAINED);
        if (chars) in.add(CHARS);
        in.add(HEADS);
        return in;
    }

    /** The width of the MLP block (and the scorers' input without the heads channel). */
    static int mlpWidth(BiaffineConfig c) {
        return 2 * c.arcDim() + 2 * c.labelDim();
    }

    /**
     * @param pretrained the fixed pre-trained table's words (row 0 = none, zeros), or null without {@code pretrained_vectors};
     *                   its rows are set by {@link #setPretrained}
     * @param chars the character vocabulary, or null when {@code char_dim} is 0
     */
    public static ComputationGraph build(ParserVocabulary v, PretrainedWords pretrained, Characters chars, BiaffineConfig c) {
        if ((chars != null) != (c.charDim() > 0)) throw new IllegalArgumentException("a character vocabulary is needed exactly when char_dim > 0");
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed()).dataType(DataType.FLOAT)
                .updater(new JavaAdam(c.learningRate(), c.beta1(), c.beta2(), 1e-8))
                .gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(c.clip())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs(inputs(v, pretrained != null, chars != null));
        List<String> embedded = new ArrayList<>();
        g.addLayer("word_emb", embedding(v.words().size(), c.wordDim()), WORD);
        if (pretrained != null) {
            pretrained.addTo(g, PRETRAINED, "word_emb", c.wordDim(), "words");
            embedded.add("words");
        } else {
            embedded.add("word_emb");
        }
        int width = c.wordDim();
        List<String> tags = tagInputs(v);
        for (int i = 0; i < tags.size(); i++) {
            g.addLayer(tags.get(i) + "_emb", embedding(v.tags().get(i).size(), c.tagDim()), tags.get(i));
            embedded.add(tags.get(i) + "_emb");
            width += c.tagDim();
        }
        if (chars != null) {
            g.addLayer("char_cnn", new CharCnn.Builder().chars(chars.size()).charDim(c.charDim()).nIn(Characters.MAX).nOut(c.charFilters()).build(), CHARS);
            embedded.add("char_cnn");
            width += c.charFilters();
        }
        String below = "features";
        g.addVertex(below, new MergeVertex(), embedded.toArray(String[]::new));
        for (int l = 0; l < c.layers(); l++) {
            LSTM.Builder lstm = new LSTM.Builder().nIn(width).nOut(c.hidden()).activation(Activation.TANH).dataFormat(RNNFormat.NCW);
            if (c.lstmDropout() > 0) lstm.dropOut(1 - c.lstmDropout()); // DL4J's dropOut is the retain probability, on the layer's input
            g.addLayer("bilstm" + l, new Bidirectional(Bidirectional.Mode.CONCAT, lstm.build()), below);
            below = "bilstm" + l;
            width = 2 * c.hidden();
        }
        int mlp = mlpWidth(c);
        DenseLayer.Builder dense = new DenseLayer.Builder().nIn(width).nOut(mlp).activation(new ActivationLReLU(LEAKY));
        if (c.lstmDropout() > 0) dense.dropOut(1 - c.lstmDropout());
        g.addLayer(MLP, new TimeDistributed(dense.build(), RNNFormat.NCW), below);
        g.addLayer("mlp_dropout", new InvertedDropout(c.mlpDropout()), MLP);
        g.addVertex(SCORER_INPUT, new MergeVertex(), "mlp_dropout", HEADS);
        g.addLayer(ARC, new BiaffineArc.Builder().dim(c.arcDim()).nIn(mlp + 1).build(), SCORER_INPUT);
        g.addLayer(LABEL, new BiaffineLabel.Builder().dim(c.labelDim()).offset(2 * c.arcDim()).nIn(mlp + 1)
                .nOut(labelOutputs(v)).build(), SCORER_INPUT);
        g.addLayer(ARCS, loss(), ARC);
        g.addLayer(LABELS, loss(), LABEL);
        ComputationGraph net = new ComputationGraph(g.setOutputs(ARCS, LABELS).build());
        net.init();
        if (pretrained != null) net.getLayer("word_emb").getParam("W").assign(0); // the trainable part starts at zero
        return net;
    }

    /**
     * The label classifier's outputs: one per label, and a second, never a target, when an unlabelled treebank has one
     * ("_"): DL4J's softmax cross-entropy reads a one-column output with a per-step mask as a per-output mask and refuses it.
     */
    static int labelOutputs(ParserVocabulary v) {
        return Math.max(2, v.transitionLabels().size());
    }

    private static EmbeddingSequenceLayer embedding(int size, int dim) {
        return new EmbeddingSequenceLayer.Builder().nIn(size).nOut(dim).inferInputLength(true).outputDataFormat(RNNFormat.NCW).build();
    }

    private static RnnLossLayer loss() {
        return new RnnLossLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build();
    }
}
