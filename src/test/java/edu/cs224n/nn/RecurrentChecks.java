package edu.cs224n.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every custom recurrent layer of this package passes (double precision; the caller sets the default data types). */
final class RecurrentChecks {
    private RecurrentChecks() {}

    /** One-hot labels [mb, classes, T] that depend on example and step. */
    static INDArray labels(long mb, int classes, long steps) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, mb, classes, steps);
        for (int m = 0; m < mb; m++) for (int t = 0; t < steps; t++) y.putScalar(new long[] {m, (m + t) % classes, t}, 1.0);
        return y;
    }

    /** DL4J's gradient check of the whole graph (input [mb, nIn, T]), without a mask and with one that cuts sequences short. */
    static void gradientCheckWithAndWithoutMasks(ComputationGraph net, INDArray x, INDArray labels) {
        long mb = x.size(0), steps = x.size(2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, mb, steps);
        mask.putScalar(0, steps - 1, 0);
        mask.putScalar(mb - 1, steps - 2, 0);
        mask.putScalar(mb - 1, steps - 1, 0);
        for (INDArray m : new INDArray[] {null, mask}) {
            GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9);
            if (m != null) c.inputMask(new INDArray[] {m}).labelMask(new INDArray[] {m});
            assertTrue(GradientCheckUtil.checkGradients(c), "gradients equal numeric ones " + (m == null ? "without" : "with") + " masks");
        }
    }

    /** L = sum(out o R) over a segment that starts from a carried state h0, through rnnActivateUsingStoredState. */
    static double segmentLoss(BaseRecurrentLayer<?> layer, String stateKey, INDArray x, INDArray h0, INDArray r) {
        layer.rnnSetTBPTTState(Map.of(stateKey, h0.dup()));
        INDArray out = layer.rnnActivateUsingStoredState(x, true, true, LayerWorkspaceMgr.noWorkspaces());
        return out.mul(r).sumNumber().doubleValue();
    }

    /**
     * The truncated-BPTT path that GradientCheckUtil does not exercise: the gradients of a segment that starts from a
     * carried state equal central differences, and differ from those a zero start state gives (so the state is used).
     */
    static void segmentGradientsEqualNumericOnes(BaseRecurrentLayer<?> layer, String stateKey, INDArray x, INDArray h0, INDArray r) {
        segmentLoss(layer, stateKey, x, h0, r);
        INDArray analytic = layer.tbpttBackpropGradient(r, -1, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().dup();
        INDArray p = layer.params(); // the flat view: same layout as the flattened gradient
        double eps = 1e-6;
        for (long i = 0; i < p.length(); i++) {
            double orig = p.getDouble(i);
            p.putScalar(i, orig + eps);
            double plus = segmentLoss(layer, stateKey, x, h0, r);
            p.putScalar(i, orig - eps);
            double minus = segmentLoss(layer, stateKey, x, h0, r);
            p.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
            assertTrue(rel < 1e-6 || Math.abs(a - numeric) < 1e-9, "parameter " + i + ": analytic " + a + " numeric " + numeric);
        }
        segmentLoss(layer, stateKey, x, Nd4j.zeros(DataType.DOUBLE, h0.shape()), r);
        INDArray fromZero = layer.tbpttBackpropGradient(r, -1, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient();
        assertFalse(fromZero.equalsWithEps(analytic, 1e-6), "the carried state changes the gradients");
    }

    /** Output one step at a time with rnnTimeStep equals the output of the whole sequence. */
    static void timeSteppingEqualsTheWholeSequence(ComputationGraph net, INDArray x) {
        INDArray whole = net.outputSingle(x);
        net.rnnClearPreviousState();
        for (int t = 0; t < x.size(2); t++) {
            INDArray step = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)))[0];
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
            assertTrue(expected.equalsWithEps(step, 1e-12), "step " + t);
        }
        net.rnnClearPreviousState();
    }

    static Layer layer(ComputationGraph net, String name) {
        net.initGradientsView();
        return net.getLayer(name);
    }
}
