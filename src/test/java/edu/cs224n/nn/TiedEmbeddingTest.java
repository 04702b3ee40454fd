package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Tied input and output embeddings: one parameter array, read by both layers, its gradient the sum of both uses. */
@ExtendWith(DoublePrecision.class)
class TiedEmbeddingTest {
    static final int V = 7, H = 4, MB = 3, T = 5;

    /** ids -> tied embedding -> GRU -> full softmax ({@code classOutput} false) or class-factored softmax. */
    static ComputationGraph net(boolean classOutput) {
        var g = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("ids")
                .addLayer("embedding", new TiedEmbedding("output", H), "ids")
                .addLayer("rnn", new GatedFeedbackRnn.Builder().unit(GatedFeedbackRnn.Unit.GRU).nIn(H).nOut(H).build(), "embedding");
        if (classOutput) g.addLayer("output", new ClassFactoredSoftmax.Builder().classStarts(new int[] {0, 2, 5, 7}).nIn(H).build(), "rnn");
        else g.addLayer("output", new FullSoftmax.Builder().nIn(H).nOut(V).build(), "rnn");
        ComputationGraph net = new ComputationGraph(g.setOutputs("output").build());
        net.init();
        TiedEmbeddingLayer.tie(net);
        return net;
    }

    static INDArray ids(int shift) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) y.putScalar(new long[] {m, 0, t}, (3 * m + 2 * t + shift) % V);
        return y;
    }

    /** Word w's vector in the output layer's W. */
    static INDArray vector(ComputationGraph net, boolean classOutput, int w) {
        INDArray W = net.getLayer("output").getParam("W");
        return classOutput ? W.getRow(w) : W.getColumn(w);
    }

    @Test
    void theEmbeddingOwnsNoParametersAndReadsTheOutputLayersVectors() {
        for (boolean classOutput : new boolean[] {false, true}) {
            ComputationGraph net = net(classOutput);
            assertEquals(0, net.getLayer("embedding").numParams(), "the tied embedding has no parameters of its own");
            INDArray ids = ids(0);
            INDArray e = net.feedForward(new INDArray[] {ids}, false).get("embedding"); // [MB, H, T]
            for (int m = 0; m < MB; m++) {
                for (int t = 0; t < T; t++) {
                    int w = (int) ids.getDouble(m, 0, t);
                    for (int k = 0; k < H; k++) assertEquals(vector(net, classOutput, w).getDouble(k), e.getDouble(m, k, t), 0, "word " + w);
                }
            }
            // One array: changing the output layer's vector changes what the embedding reads.
            int w = (int) ids.getDouble(0, 0, 0);
            vector(net, classOutput, w).addi(1.5);
            INDArray after = net.feedForward(new INDArray[] {ids}, false).get("embedding");
            assertEquals(vector(net, classOutput, w).getDouble(2), after.getDouble(0, 2, 0), 1e-12);
        }
    }

    @Test
    void gradientsEqualNumericOnesForBothOutputLayers() {
        for (boolean classOutput : new boolean[] {false, true}) {
            GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net(classOutput))
                    .inputs(new INDArray[] {ids(0)}).labels(new INDArray[] {ids(1)})
                    // A few recurrent gradients of ~1e-5 differ from the central difference by ~1e-9, its round-off.
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8);
            assertTrue(GradientCheckUtil.checkGradients(c), "tied gradients equal numeric ones, " + (classOutput ? "class-factored" : "full softmax"));
        }
    }

    @Test
    void aSavedModelIsTiedAgainAfterLoading() throws Exception {
        ComputationGraph net = net(false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertThrows(IllegalStateException.class, () -> loaded.output(ids(0)), "an untied embedding refuses to run");
        TiedEmbeddingLayer.tie(loaded);
        assertEquals(net.outputSingle(ids(0)), loaded.outputSingle(ids(0)));
    }
}
