package edu.cs224n.siamese;

import edu.cs224n.nn.JavaAdam;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.L2Vertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;

/**
 * The Siamese network as a DL4J ComputationGraph with ONE set of weights for both inputs:
 * <pre>
 *   left, right [mb, n] -> StackVertex [2mb, n] -> map0 .. mapK (shared dense layers) -> UnstackVertex 0 -> h1
 *                                                                                     -> UnstackVertex 1 -> h2
 *   h1, h2 -> L2Vertex (d = ||h1 - h2||, [mb, 1]) -> LossLayer(ContrastiveLoss)
 * </pre>
 * With one sigmoid layer of width m, l2 = lambda and labels all 1 this is the practice midterm's model and objective exactly.
 * With {@code preserve = mu > 0} a third input {@code anchor} joins the stack (the same weights again) and its image h3 gets
 * a second loss, mu * ||h3 - anchor||^2: the map is pulled toward the identity on words no pair mentions.
 * <p>With an {@link AttractRepelLoss} or an {@link ExplicitRetrofitLoss} the graph takes four word inputs, a pair and each word's in-batch negative, through
 * the same weights; the images are scaled to unit length and merged into one row [x_l | x_r | t_l | t_r] for the loss:
 * <pre>
 *   left, right, left_negative, right_negative [mb, n] -> StackVertex -> map0 .. mapK -> L2NormalizeVertex
 *       -> UnstackVertex 0..3 -> MergeVertex [mb, 4m] -> LossLayer(AttractRepelLoss)
 * </pre>
 */
public final class SiameseNetwork {
    public static final String LEFT = "left", RIGHT = "right", ANCHOR = "anchor", DISTANCE = "distance", LOSS = "loss", KEEP = "keep";
    public static final String LEFT_NEGATIVE = "left_negative", RIGHT_NEGATIVE = "right_negative", UNIT = "unit", QUAD = "quad";
    /** The residual map's output, x + f(x). */
    public static final String MAPPED = "mapped";

    private SiameseNetwork() {}

    public static String mapLayer(int i) {
        return "map" + i;
    }

    public static ComputationGraph build(int nIn, List<Integer> layers, String activation, double margin, double l2,
                                         IUpdater updater, long seed, DataType dataType) {
        return build(nIn, layers, activation, WeightInit.XAVIER, margin, l2, 0, updater, seed, dataType);
    }

    public static ComputationGraph build(int nIn, List<Integer> layers, String activation, WeightInit init, double margin, double l2,
                                         double preserve, IUpdater updater, long seed, DataType dataType) {
        return build(nIn, layers, activation, init, margin, l2, preserve, null, false, updater, seed, dataType);
    }

