package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** The fused updater against DL4J's own on the same network and data: the same parameters after every step. */
class FusedAdamUpdaterTest {
    private static ComputationGraph network(double clip) {
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).updater(new JavaAdam(0.01))
                .weightInit(WeightInit.XAVIER).gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(clip).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(30).nOut(5000).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5000).nOut(4).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").setInputTypes(InputType.feedForward(30)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Trains DL4J's updater and the fused one side by side; returns the largest parameter difference after any step. */
    private static double largestDifference(double clip, int steps) {
        ComputationGraph reference = network(clip), fused = network(clip);
        FusedAdamUpdater.install(fused);
        assertArrayEquals(reference.params().toFloatVector(), fused.params().toFloatVector(), 0f, "the same start");
        Nd4j.getRandom().setSeed(11);
        double largest = 0;
        for (int i = 0; i < steps; i++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 16, 30);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 4);
            for (int r = 0; r < 16; r++) y.putScalar(r, (r * 7 + i) % 4, 1);
            reference.fit(new DataSet(x, y));
            fused.fit(new DataSet(x, y));
            largest = Math.max(largest, reference.params().sub(fused.params()).amaxNumber().doubleValue());
        }
        assertEquals(steps, ((FusedAdamUpdater) fused.getUpdater()).fusedUpdates(), "every step took the fused path");
        assertArrayEquals(reference.getUpdater().getStateViewArray().toFloatVector(), fused.getUpdater().getStateViewArray().toFloatVector(),
                1e-5f, "Adam's moments");
        return largest;
    }

    @Test
    void withoutClippingEveryParameterIsBitForBitDl4js() {
        assertEquals(0.0, largestDifference(1e6, 20), "no layer reaches the threshold, so no norm enters an update");
    }

    @Test
    void withClippingTheParametersAgreeToTheNormsRounding() {
        // both layers' norms are far above 0.05 at every step: each update is scaled by a norm summed in another order
        double d = largestDifference(0.05, 20);
        assertTrue(d < 1e-6, "largest parameter difference " + d);
    }

    @Test
    void anotherUpdaterTakesDl4jsPath() {
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).updater(new org.nd4j.linalg.learning.config.Sgd(0.1))
                .graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        FusedAdamUpdater.install(net);
        INDArray before = net.params().dup();
        net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 2)));
        assertEquals(0, ((FusedAdamUpdater) net.getUpdater()).fusedUpdates());
        assertNotEquals(before, net.params(), "SGD still trained the network");
    }
}
