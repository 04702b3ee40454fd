package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** The full softmax with word-id labels: gradients, and the same model as DL4J's RnnOutputLayer + SPARSE_MCXENT. */
@ExtendWith(DoublePrecision.class)
class FullSoftmaxTest {
    static final int N_IN = 3, H = 4, MB = 3, T = 5, V = 7;

    static ComputationGraph net(Layer output) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", new GatedFeedbackRnn.Builder().nIn(N_IN).nOut(H).build(), "x")
                .addLayer("out", output, "rnn")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        net.getLayer("out").getParam("b").assign(Nd4j.rand(DataType.DOUBLE, 1, V).subi(0.5));
        return net;
    }

    static ComputationGraph full() {
        return net(new FullSoftmax.Builder().nIn(H).nOut(V).build());
    }

    static INDArray ids() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) y.putScalar(new long[] {m, 0, t}, (3 * m + 2 * t) % V);
        return y;
    }

    static INDArray mask() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, T);
        mask.putScalar(0, T - 1, 0);
        mask.putScalar(2, T - 2, 0);
        return mask;
    }

    @Test
    void gradientCheckWithAndWithoutMasks() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5).muli(2);
        for (INDArray m : new INDArray[] {null, mask()}) {
            GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(full())
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {ids()})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9);
            if (m != null) c.inputMask(new INDArray[] {m}).labelMask(new INDArray[] {m});
            assertTrue(GradientCheckUtil.checkGradients(c), "gradients equal numeric ones " + (m == null ? "without" : "with") + " masks");
        }
    }

    @Test
    void sameOutputScoreAndGradientsAsDl4jsSparseCrossEntropyLayer() {
        ComputationGraph ours = full();
        ComputationGraph theirs = net(new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(H).nOut(V).build());
        theirs.setParams(ours.params());
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T);
        INDArray p = ours.outputSingle(x);
        assertArrayEquals(new long[] {MB, V, T}, p.shape());
        assertTrue(p.equalsWithEps(theirs.outputSingle(x), 1e-12), "the same distribution");
        assertTrue(p.sum(1).equalsWithEps(Nd4j.ones(DataType.DOUBLE, MB, T), 1e-12), "normalised");
        for (INDArray m : new INDArray[] {null, mask()}) {
            INDArray[] masks = m == null ? null : new INDArray[] {m};
            for (ComputationGraph net : new ComputationGraph[] {ours, theirs}) {
                net.setInputs(x);
                net.setLabels(ids());
                net.setLayerMaskArrays(masks, masks);
                net.computeGradientAndScore();
            }
            assertEquals(theirs.score(), ours.score(), 1e-10, "score, mask " + (m != null));
            assertTrue(ours.gradient().gradient().equalsWithEps(theirs.gradient().gradient(), 1e-10), "gradients, mask " + (m != null));
            ours.clearLayerMaskArrays();
            theirs.clearLayerMaskArrays();
        }
    }

    @Test
    void targetProbabilitiesEqualTheFullDistributionsEntries() {
        ComputationGraph net = full();
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T);
        INDArray dist = net.outputSingle(x);
        INDArray y = ids();
        int[] ids = new int[MB * T];
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) ids[m * T + t] = (int) y.getDouble(m, 0, t);
        ((FullSoftmaxLayer) net.getLayer("out")).probabilitiesOf(ids);
        INDArray targets = net.outputSingle(x);
        assertArrayEquals(new long[] {MB, 1, T}, targets.shape());
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) assertEquals(dist.getDouble(m, ids[m * T + t], t), targets.getDouble(m, 0, t), 1e-12);
        assertArrayEquals(new long[] {MB, V, T}, net.outputSingle(x).shape(), "the request applies to one call");
        ((FullSoftmaxLayer) net.getLayer("out")).probabilitiesOf(new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> net.outputSingle(x), "one id per row");
    }

    @Test
    void aLabelOutsideTheVocabularyIsRefusedWithItsValue() {
        ComputationGraph net = full();
        INDArray y = ids();
        y.putScalar(new long[] {1, 0, 2}, V);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.score(new DataSet(Nd4j.rand(DataType.DOUBLE, MB, N_IN, T), y)));
        assertTrue(e.getMessage().contains("label 7.0 is not a word id in 0..6"), e.getMessage());
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = full().getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph again = new ComputationGraph(back);
        again.init();
        assertEquals((H + 1) * V, again.getLayer("out").numParams());
    }
}
