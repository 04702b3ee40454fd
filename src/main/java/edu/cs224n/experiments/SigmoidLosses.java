package edu.cs224n.experiments;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * The deep-learning midterm, question 1: for a sigmoid output f = sigma(a), dL_CE/da = f - y while dL_MSE/da = (f - y) f (1 - f), which
 * vanishes when the output saturates on the wrong side. Both gradients are checked against DL4J's loss functions, then
 * a logistic regression started saturated and wrong is trained with each loss.
 */
public final class SigmoidLosses implements Experiment {
    static final int STEPS = 300;

    @Override public String name() { return "sigmoid-ce-vs-mse"; }

    @Override public String title() { return "Sigmoid output: cross-entropy vs squared error, gradients and a saturated start"; }

    @Override public String source() { return "the deep-learning practice midterm question 1 (c)-(g)"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(31);
        INDArray a = Nd4j.rand(DataType.DOUBLE, 200, 1).subi(0.5).muli(24); // pre-activations in [-12, 12]
        INDArray y = Nd4j.rand(DataType.DOUBLE, 200, 1).gt(0.5).castTo(DataType.DOUBLE);
        INDArray f = Transforms.sigmoid(a, true);
        INDArray ceGrad = f.sub(y);
        INDArray mseGrad = f.sub(y).muli(f).muli(f.rsub(1)); // of 1/2 (f - y)^2
        // LossL2 is (f - y)^2 without the 1/2; LossBinaryXENT clips f to [1e-5, 1 - 1e-5] by default, so compare unclipped.
        INDArray dl4jCe = new LossBinaryXENT(0).computeGradient(y, a.dup(), new ActivationSigmoid(), null);
        INDArray dl4jL2 = new LossL2().computeGradient(y, a.dup(), new ActivationSigmoid(), null);
        r.atMost("max |DL4J LossBinaryXENT (no clipping) dL/da - (f - y)|, a in [-12, 12]", 1e-9, dl4jCe.sub(ceGrad).amaxNumber().doubleValue());
        r.atMost("max |DL4J LossL2 dL/da / 2 - (f - y) f (1 - f)|", 1e-12, dl4jL2.div(2).sub(mseGrad).amaxNumber().doubleValue());
        double wrongCe = 1 / (1 + Math.exp(-10)) - 0, wrongMse = wrongCe * wrongCe * (1 - wrongCe);
        r.textf("At a = 10 with y = 0 (confidently wrong): dCE/da = %.6f, dMSE/da = %.3e, %.0f times smaller.", wrongCe, wrongMse, wrongCe / wrongMse);

        int[] at = new int[] {10, 50, STEPS};
        double[] ce = train(new LossBinaryXENT()), mse = train(new LossL2());
        r.atLeast("training accuracy after 50 SGD steps from the saturated start, cross-entropy", 0.9, ce[50]);
        r.atMost("training accuracy after 50 SGD steps from the saturated start, squared error (stuck)", 0.2, mse[50]);
        r.atLeast("steps squared error needs to reach 90% accuracy (" + STEPS + " if never) / steps cross-entropy needs", 5,
                (double) firstAbove(mse, 0.9) / firstAbove(ce, 0.9));
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s <= STEPS; s++) rows.add(List.of(s, ce[s], mse[s]));
        r.table("training", List.of("step", "accuracy_ce", "accuracy_mse"), rows);
        double[] steps = new double[STEPS + 1];
        for (int s = 0; s <= STEPS; s++) steps[s] = s;
        XYChart chart = new XYChartBuilder().width(640).height(400).title("Logistic regression from a saturated, wrong start (SGD lr 0.5)")
                .xAxisTitle("SGD step").yAxisTitle("training accuracy").build();
        chart.addSeries("cross-entropy", steps, ce);
        chart.addSeries("squared error", steps, mse);
        r.chart("training", chart);
        r.textf("Accuracy at steps %d / %d / %d: cross-entropy %.3f / %.3f / %.3f, squared error %.3f / %.3f / %.3f.",
                at[0], at[1], at[2], ce[at[0]], ce[at[1]], ce[at[2]], mse[at[0]], mse[at[1]], mse[at[2]]);
    }

    /**
     * 400 points in 2-D labelled by the sign of w*.x; the net starts at w = -8 w* (every output saturated on the wrong
     * side). Returns training accuracy after each full-batch SGD step.
     */
    private static double[] train(ILossFunction loss) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 400, 2);
        INDArray wStar = Nd4j.create(new double[][] {{1.0}, {-1.0}});
        INDArray y = x.mmul(wStar).gt(0).castTo(DataType.DOUBLE);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.5)).list()
                .layer(new OutputLayer.Builder().lossFunction(loss).nIn(2).nOut(1).activation(Activation.SIGMOID).build()).build());
        net.init();
        net.setParam("0_W", wStar.mul(-8));
        net.setParam("0_b", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        double[] accuracy = new double[STEPS + 1];
        for (int s = 0; s <= STEPS; s++) {
            if (s > 0) net.fit(x, y);
            accuracy[s] = net.output(x).gt(0.5).castTo(DataType.DOUBLE).eq(y).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        }
        return accuracy;
    }

    private static int firstAbove(double[] accuracy, double level) {
        for (int s = 0; s < accuracy.length; s++) if (accuracy[s] >= level) return s;
        return accuracy.length - 1;
    }
}
