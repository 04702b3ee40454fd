package edu.cs224n.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

class InvertedDropoutTest {
    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static InvertedDropoutLayer layer(double p) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().layer(new InvertedDropout(p)).build();
        return (InvertedDropoutLayer) conf.getLayer().instantiate(conf, null, 0, null, true, DataType.DOUBLE);
    }

    @Test
    void gammaKeepsTheExpectation() {
        double p = 0.3;
        InvertedDropoutLayer l = layer(p);
        INDArray h = Nd4j.create(new double[] {0.5, -1.0, 2.0, 0.25, 3.0, -0.75, 1.5, 0.1}, 1, 8);
        INDArray batch = h.repeat(0, 40000);
        Nd4j.getRandom().setSeed(1);
        INDArray out = l.activate(batch, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray mean = out.mean(0);
        for (int i = 0; i < 8; i++) {
            assertEquals(h.getDouble(0, i), mean.getDouble(i), 0.02 * Math.abs(h.getDouble(0, i)) + 1e-3, "unit " + i);
        }
        // Every unit is either dropped or scaled by exactly gamma = 1/(1-p).
        double gamma = 1 / (1 - p);
        double zeros = 0;
        for (int r = 0; r < 200; r++) {
            for (int i = 0; i < 8; i++) {
                double v = out.getDouble(r, i);
                if (v == 0) zeros++;
                else assertEquals(gamma * h.getDouble(0, i), v, 1e-12);
            }
        }
        assertEquals(p, zeros / 1600, 0.05);
        assertEquals(gamma, ((InvertedDropout) l.layerConf()).gamma(), 1e-15);
    }

    @Test
    void inferenceIsTheIdentity() {
        InvertedDropoutLayer l = layer(0.5);
        INDArray h = Nd4j.rand(DataType.DOUBLE, 16, 10);
        assertEquals(h, l.activate(h, false, LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void backpropUsesTheForwardMask() {
        InvertedDropoutLayer l = layer(0.5);
        INDArray h = Nd4j.rand(DataType.DOUBLE, 4, 6);
        l.activate(h, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray mask = l.lastMask().dup();
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 4, 6);
        INDArray grad = l.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(eps.mul(mask), grad);
    }

    static ComputationGraph smallNet(double p) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM)
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("drop", new InvertedDropout(p), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(6).nOut(3).build(), "drop")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void gradientCheckWithAFixedMask() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = smallNet(0.4);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int r = 0; r < 5; r++) y.putScalar(r, r % 3, 1.0);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)
                .callEachIter(n -> Nd4j.getRandom().setSeed(42)));
        assertTrue(ok, "analytic gradients through the dropout mask equal numeric ones");
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = smallNet(0.25).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        InvertedDropout d = (InvertedDropout) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("drop")).getLayerConf().getLayer();
        assertEquals(0.25, d.getPDrop());
        assertEquals(conf, back);
    }

    @Test
    void aSequenceKeepsOneMaskOverItsSteps() {
        double p = 0.5;
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().layer(InvertedDropout.overTime(p)).build();
        InvertedDropoutLayer l = (InvertedDropoutLayer) conf.getLayer().instantiate(conf, null, 0, null, true, DataType.DOUBLE);
        int mb = 8, units = 50, steps = 20;
        INDArray h = Nd4j.rand(DataType.DOUBLE, mb, units, steps).addi(0.5);
        Nd4j.getRandom().setSeed(3);
        INDArray out = l.activate(h, true, LayerWorkspaceMgr.noWorkspaces());
        int dropped = 0;
        for (int b = 0; b < mb; b++) {
            for (int i = 0; i < units; i++) {
                double scale = out.getDouble(b, i, 0) / h.getDouble(b, i, 0);
                assertTrue(scale == 0 || Math.abs(scale - 1 / (1 - p)) < 1e-12, "kept units are scaled by gamma");
                for (int t = 1; t < steps; t++) {
                    assertEquals(scale, out.getDouble(b, i, t) / h.getDouble(b, i, t), 1e-12, "sequence " + b + ", unit " + i + ", step " + t);
                }
                if (scale == 0) dropped++;
            }
        }
        assertEquals(p, dropped / (double) (mb * units), 0.08, "about p of the units are dropped");
        // Different sequences and units get different masks, and backprop applies the same mask at every step.
        assertTrue(dropped > 0 && dropped < mb * units);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, mb, units, steps);
        INDArray grad = l.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        for (int b = 0; b < mb; b++) for (int i = 0; i < units; i++) for (int t = 0; t < steps; t++) {
            assertEquals(eps.getDouble(b, i, t) * out.getDouble(b, i, t) / h.getDouble(b, i, t), grad.getDouble(b, i, t), 1e-12);
        }
        // A per-step mask (the default) varies over the steps.
        InvertedDropoutLayer perStep = layer(p);
        INDArray o2 = perStep.activate(h, true, LayerWorkspaceMgr.noWorkspaces());
        boolean varies = false;
        for (int t = 1; t < steps && !varies; t++) varies = (o2.getDouble(0, 0, t) == 0) != (o2.getDouble(0, 0, 0) == 0);
        assertTrue(varies, "the per-step mask differs between steps");
    }
}
