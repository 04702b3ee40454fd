package edu.cs224n.parser;

import edu.cs224n.nn.FeatureEmbedding;
import edu.cs224n.nn.InvertedDropout;
import edu.cs224n.nn.ReluDense;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import edu.cs224n.train.Updaters;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser head as a ComputationGraph (CS224n assignment 2 section 2): per feature group an embedding table
 * (words, each tag set, labels), the looked-up vectors concatenated into x, h = ReLU(xW + b1), inverted
 * dropout, y = softmax(hU + b2), cross-entropy; Xavier-uniform weights, N(0, embedding_init_std) embeddings, Adam (or the config's `optimizer`).
 * Two definitions of the same function: {@code fused} (the default) takes every feature id in one input and
 * looks all of them up in one {@link FeatureEmbedding} layer; {@code plain} has one input and one DL4J
 * EmbeddingSequenceLayer per group, joined by reshape and merge vertices (slower; kept as the reference).
 * A fused parser with a {@link TaggerContext} has a second input, {@code context} (the dense tagger states, with
 * their own inverted dropout), merged with the embeddings before the hidden layer.
 */
public final class ParserNetwork {
    public static final String WORDS = "words";
    public static final String LABELS = "labels";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUT = "output";
    /** The fused network's single input and its embedding layer. */
    public static final String FEATURES = "features";
    public static final String EMBEDDINGS = "embeddings";
    /** The dense tagger-state input of a parser with a {@link TaggerContext}. */
    public static final String CONTEXT = "context";
    public static final List<String> KINDS = List.of("fused", "plain");

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

    /** Whether {@code net} is the fused definition (told by its inputs, so older model files load as they were built). */
    public static boolean isFused(ComputationGraph net) {
        return net.getConfiguration().getNetworkInputs().get(0).equals(FEATURES);
    }

    /** The id columns each id input takes, in input order (the dense {@link #CONTEXT} input, if any, comes after them). */
    public static int[] inputWidths(ComputationGraph net, FeatureExtractor fx) {
        if (isFused(net)) return new int[] {fx.totalWidth()};
        int[] w = new int[fx.groups()];
        for (int g = 0; g < w.length; g++) w[g] = fx.width(g);
        return w;
    }

    /** Group g's embedding table, {@code [vocabulary size, dim]} (a view: writing to it changes the network). */
    public static INDArray table(ComputationGraph net, ParserVocabulary vocab, int group) {
        if (isFused(net)) return net.getLayer(EMBEDDINGS).getParam(FeatureEmbedding.table(group));
        return net.getLayer(embedding(inputs(vocab).get(group))).getParam("W");
    }

    public static ComputationGraph build(ParserVocabulary vocab, ParserConfig c) {
        return build(vocab, c, 0);
    }

    /** @param contextWidth dense features per configuration ({@link TaggerContext#width()}; 0 for none) */
    public static ComputationGraph build(ParserVocabulary vocab, ParserConfig c, int contextWidth) {
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        List<String> inputs = inputs(vocab);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(Updaters.updater(c.optimizer(), c.learningRate()))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .l2(c.l2())
                .graphBuilder();
        boolean plain = c.network().equals("plain");
        if (plain && contextWidth > 0) throw new IllegalArgumentException("only the fused network reads tagger states");
        long concat = plain ? plainEmbeddings(g, vocab, fx, inputs, c) : fusedEmbeddings(g, vocab, fx, inputs, c);
        String below = plain ? "x" : EMBEDDINGS;
        if (contextWidth > 0) {
            g.addInputs(CONTEXT);
            String context = CONTEXT;
            if (c.contextDropout() > 0) {
                g.addLayer("context_dropout", new InvertedDropout(c.contextDropout()), CONTEXT);
                context = "context_dropout";
            }
            g.addVertex("x", new MergeVertex(), EMBEDDINGS, context);
            below = "x";
            concat += contextWidth;
        }
        // The fused definition also computes the hidden layer with three gemms instead of DL4J's four.
        g.addLayer(HIDDEN, plain ? new DenseLayer.Builder().nIn(concat).nOut(c.hidden()).activation(Activation.RELU).build()
                : new ReluDense.Builder().nIn(concat).nOut(c.hidden()).build(), below);
        g.addLayer("dropout", new InvertedDropout(c.dropout()), HIDDEN);
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(c.hidden()).nOut(vocab.transitionSystem().numTransitions()).build(), "dropout");
        g.setOutputs(OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static int dim(ParserConfig c, String input, int group) {
        return group == 0 ? c.wordDim() : (input.equals(LABELS) ? c.labelDim() : c.tagDim());
    }

    private static int size(ParserVocabulary vocab, String input, int group) {
        return group == 0 ? vocab.words().size() : (input.equals(LABELS) ? vocab.labels().size() : vocab.tags().get(group - 1).size());
    }

    /** One input "features" -> FeatureEmbedding "embeddings". */
    private static long fusedEmbeddings(ComputationGraphConfiguration.GraphBuilder g, ParserVocabulary vocab, FeatureExtractor fx,
                                        List<String> inputs, ParserConfig c) {
        FeatureEmbedding.Builder emb = new FeatureEmbedding.Builder();
        for (int i = 0; i < inputs.size(); i++) emb.group(size(vocab, inputs.get(i), i), fx.width(i), dim(c, inputs.get(i), i));
        if (c.embeddingInitStd() > 0) emb.weightInit(new NormalDistribution(0, c.embeddingInitStd()));
        FeatureEmbedding layer = emb.build();
        g.addInputs(FEATURES);
        g.addLayer(EMBEDDINGS, layer, FEATURES);
        return layer.getNOut();
    }

    private static long plainEmbeddings(ComputationGraphConfiguration.GraphBuilder g, ParserVocabulary vocab, FeatureExtractor fx,
                                        List<String> inputs, ParserConfig c) {
        String[] flats = new String[inputs.size()];
        long concat = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String in = inputs.get(i);
            int width = fx.width(i);
            int dim = dim(c, in, i);
            int size = size(vocab, in, i);
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
        return concat;
    }
}
