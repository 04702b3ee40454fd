package edu.cs224n.experiments;

import edu.cs224n.nn.GatedFeedbackRnn;
import edu.cs224n.nn.GatedFeedbackRnnLayer;
import edu.cs224n.nn.GatedFeedbackRnnParams;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CS224n practice midterm, section 3 q2-3 on the project's GRU layer (GatedFeedbackRnn, one GRU layer): with the update gate z near 0
 * the state stays (h(t) = h(t-1)); with z near 1 and the reset gate r near 0 the past is forgotten (h(t) depends on
 * x(t) only), so "remembers the past very well" is false. The gates are set through their biases; how much of the
 * initial state survives 10 steps is measured across the update gate's range.
 */
public final class GruGates implements Experiment {
    static final int IN = 6, H = 8, MB = 16, T = 10;

    @Override public String name() { return "gru-gates"; }

    @Override public String title() { return "GRU: a closed update gate keeps the state; an open update gate with a closed reset gate forgets it"; }

    @Override public String source() { return "the CS224n practice midterm section 3 questions 2 and 3"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, IN, T).subi(0.5).muli(2);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, MB, H).subi(0.5).muli(2);
        INDArray other = Nd4j.rand(DataType.DOUBLE, MB, H).subi(0.5).muli(2);

        GatedFeedbackRnnLayer gru = gru(-30, 0);
        r.atMost("z ~ 0 (update bias -30): max |h(10) - h(0)| over 16 sequences", 1e-10, run(gru, h0, x).sub(h0).amaxNumber().doubleValue());
        gru = gru(30, -30);
        double forgotten = step(gru, h0, x).sub(step(gru, other, x)).amaxNumber().doubleValue();
        r.atMost("z ~ 1, r ~ 0 (biases +30, -30): max |h(1) from h(0) - h(1) from another h(0)| (the past is gone)", 1e-10, forgotten);
        INDArray candidate = candidateWithoutPast(gru, x);
        r.atMost("... and h(1) = tanh(W x(1) + b) exactly (no h(0) term)", 1e-10,
                step(gru, h0, x).sub(candidate).amaxNumber().doubleValue());
        gru = gru(30, 30);
        double remembered = step(gru, h0, x).sub(step(gru, other, x)).amaxNumber().doubleValue();
        r.atLeast("z ~ 1, r ~ 1: h(1) still depends on h(0) through U h(0) (max difference)", 0.05, remembered);

        // How much of h(0) is left after T steps as the update gate opens (reset gate at its default bias 0).
        List<List<Object>> rows = new ArrayList<>();
        double[] biases = new double[21], kept = new double[21];
        for (int i = 0; i <= 20; i++) {
            double bz = -10 + i;
            GatedFeedbackRnnLayer g = gru(bz, 0);
            double diff = run(g, h0, x).sub(run(g, other, x)).norm2Number().doubleValue() / h0.sub(other).norm2Number().doubleValue();
            biases[i] = bz;
            kept[i] = diff;
            rows.add(List.of(bz, 1 / (1 + Math.exp(-bz)), diff));
        }
        r.table("memory", List.of("update_bias", "sigmoid_update_bias", "state_difference_kept_after_10_steps"), rows);
        XYChart chart = new XYChartBuilder().width(640).height(400).title("GRU: how much of h(0) survives 10 steps")
                .xAxisTitle("update-gate bias b_z (z = sigmoid(W_z x + U_z h + b_z))").yAxisTitle("||h_T - h'_T|| / ||h_0 - h'_0||").build();
        chart.addSeries("reset bias 0", biases, kept);
        r.chart("memory", chart);
        r.textf("With the reset gate at bias 0, the fraction of a difference in h(0) still present after %d steps falls from %.4f "
                + "(b_z = -10) to %.4f (b_z = 0) to %.2e (b_z = +10).", T, kept[0], kept[10], kept[20]);
        r.atLeast("the kept fraction falls as the update gate opens: b_z = -10 vs b_z = +10 (ratio)", 100, kept[0] / Math.max(kept[20], 1e-300));
    }

    /** A one-layer GRU with its update-gate biases set to bz and reset-gate biases to br (other weights Xavier, seed 5). */
    static GatedFeedbackRnnLayer gru(double bz, double br) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("x")
                .addLayer("rnn", GatedFeedbackRnn.Builder.gru().nIn(IN).nOut(H).build(), "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(H).nOut(2).build(), "rnn")
                .setOutputs("out").build());
        net.init();
        INDArray b = net.getLayer("rnn").paramTable().get(GatedFeedbackRnnParams.b(0)); // [z | r | candidate]
        b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, H)).assign(bz);
        b.get(NDArrayIndex.all(), NDArrayIndex.interval(H, 2 * H)).assign(br);
        return (GatedFeedbackRnnLayer) net.getLayer("rnn");
    }

    /** h(T) from the initial state h0 over the whole input. */
    static INDArray run(GatedFeedbackRnnLayer gru, INDArray h0, INDArray x) {
        gru.rnnSetPreviousState(Map.of(GatedFeedbackRnnLayer.STATE, h0.dup()));
        INDArray out = gru.rnnTimeStep(x.dup(), LayerWorkspaceMgr.noWorkspaces());
        return out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(T - 1)).dup();
    }

    /** h(1): one step from h0. */
    static INDArray step(GatedFeedbackRnnLayer gru, INDArray h0, INDArray x) {
        gru.rnnSetPreviousState(Map.of(GatedFeedbackRnnLayer.STATE, h0.dup()));
        INDArray first = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
        return gru.rnnTimeStep(first, LayerWorkspaceMgr.noWorkspaces()).get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).dup();
    }

    /** tanh(W x(1) + b) with the layer's own candidate weights: the midterm's h~ with the r o U h(t-1) term removed. */
    static INDArray candidateWithoutPast(GatedFeedbackRnnLayer gru, INDArray x) {
        INDArray w = gru.paramTable().get(GatedFeedbackRnnParams.w(0)).get(NDArrayIndex.all(), NDArrayIndex.interval(2 * H, 3 * H));
        INDArray b = gru.paramTable().get(GatedFeedbackRnnParams.b(0)).get(NDArrayIndex.all(), NDArrayIndex.interval(2 * H, 3 * H));
        INDArray x1 = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
        return org.nd4j.linalg.ops.transforms.Transforms.tanh(x1.mmul(w).addRowVector(b), false);
    }
}
