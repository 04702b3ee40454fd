package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The class-factored softmax: gradients, exact normalisation, score = cross-entropy of its own output, frequency bins. */
@ExtendWith(DoublePrecision.class)
class ClassFactoredSoftmaxTest {
    static final int N_IN = 3, H = 4, MB = 3, T = 5, V = 7;
    static final int[] STARTS = {0, 2, 5, 7};

    static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", new GatedFeedbackRnn.Builder().nIn(N_IN).nOut(H).build(), "x")
                .addLayer("out", new ClassFactoredSoftmax.Builder().classStarts(STARTS).nIn(H).build(), "rnn")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        for (var e : net.getLayer("out").paramTable().entrySet()) {
            if (e.getKey().startsWith("b")) e.getValue().assign(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5));
        }
        return net;
    }

    static INDArray ids() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) y.putScalar(new long[] {m, 0, t}, (3 * m + 2 * t) % V);
        return y;
    }

    @Test
    void gradientCheckWithAndWithoutMasks() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5).muli(2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, T);
        mask.putScalar(0, T - 1, 0);
        mask.putScalar(2, T - 2, 0);
        for (INDArray m : new INDArray[] {null, mask}) {
            GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net())
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {ids()})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9);
            if (m != null) c.inputMask(new INDArray[] {m}).labelMask(new INDArray[] {m});
            assertTrue(GradientCheckUtil.checkGradients(c), "gradients equal numeric ones " + (m == null ? "without" : "with") + " masks");
        }
    }

    @Test
    void outputIsANormalisedDistributionAndTheScoreItsCrossEntropy() {
        ComputationGraph net = net();
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T);
        INDArray p = net.outputSingle(x); // [MB, V, T]
        assertArrayEquals(new long[] {MB, V, T}, p.shape());
        INDArray sums = p.sum(1);
        assertTrue(sums.equalsWithEps(Nd4j.ones(DataType.DOUBLE, MB, T), 1e-12), "sums " + sums);
        double nll = 0;
        INDArray y = ids();
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) nll -= Math.log(p.getDouble(m, (int) y.getDouble(m, 0, t), t));
        double score = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        assertEquals(nll / MB, score, 1e-10, "score = cross-entropy summed over steps, averaged over the minibatch");
    }

    @Test
    void targetProbabilitiesEqualTheFullDistributionsEntries() {
        ComputationGraph net = net();
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T);
        INDArray full = net.outputSingle(x);
        INDArray y = ids();
        int[] ids = new int[MB * T];
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) ids[m * T + t] = (int) y.getDouble(m, 0, t);
        ((ClassFactoredSoftmaxLayer) net.getLayer("out")).probabilitiesOf(ids);
        INDArray targets = net.outputSingle(x);
        assertArrayEquals(new long[] {MB, 1, T}, targets.shape());
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) assertEquals(full.getDouble(m, ids[m * T + t], t), targets.getDouble(m, 0, t), 1e-12);
        assertArrayEquals(new long[] {MB, V, T}, net.outputSingle(x).shape(), "the request applies to one call");
    }

    @Test
    void frequencyBinsGiveEqualSharesAndNoEmptyClass() {
        long[] zipf = new long[1000];
        for (int i = 0; i < zipf.length; i++) zipf[i] = Math.round(100000.0 / (i + 1));
        int[] starts = ClassFactoredSoftmax.frequencyBins(zipf, 20);
        assertEquals(21, starts.length);
        assertEquals(0, starts[0]);
        assertEquals(1000, starts[20]);
        double total = Arrays.stream(zipf).sum();
        for (int c = 0; c < 20; c++) {
            assertTrue(starts[c + 1] > starts[c], "class " + c + " is not empty");
        }
        // frequent words get small classes, rare words large ones
        assertTrue(starts[1] - starts[0] < starts[20] - starts[19]);
        // every class but the first few (single very frequent words) holds about 1/20 of the mass
        double last = 0;
        for (int i = starts[19]; i < 1000; i++) last += zipf[i];
        assertEquals(1.0 / 20, last / total, 0.02);
        // as many classes as words: one word each
        assertArrayEquals(new int[] {0, 1, 2, 3}, ClassFactoredSoftmax.frequencyBins(new long[] {5, 5, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> ClassFactoredSoftmax.frequencyBins(new long[] {1, 2}, 3));
    }

    @Test
    void classOfFindsTheBlock() {
        for (int id = 0; id < V; id++) {
            int c = ClassFactoredSoftmaxLayer.classOf(STARTS, id);
            assertTrue(STARTS[c] <= id && id < STARTS[c + 1], "id " + id + " class " + c);
        }
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = net().getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph again = new ComputationGraph(back);
        again.init();
        assertEquals((H + 1) * (3 + V), again.getLayer("out").numParams());
    }
}
