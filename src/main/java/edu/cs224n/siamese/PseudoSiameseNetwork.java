package edu.cs224n.siamese;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The midterm's pseudo-Siamese net on one word vector x, as a ComputationGraph:
 * <pre>  h1 = sigmoid(W1 x + b1),  h2 = relu(W2 x + b2),  y = softmax(W3 (h1 + h2) + b3)</pre>
 * with cross-entropy averaged over the minibatch. Either branch can be frozen (its updater NoOp) to see how
 * much each weight matrix learns on its own.
 */
public final class PseudoSiameseNetwork {
    public static final String INPUT = "x", SIGMOID = "h1", RELU = "h2", SUM = "sum", OUTPUT = "y";

    public enum Trained { BOTH, W1_ONLY, W2_ONLY }

    private PseudoSiameseNetwork() {}

    public static ComputationGraph build(int n, int m, int k, IUpdater updater, Trained trained, long seed, DataType dataType) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType).updater(updater).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(INPUT)
                .addLayer(SIGMOID, dense(n, m, Activation.SIGMOID, trained == Trained.W2_ONLY), INPUT)
                .addLayer(RELU, dense(n, m, Activation.RELU, trained == Trained.W1_ONLY), INPUT)
                .addVertex(SUM, new ElementWiseVertex(ElementWiseVertex.Op.Add), SIGMOID, RELU)
                .addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(m).nOut(k).activation(Activation.SOFTMAX).build(), SUM)
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** A frozen branch is DL4J's FrozenLayerWithBackprop: fixed weights, gradients still flow to the input. */
    private static org.deeplearning4j.nn.conf.layers.Layer dense(int n, int m, Activation a, boolean frozen) {
        DenseLayer d = new DenseLayer.Builder().nIn(n).nOut(m).activation(a).build();
        return frozen ? new FrozenLayerWithBackprop(d) : d;
    }
}
