package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** The character CNN: gradients against numeric ones, and what a word's vector depends on. */
@ExtendWith(DoublePrecision.class)
class CharCnnTest {
    static final int CHARS = 7, DIM = 3, FILTERS = 4, MAX = 6, MB = 2, T = 3;

    static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("chars")
                .addLayer("cnn", new CharCnn.Builder().chars(CHARS).charDim(DIM).width(2).nIn(MAX).nOut(FILTERS).build(), "chars")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(FILTERS).nOut(3).build(), "cnn")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Words of 0 to 6 characters (0 = padding after the word); one position has none. */
    static final int[][][] WORDS = {{{1, 2, 3}, {4}, {5, 6, 1, 2, 3, 4}}, {{}, {2, 2, 5, 1}, {6, 3}}};

    static INDArray chars() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, MB, MAX, T);
        for (int b = 0; b < MB; b++) for (int t = 0; t < T; t++) for (int c = 0; c < WORDS[b][t].length; c++) x.putScalar(new long[] {b, c, t}, WORDS[b][t][c]);
        return x;
    }

    @Test
    void gradientsEqualNumericOnes() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, 3, T);
        for (int b = 0; b < MB; b++) for (int t = 0; t < T; t++) y.putScalar(new long[] {b, (b + t) % 3, t}, 1);
        GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net()).inputs(new INDArray[] {chars()}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9);
        assertTrue(GradientCheckUtil.checkGradients(c), "char CNN gradients equal numeric ones");
    }

    @Test
    void aWordsVectorDependsOnItsOwnCharactersOnly() {
        ComputationGraph net = net();
        INDArray out = net.feedForward(chars(), false).get("cnn");
        assertEquals(0, out.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(0)).norm2Number().doubleValue(), 0, "no characters, zeros");
        // The same word elsewhere in another batch gives the same vector.
        INDArray alone = Nd4j.zeros(DataType.DOUBLE, 1, MAX, 1);
        for (int c = 0; c < 4; c++) alone.putScalar(new long[] {0, c, 0}, new int[] {2, 2, 5, 1}[c]);
        INDArray single = net.feedForward(alone, false).get("cnn");
        assertTrue(single.reshape(FILTERS).equalsWithEps(out.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(1)), 1e-12));
        // A different character changes it.
        alone.putScalar(new long[] {0, 3, 0}, 3);
        assertFalse(net.feedForward(alone, false).get("cnn").reshape(FILTERS).equalsWithEps(single.reshape(FILTERS), 1e-6));
    }

    @Test
    void inferencePathGivesTheLayersVectors() {
        ComputationGraph net = net();
        INDArray out = net.feedForward(chars(), false).get("cnn"); // [MB, FILTERS, T]
        java.util.List<int[]> words = new java.util.ArrayList<>(); // position t of sequence b at t * MB + b
        for (int t = 0; t < T; t++) for (int b = 0; b < MB; b++) words.add(WORDS[b][t]);
        INDArray rows = CharCnnInference.vectors(words, net.getLayer("cnn"));
        assertArrayEquals(new long[] {(long) T * MB, FILTERS}, rows.shape());
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < MB; b++) {
                INDArray expected = out.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t)).castTo(DataType.FLOAT);
                assertTrue(expected.equalsWithEps(rows.getRow((long) t * MB + b), 1e-6), "position " + t + " of sequence " + b);
            }
        }
        assertEquals(0, rows.getRow(1).norm2Number().doubleValue(), 0, "no characters, zeros"); // t = 0, b = 1: row 0 * MB + 1
        var e = assertThrows(IllegalArgumentException.class, () -> CharCnnInference.vectors(java.util.List.of(new int[] {CHARS}), net.getLayer("cnn")));
        assertTrue(e.getMessage().contains("character id " + CHARS), e.getMessage());
    }
}
