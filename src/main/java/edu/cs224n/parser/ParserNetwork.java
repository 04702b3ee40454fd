package edu.cs224n.parser;

import edu.cs224n.nn.InvertedDropout;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser head as a ComputationGraph (seed 002 section 2): per feature group an embedding table
 * (words, each tag set, labels), the looked-up vectors concatenated into x, h = ReLU(xW + b1), inverted
 * dropout, y = softmax(hU + b2), cross-entropy; Xavier-uniform weights, N(0, embedding_init_std) embeddings, Adam.
 */
public final class ParserNetwork {
    public static final String WORDS = "words";
    public static final String LABELS = "labels";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUT = "output";

    private ParserNetwork() {}

    /** Input names, in feature-group order. */
    public static List<String> inputs(ParserVocabulary vocab) {
        List<String> names = new ArrayList<>();
        names.add(WORDS);
        for (var t : vocab.tagSets()) names.add("tags_" + t.name().toLowerCase(java.util.Locale.ROOT));
        if (vocab.isLabelled()) names.add(LABELS);
        return names;
    }

    public static String embedding(String input) {
        return input + "_emb";
    }

    public static ComputationGraph build(ParserVocabulary vocab, ParserConfig c) {
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        List<String> inputs = inputs(vocab);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .l2(c.l2())
                .graphBuilder();
        String[] flats = new String[inputs.size()];
        long concat = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String in = inputs.get(i);
            int width = fx.width(i);
            int dim = i == 0 ? c.wordDim() : (in.equals(LABELS) ? c.labelDim() : c.tagDim());
            int size = i == 0 ? vocab.words().size() : (in.equals(LABELS) ? vocab.labels().size() : vocab.tags().get(i - 1).size());
            g.addInputs(in);
            EmbeddingSequenceLayer.Builder emb = new EmbeddingSequenceLayer.Builder()
                    .nIn(size).nOut(dim).inputLength(width).inferInputLength(false)
                    .outputDataFormat(RNNFormat.NWC).hasBias(false);
            // CS224n draws embeddings from N(0, 0.9); on EWT that trained worse than Xavier (84.4 vs 86.4 dev UAS at epoch 9).
            if (c.embeddingInitStd() > 0) emb.weightInit(new NormalDistribution(0, c.embeddingInitStd()));
            g.addLayer(embedding(in), emb.build(), in);
            // NWC output is [mb, width, dim]: reshaping to [mb, width*dim] is a free, position-major view.
            flats[i] = in + "_flat";
            g.addVertex(flats[i], new ReshapeVertex(-1, width * dim), embedding(in));
            concat += (long) width * dim;
        }
        g.addVertex("x", new MergeVertex(), flats);
        g.addLayer(HIDDEN, new DenseLayer.Builder().nIn(concat).nOut(c.hidden()).activation(Activation.RELU).build(), "x");
        g.addLayer("dropout", new InvertedDropout(c.dropout()), HIDDEN);
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(c.hidden()).nOut(vocab.transitionSystem().numTransitions()).build(), "dropout");
        g.setOutputs(OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }
}
