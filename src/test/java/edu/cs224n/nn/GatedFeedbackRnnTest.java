package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** GRU, stacked RNN and GF-RNN (tanh and GRU units): gradients (plain, masked, TBPTT stored state), time stepping, JSON. */
@ExtendWith(DoublePrecision.class)
class GatedFeedbackRnnTest {
    static final int N_IN = 3, H = 4, CLASSES = 3, MB = 3, T = 5;

    /** A variant: layers, unit, global gates. */
    record Variant(int layers, GatedFeedbackRnn.Unit unit, boolean global) {
        GatedFeedbackRnn.Builder builder() {
            return new GatedFeedbackRnn.Builder().layers(layers).unit(unit).globalGates(global);
        }
    }

    static List<Variant> variants() {
        return List.of(new Variant(1, GatedFeedbackRnn.Unit.GRU, false), new Variant(2, GatedFeedbackRnn.Unit.TANH, false),
                new Variant(3, GatedFeedbackRnn.Unit.TANH, true), new Variant(2, GatedFeedbackRnn.Unit.GRU, true),
                new Variant(2, GatedFeedbackRnn.Unit.GRU, false));
    }

    static ComputationGraph net(GatedFeedbackRnn.Builder rnn) {
        return net(rnn, DataType.DOUBLE);
    }

    static ComputationGraph net(GatedFeedbackRnn.Builder rnn, DataType dt) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(dt).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", rnn.nIn(N_IN).nOut(H).build(), "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(H).nOut(CLASSES).build(), "rnn")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        // Non-zero biases, so the gradient check covers them too.
        Nd4j.getRandom().setSeed(77);
        for (var e : net.getLayer("rnn").paramTable().entrySet()) {
            if (e.getKey().startsWith("b")) e.getValue().assign(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5).castTo(dt));
        }
        return net;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void gradientCheckWithAndWithoutMasks(Variant v) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5).muli(2);
        RecurrentChecks.gradientCheckWithAndWithoutMasks(net(v.builder()), x, RecurrentChecks.labels(MB, CLASSES, T));
    }

    /**
     * A float network runs the cell through {@link FloatCell} (bulk copies, vectorised activations), a double one through
     * the double loops the gradient checks above cover: same parameters, masked input, the same states, loss and
     * gradients to float precision.
     */
    @ParameterizedTest
    @MethodSource("variants")
    void theFloatCellComputesWhatTheDoubleLoopsDo(Variant v) {
        ComputationGraph d = net(v.builder()), f = net(v.builder(), DataType.FLOAT);
        f.setParams(d.params().castTo(DataType.FLOAT));
        Nd4j.getRandom().setSeed(21);
        int mb = 5, steps = 7;
        INDArray x = Nd4j.rand(DataType.DOUBLE, mb, N_IN, steps).subi(0.5).muli(2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, mb, steps);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.interval(4, steps)).assign(0);
        mask.putScalar(3, steps - 1, 0);
        INDArray y = RecurrentChecks.labels(mb, CLASSES, steps);
        INDArray[] xs = {x}, ys = {y}, ms = {mask};
        d.setLayerMaskArrays(ms, ms);
        f.setLayerMaskArrays(new INDArray[] {mask.castTo(DataType.FLOAT)}, new INDArray[] {mask.castTo(DataType.FLOAT)});
        INDArray hd = d.feedForward(xs, false).get("rnn");
        INDArray hf = f.feedForward(new INDArray[] {x.castTo(DataType.FLOAT)}, false).get("rnn");
        assertTrue(hd.castTo(DataType.FLOAT).equalsWithEps(hf, 1e-5), "states\n" + hd + "\n" + hf);
        d.setInputs(xs);
        d.setLabels(ys);
        d.computeGradientAndScore();
        f.setInputs(x.castTo(DataType.FLOAT));
        f.setLabels(y.castTo(DataType.FLOAT));
        f.computeGradientAndScore();
        assertEquals(d.score(), f.score(), 1e-5, "loss");
        for (var e : d.gradient().gradientForVariable().entrySet()) {
            if (!e.getKey().startsWith("rnn_")) continue;
            INDArray gd = e.getValue(), gf = f.gradient().gradientForVariable().get(e.getKey());
            double scale = Math.max(1e-3, gd.amaxNumber().doubleValue());
            double diff = gd.sub(gf.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(diff < 1e-4 * scale, e.getKey() + ": float and double gradients differ by " + diff + " (largest " + scale + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void truncatedBpttSegmentGradientsEqualNumericOnes(Variant v) {
        GatedFeedbackRnnLayer layer = (GatedFeedbackRnnLayer) RecurrentChecks.layer(net(v.builder()), "rnn");
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, N_IN, T).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, MB, (long) v.layers() * H).subi(0.5); // all layers' carried states
        INDArray r = Nd4j.rand(DataType.DOUBLE, MB, H, T).subi(0.5);
        RecurrentChecks.segmentGradientsEqualNumericOnes(layer, GatedFeedbackRnnLayer.STATE, x, h0, r);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void timeSteppingEqualsTheWholeSequence(Variant v) {
        Nd4j.getRandom().setSeed(4);
        RecurrentChecks.timeSteppingEqualsTheWholeSequence(net(v.builder()), Nd4j.rand(DataType.DOUBLE, MB, N_IN, T));
    }

    @Test
    void gruHasTheSeedsParameters() {
        ComputationGraph net = net(GatedFeedbackRnn.Builder.gru().hasBias(false));
        // W_z, W_r, W [n_in x H]; U_z, U_r, U [H x H]; nothing else.
        assertEquals(3L * N_IN * H + 3L * H * H, net.getLayer("rnn").numParams());
    }

    @Test
    void gruWithUpdateGateClosedKeepsItsState() {
        // z = sigmoid(-large): h(t) = h(t-1), the midterm's question about the update gate, on this layer.
        ComputationGraph net = net(GatedFeedbackRnn.Builder.gru());
        var p = net.getLayer("rnn").paramTable();
        p.get(GatedFeedbackRnnParams.b(0)).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, H)).assign(-40);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, MB, H);
        ((GatedFeedbackRnnLayer) net.getLayer("rnn")).rnnSetPreviousState(java.util.Map.of(GatedFeedbackRnnLayer.STATE, h0.dup()));
        INDArray out = net.getLayer("rnn").activate(Nd4j.rand(DataType.DOUBLE, MB, N_IN, T), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        // activate() starts from zero, rnnTimeStep from the stored state
        INDArray stepped = ((GatedFeedbackRnnLayer) net.getLayer("rnn")).rnnTimeStep(Nd4j.rand(DataType.DOUBLE, MB, N_IN, T),
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertEquals(0.0, out.amaxNumber().doubleValue(), 1e-12);
        for (int t = 0; t < T; t++) {
            assertTrue(h0.equalsWithEps(stepped.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(t)), 1e-12), "step " + t);
        }
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = net(new Variant(3, GatedFeedbackRnn.Unit.GRU, true).builder()).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        GatedFeedbackRnn rnn = (GatedFeedbackRnn) ((LayerVertex) back.getVertices().get("rnn")).getLayerConf().getLayer();
        assertEquals(3, rnn.getLayers());
        assertEquals(GatedFeedbackRnn.Unit.GRU, rnn.getUnit());
        assertTrue(rnn.isGlobalGates());
    }
}
