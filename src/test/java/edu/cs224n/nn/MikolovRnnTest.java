package edu.cs224n.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The Mikolov RNN layer: gradients (plain, masked, and the truncated-BPTT stored-state path), time stepping, JSON. */
class MikolovRnnTest {
    static final int N_IN = 3, N_OUT = 5, CLASSES = 4, MB = 3, T = 4;

    @BeforeEach
    void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

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

    static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, CLASSES, T);
        for (int m = 0; m < MB; m++) for (int t = 0; t < T; t++) y.putScalar(new long[] {m, (m + t) % CLASSES, t}, 1.0);
        return y;
    }

    @Test
    void gradientCheckWithAndWithoutMasks() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, T);
        mask.putScalar(0, 3, 0);
        mask.putScalar(2, 2, 0);
        mask.putScalar(2, 3, 0);
        for (INDArray m : new INDArray[] {null, mask}) {
            GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net())
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels()})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10);
            if (m != null) c.inputMask(new INDArray[] {m}).labelMask(new INDArray[] {m});
            assertTrue(GradientCheckUtil.checkGradients(c), "gradients equal numeric ones " + (m == null ? "without" : "with") + " masks");
        }
    }

    /** L = sum(h o R) over a segment that starts from a carried state h0, through rnnActivateUsingStoredState. */
    static double segmentLoss(MikolovRnnLayer layer, INDArray x, INDArray h0, INDArray r) {
        layer.rnnSetTBPTTState(Map.of(MikolovRnnLayer.STATE, h0.dup()));
        INDArray h = layer.rnnActivateUsingStoredState(x, true, true, LayerWorkspaceMgr.noWorkspaces());
        return h.mul(r).sumNumber().doubleValue();
    }

    @Test
    void truncatedBpttSegmentGradientsEqualNumericOnes() {
        ComputationGraph net = net();
        net.initGradientsView();
        MikolovRnnLayer layer = (MikolovRnnLayer) net.getLayer("rnn");
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, MB, N_OUT); // the state carried from the previous segment
        INDArray r = Nd4j.rand(DataType.DOUBLE, MB, N_OUT, T).subi(0.5);
        segmentLoss(layer, x, h0, r);
        Gradient g = layer.tbpttBackpropGradient(r, -1, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        Map<String, INDArray> analytic = Map.of(
                SimpleRnnParamInitializer.WEIGHT_KEY, g.getGradientFor(SimpleRnnParamInitializer.WEIGHT_KEY).dup(),
                SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, g.getGradientFor(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY).dup(),
                SimpleRnnParamInitializer.BIAS_KEY, g.getGradientFor(SimpleRnnParamInitializer.BIAS_KEY).dup());
        double eps = 1e-6;
        double maxRel = 0;
        for (var e : analytic.entrySet()) {
            INDArray p = layer.getParam(e.getKey());
            INDArray p2 = p.reshape(p.rank() == 1 ? 1 : p.size(0), p.rank() == 1 ? p.length() : p.size(1));
            INDArray g2 = e.getValue().reshape(p2.shape());
            for (long i = 0; i < p.length(); i++) {
                long row = i / p2.size(1);
                long col = i % p2.size(1);
                double orig = p2.getDouble(row, col);
                p2.putScalar(row, col, orig + eps);
                double plus = segmentLoss(layer, x, h0, r);
                p2.putScalar(row, col, orig - eps);
                double minus = segmentLoss(layer, x, h0, r);
                p2.putScalar(row, col, orig);
                double numeric = (plus - minus) / (2 * eps);
                double a = g2.getDouble(row, col);
                double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                maxRel = Math.max(maxRel, rel);
                assertTrue(rel < 1e-6 || Math.abs(a - numeric) < 1e-9, e.getKey() + "[" + i + "]: analytic " + a + " numeric " + numeric);
            }
        }
        // The carried state matters: RW's gradient differs from the one a zero start state would give.
        segmentLoss(layer, x, Nd4j.zeros(DataType.DOUBLE, MB, N_OUT), r);
        INDArray fromZero = layer.tbpttBackpropGradient(r, -1, LayerWorkspaceMgr.noWorkspaces()).getFirst()
                .getGradientFor(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        assertFalse(fromZero.equalsWithEps(analytic.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY), 1e-6));
    }

    @Test
    void timeSteppingEqualsTheWholeSequence() {
        ComputationGraph net = net();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T);
        INDArray whole = net.outputSingle(x);
        net.rnnClearPreviousState();
        for (int t = 0; t < T; t++) {
            INDArray step = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)))[0];
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
            assertTrue(expected.equalsWithEps(step, 1e-12), "step " + t);
        }
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
