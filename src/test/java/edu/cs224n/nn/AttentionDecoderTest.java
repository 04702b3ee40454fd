package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The decoder layer with and without attention: every parameter's gradient (its own, and those of the layers that feed
 * it the encoder's states and the previous outputs) against numeric ones in double precision, with a padded input and
 * padded targets (absolute differences under 1e-8 are the central difference's round-off on a score of ~6); and the
 * input's padding changes nothing.
 */
@ExtendWith(DoublePrecision.class)
class AttentionDecoderTest {
    static final int MB = 3, T = 5, X = 3, ENC = 4, EMB = 3, HID = 4, ATT = 3, V = 5;

    /** x -> LSTM (the encoder's states h); y -> LSTM (the previous outputs' embedding); merged with the mask -> decoder -> softmax. */
    static ComputationGraph net(int attention) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(42).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x", "mask", "y")
                .addLayer("enc", new LSTM.Builder().nIn(X).nOut(ENC).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build(), "x")
                .addLayer("emb", new LSTM.Builder().nIn(X).nOut(EMB).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build(), "y")
                .addVertex("in", new MergeVertex(), "enc", "mask", "emb")
                .addLayer("dec", new AttentionDecoder.Builder().nIn(ENC + 1 + EMB).encoderSize(ENC).hidden(HID).attentionSize(attention).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(attention > 0 ? HID + ENC : HID).nOut(V).build(), "dec")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        // non-zero biases, so their gradients are checked away from the initial point
        Nd4j.getRandom().setSeed(7);
        for (var e : net.getLayer("dec").paramTable().entrySet()) {
            if (e.getKey().startsWith("b")) e.getValue().assign(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5));
        }
        return net;
    }

    /** Input lengths 5, 3, 1. */
    static INDArray inputMask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}});
    }

    /** Target lengths 2, 5, 4. */
    static INDArray targetMask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 0, 0, 0}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}});
    }

    static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, V, T);
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) y.putScalar(new long[] {m, (2 * m + 3 * t) % V, t}, 1);
        return y;
    }

    @ParameterizedTest(name = "attention size {0}")
    @ValueSource(ints = {0, ATT})
    void gradientsEqualNumericOnesWithPaddedInputsAndTargets(int attention) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, X, T).subi(0.5).muli(2), y = Nd4j.rand(DataType.DOUBLE, MB, X, T).subi(0.5).muli(2);
        INDArray mask = inputMask().reshape(MB, 1, T);
        ComputationGraph net = net(attention);
        assertEquals(attention > 0 ? 4 * 4 + 4 + (3 + 4) * 16 + 4 * 16 + 16 + 4 * 3 + 4 * 3 + 3 : 4 * 4 + 4 + 3 * 16 + 4 * 16 + 16,
                net.getLayer("dec").numParams());
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x, mask, y}).labels(new INDArray[] {labels()}).labelMask(new INDArray[] {targetMask()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)));
    }

    @ParameterizedTest(name = "attention size {0}")
    @ValueSource(ints = {0, ATT})
    void theInputsPaddingChangesNothing(int attention) {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, X, T), y = Nd4j.rand(DataType.DOUBLE, MB, X, T), mask = inputMask().reshape(MB, 1, T);
        ComputationGraph net = net(attention);
        INDArray before = net.outputSingle(x, mask, y);
        // the encoder is causal here, so changing x at padded positions changes h only there
        INDArray x2 = x.dup();
        x2.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)).assign(5.0);
        x2.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 5)).assign(-5.0);
        assertTrue(before.equalsWithEps(net.outputSingle(x2, mask, y), 1e-12));
        for (int b = 0; b < MB; b++) {
            INDArray p = before.slice(b).sum(0);
            for (int t = 0; t < T; t++) assertEquals(1.0, p.getDouble(t), 1e-12);
        }
    }
}
