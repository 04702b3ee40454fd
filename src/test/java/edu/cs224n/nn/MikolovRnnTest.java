package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;


import static org.junit.jupiter.api.Assertions.*;

/** The Mikolov RNN layer: gradients (plain, masked, and the truncated-BPTT stored-state path), time stepping, JSON. */
@ExtendWith(DoublePrecision.class)
class MikolovRnnTest {
    static final int N_IN = 3, N_OUT = 5, CLASSES = 4, MB = 3, T = 4;

    static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", new MikolovRnn.Builder().nIn(N_IN).nOut(N_OUT).build(), "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(N_OUT).nOut(CLASSES).build(), "rnn")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void gradientCheckWithAndWithoutMasks() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5);
        RecurrentChecks.gradientCheckWithAndWithoutMasks(net(), x, RecurrentChecks.labels(MB, CLASSES, T));
    }

    @Test
    void truncatedBpttSegmentGradientsEqualNumericOnes() {
        MikolovRnnLayer layer = (MikolovRnnLayer) RecurrentChecks.layer(net(), "rnn");
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, MB, N_OUT); // the state carried from the previous segment
        INDArray r = Nd4j.rand(DataType.DOUBLE, MB, N_OUT, T).subi(0.5);
        RecurrentChecks.segmentGradientsEqualNumericOnes(layer, MikolovRnnLayer.STATE, x, h0, r);
    }

    @Test
    void timeSteppingEqualsTheWholeSequence() {
        Nd4j.getRandom().setSeed(4);
        RecurrentChecks.timeSteppingEqualsTheWholeSequence(net(), Nd4j.rand(DataType.DOUBLE, MB, N_IN, T));
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = net().getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        MikolovRnn rnn = (MikolovRnn) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("rnn")).getLayerConf().getLayer();
        assertEquals(Activation.SIGMOID.getActivationFunction(), rnn.getActivationFn());
        ComputationGraph again = new ComputationGraph(back);
        again.init();
        assertEquals(N_IN * N_OUT + N_OUT * N_OUT + N_OUT, again.getLayer("rnn").numParams());
    }
}