    /**
     * @param quadLoss     the loss over [x_l | x_r | t_l | t_r] (Attract-Repel, explicit retrofitting), or null for the pair
     *                     graph (contrastive or seed objective)
     * @param residual     the map is x + f(x): {@code layers} are f's hidden layers, then a linear layer back to the input's
     *                     width whose weights start at zero, so training starts from the identity map
     */
    public static ComputationGraph build(int nIn, List<Integer> layers, String activation, WeightInit init, double margin, double l2,
                                         double preserve, QuadLoss quadLoss, boolean residual, IUpdater updater, long seed, DataType dataType) {
        if (preserve > 0 && !residual && layers.get(layers.size() - 1) != nIn) {
            throw new IllegalArgumentException("preserve needs the last layer as wide as the input (" + nIn + "), got " + layers);
        }
        List<String> words = quadLoss == null ? List.of(LEFT, RIGHT) : List.of(LEFT, RIGHT, LEFT_NEGATIVE, RIGHT_NEGATIVE);
        java.util.List<String> all = new java.util.ArrayList<>(words);
        if (preserve > 0) all.add(ANCHOR);
        String[] inputs = all.toArray(String[]::new);
        int branches = inputs.length;
        if (init == WeightInit.IDENTITY && layers.stream().anyMatch(w -> w != nIn)) {
            throw new IllegalArgumentException("identity initialisation needs every layer as wide as the input (" + nIn + "), got " + layers);
        }
        var g = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(updater).weightInit(init).l2(l2)
                .graphBuilder()
                .addInputs(inputs)
                .addVertex("pair", new StackVertex(), inputs);
        String previous = addMap(g, "pair", nIn, layers, activation, residual);
        if (quadLoss == null) {
            g.addVertex("h1", new UnstackVertex(0, branches), previous)
                    .addVertex("h2", new UnstackVertex(1, branches), previous)
                    .addVertex(DISTANCE, new L2Vertex(), "h1", "h2")
                    .addLayer(LOSS, new LossLayer.Builder().lossFunction(new ContrastiveLoss(margin)).activation(Activation.IDENTITY).build(), DISTANCE);
        } else {
            g.addVertex(UNIT, new L2NormalizeVertex(), previous);
            previous = UNIT;
            String[] images = new String[words.size()];
            for (int i = 0; i < images.length; i++) g.addVertex(images[i] = "h" + (i + 1), new UnstackVertex(i, branches), previous);
            g.addVertex(QUAD, new MergeVertex(), images)
                    .addLayer(LOSS, new LossLayer.Builder().lossFunction(quadLoss).activation(Activation.IDENTITY).build(), QUAD);
        }
        if (preserve > 0) {
            g.addVertex("anchor_image", new UnstackVertex(branches - 1, branches), previous)
                    .addLayer(KEEP, new LossLayer.Builder().lossFunction(new LossL2(Nd4j.valueArrayOf(new long[] {1, nIn}, preserve, dataType)))
                            .activation(Activation.IDENTITY).build(), "anchor_image")
                    .setOutputs(LOSS, KEEP);
        } else {
            g.setOutputs(LOSS);
        }
        ComputationGraphConfiguration conf = g.build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    public static ComputationGraph build(SiameseConfig c, int nIn) {
        return build(nIn, c.layers(), c.activation(), WeightInit.valueOf(c.weightInit().toUpperCase(java.util.Locale.ROOT)), c.margin(), c.l2(), c.preserve(),
                quadLoss(c), c.residual(), new JavaAdam(c.learningRate()), c.seed(), DataType.FLOAT);
    }

    /** Post-specialisation's map with the config's loss: DL4J's cosine proximity, or with {@code post_negatives} {@link PostSpecialisationLoss}. */
    public static ComputationGraph buildRegression(SiameseConfig c, int nIn) {
        var loss = c.postNegatives() > 0 ? new PostSpecialisationLoss(c.postNegatives(), c.postMargin())
                : new org.nd4j.linalg.lossfunctions.impl.LossCosineProximity();
        return buildRegression(nIn, c.layers(), c.activation(), WeightInit.valueOf(c.weightInit().toUpperCase(java.util.Locale.ROOT)),
                c.residual(), c.l2(), loss, new JavaAdam(c.learningRate()), c.seed(), DataType.FLOAT);
    }

    /**
     * Post-specialisation's map alone: {@code left} [mb, n] -> map0 .. mapK (-> x + f(x)) -> L2NormalizeVertex -> the loss
     * against the word's specialised vector (the label). The layer and vertex names are the Siamese graphs', so
     * {@link #map} reads it the same way.
     */
    public static ComputationGraph buildRegression(int nIn, List<Integer> layers, String activation, WeightInit init, boolean residual, double l2,
                                                   org.nd4j.linalg.lossfunctions.ILossFunction loss, IUpdater updater, long seed, DataType dataType) {
        if (!residual && layers.get(layers.size() - 1) != nIn) {
            throw new IllegalArgumentException("post-specialisation maps into the input space: the last layer must be " + nIn + " wide, got " + layers);
        }
        var g = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(updater).weightInit(init).l2(l2)
                .graphBuilder()
                .addInputs(LEFT);
        String previous = addMap(g, LEFT, nIn, layers, activation, residual);
        g.addVertex(UNIT, new L2NormalizeVertex(), previous)
                .addLayer(LOSS, new LossLayer.Builder().lossFunction(loss).activation(Activation.IDENTITY).build(), UNIT)
                .setOutputs(LOSS);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * The shared map on {@code input}: dense layers map0 .. mapK-1, and with {@code residual} a linear layer back to
     * {@code nIn} that starts at zero plus the {@link #MAPPED} vertex x + f(x). Returns the map's output vertex.
     */
    private static String addMap(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder g, String input, int nIn, List<Integer> layers,
                                 String activation, boolean residual) {
        String previous = input;
        int width = nIn;
        for (int i = 0; i < layers.size(); i++) {
            g.addLayer(mapLayer(i), new DenseLayer.Builder().nIn(width).nOut(layers.get(i)).activation(Activation.fromString(activation)).build(), previous);
            previous = mapLayer(i);
            width = layers.get(i);
        }
        if (!residual) return previous;
        g.addLayer(mapLayer(layers.size()), new DenseLayer.Builder().nIn(width).nOut(nIn).activation(Activation.IDENTITY)
                .weightInit(WeightInit.ZERO).build(), previous);
        g.addVertex(MAPPED, new ElementWiseVertex(ElementWiseVertex.Op.Add), input, mapLayer(layers.size()));
        return MAPPED;
    }

    private static QuadLoss quadLoss(SiameseConfig c) {
        if (c.attractRepel()) return new AttractRepelLoss(c.attractMargin(), c.repelMargin());
        return c.explicitRetrofit() ? new ExplicitRetrofitLoss() : null;
    }

    /** Layers of the shared map in this graph. */
    public static int depth(ComputationGraph net) {
        int k = 0;
        while (net.getConfiguration().getVertices().containsKey(mapLayer(k))) k++;
        return k;
    }

    /**
     * Every row of {@code x} through the learned map (the shared layers, plus the input for a residual map), in blocks to
     * bound memory. The layers are run directly: a graph pass would carry the block once per input (up to five times).
     */
    public static INDArray map(ComputationGraph net, INDArray x) {
        int depth = depth(net);
        boolean residual = net.getConfiguration().getVertices().containsKey(MAPPED);
        var workspaces = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        int n = (int) x.size(0);
        List<INDArray> blocks = new java.util.ArrayList<>();
        for (int from = 0; from < n; from += 4096) {
            INDArray block = x.get(NDArrayIndex.interval(from, Math.min(n, from + 4096)), NDArrayIndex.all());
            INDArray h = block;
            for (int i = 0; i < depth; i++) h = net.getLayer(mapLayer(i)).activate(h, false, workspaces);
            blocks.add(residual ? h.add(block) : h.dup());
        }
        return blocks.size() == 1 ? blocks.get(0) : org.nd4j.linalg.factory.Nd4j.vstack(blocks);
    }
}
