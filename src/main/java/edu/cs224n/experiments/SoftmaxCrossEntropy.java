package edu.cs224n.experiments;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CS224n assignment 2, question 1: softmax and cross-entropy written from exp, max, sum and log (no built-in softmax or
 * cross-entropy), stable for large logits, equal to ND4J's and DL4J's built-ins; then the linear classifier
 * J(W) = CE(y, softmax(xW + b)) fitted to synthetic data with SameDiff's automatic differentiation, as the
 * assignment does with TensorFlow.
 */
public final class SoftmaxCrossEntropy implements Experiment {
    @Override public String name() { return "softmax-cross-entropy"; }

    @Override public String title() { return "Softmax and cross-entropy from scratch, and a linear softmax classifier"; }

    @Override public String source() { return "CS224n assignment 2 question 1 (a)-(e)"; }

    @Override public boolean fast() { return true; }

    /** softmax(x)_i = e^(x_i - max x) / sum_j e^(x_j - max x), row by row; the shift changes nothing but overflow. */
    static INDArray softmax(INDArray logits) {
        INDArray e = Transforms.exp(logits.subColumnVector(logits.max(1)), true);
        return e.divColumnVector(e.sum(1));
    }

    /** CE summed over the rows: -sum y log softmax(x), with log softmax = x - max - log sum e^(x - max) (finite for any x). */
    static double crossEntropy(INDArray oneHot, INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1));
        INDArray logSoftmax = shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(1), false));
        return -oneHot.mul(logSoftmax).sumNumber().doubleValue();
    }

    /** The same two functions as a SameDiff graph, so that autodiff supplies the gradient. */
    static SDVariable crossEntropy(SameDiff sd, SDVariable oneHot, SDVariable logits) {
        SDVariable shifted = logits.sub(logits.max(true, 1));
        SDVariable logSoftmax = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
        return oneHot.mul(logSoftmax).sum().neg();
    }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(224);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 64, 10).muli(5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 64, 10);
        for (int i = 0; i < 64; i++) labels.putScalar(i, Nd4j.getRandom().nextInt(10), 1);

        r.atMost("max |softmax - ND4J built-in softmax|, 64 x 10 logits ~ N(0, 25)", 1e-12,
                softmax(logits).sub(Transforms.softmax(logits, true)).amaxNumber().doubleValue());
        INDArray big = Nd4j.create(new double[][] {{1000, 1001, 1002}});
        INDArray small = Nd4j.create(new double[][] {{0, 1, 2}});
        double naive = Math.exp(1000) / (Math.exp(1000) + Math.exp(1001) + Math.exp(1002));
        r.atMost("max |softmax([1000,1001,1002]) - softmax([0,1,2])| (naive e^x/sum e^x gives " + naive + ")", 1e-15,
                softmax(big).sub(softmax(small)).amaxNumber().doubleValue());
        r.close("softmax([0,1,2])_3 = e^2/(1+e+e^2)", Math.exp(2) / (1 + Math.E + Math.exp(2)), softmax(small).getDouble(0, 2), 1e-15);

        // DL4J clips softmax outputs at 1e-10 by default (LossMCXENT()), which changes the loss of logits this spread;
        // without clipping it is the exact cross-entropy.
        LossMCXENT builtIn = new LossMCXENT(0, null);
        double ours = crossEntropy(labels, logits);
        double dl4j = builtIn.computeScore(labels, logits.dup(), new ActivationSoftmax(), null, false);
        double clipped = new LossMCXENT().computeScore(labels, logits.dup(), new ActivationSoftmax(), null, false);
        r.atMost("|CE summed over 64 rows - DL4J LossMCXENT without clipping (average=false)| / CE", 1e-12, Math.abs(ours - dl4j) / dl4j);
        r.textf("DL4J's default `LossMCXENT()` clips probabilities at 1e-10: on these logits it gives %.6f against the exact %.6f "
                + "(relative %.2e); with clipping off (`new LossMCXENT(0, null)`) the two agree.", clipped, ours, Math.abs(clipped - ours) / ours);
        INDArray far = Nd4j.create(new double[][] {{1000, 0}});
        r.close("CE(y = class 2, logits [1000, 0]) (naive log(softmax) gives -log 0 = inf)", 1000, crossEntropy(oneHot(1, 1, 2), far), 1e-9);

        // Autodiff through our own functions gives dCE/dlogits = softmax - y, as does DL4J's hand-written gradient.
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", logits.dup());
        SDVariable y = sd.constant("y", labels);
        sd.setLossVariables(crossEntropy(sd, y, z));
        createGradientsQuietly(sd);
        INDArray autodiff = sd.calculateGradients(Map.of(), "z").get("z");
        INDArray analytic = softmax(logits).sub(labels);
        INDArray dl4jGrad = builtIn.computeGradient(labels, logits.dup(), new ActivationSoftmax(), null);
        r.atMost("max |autodiff dCE/dlogits - (softmax - y)|", 1e-12, autodiff.sub(analytic).amaxNumber().doubleValue());
        r.atMost("max |DL4J LossMCXENT gradient - (softmax - y)|", 1e-12, dl4jGrad.sub(analytic).amaxNumber().doubleValue());

        fitLinearClassifier(r);
    }

    /** q1(d)-(e): J(W) = CE(y, softmax(xW + b)) fitted by SGD with SameDiff autodiff on five Gaussian classes. */
    private static void fitLinearClassifier(ExperimentReport r) {
        int n = 1024, features = 100, classes = 5, batch = 64, epochs = 50;
        double lr = 1e-3;
        INDArray means = Nd4j.randn(DataType.DOUBLE, classes, features);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, features).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            x.getRow(i).addi(means.getRow(c));
            y.putScalar(i, c, 1);
        }
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, features);
        SDVariable label = sd.placeHolder("y", DataType.DOUBLE, -1, classes);
        SDVariable w = sd.var("W", Nd4j.zeros(DataType.DOUBLE, features, classes));
        SDVariable b = sd.var("b", Nd4j.zeros(DataType.DOUBLE, 1, classes));
        SDVariable logits = in.mmul(w).add("logits", b);
        sd.setLossVariables(crossEntropy(sd, label, logits));
        createGradientsQuietly(sd);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(lr)).dataSetFeatureMapping("x").dataSetLabelMapping("y").build());

        List<List<Object>> rows = new ArrayList<>();
        double[] epochAxis = new double[epochs + 1], losses = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                for (int start = 0; start < n; start += batch) {
                    int end = Math.min(n, start + batch);
                    sd.fit(new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)),
                            y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end))));
                }
            }
            INDArray out = sd.output(Map.of("x", x, "y", y), "logits").get("logits");
            double loss = crossEntropy(y, out) / n;
            double accuracy = out.argMax(1).eq(y.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            epochAxis[e] = e;
            losses[e] = loss;
            rows.add(List.of(e, loss, accuracy));
        }
        double finalAccuracy = (double) rows.get(epochs).get(2);
        r.close("initial mean CE with W = 0 is ln 5", Math.log(classes), losses[0], 1e-12);
        r.atMost("mean CE after " + epochs + " epochs of SGD (lr " + lr + ", batch " + batch + ") / initial", 0.1, losses[epochs] / losses[0]);
        r.atLeast("training accuracy (chance 0.2)", 0.95, finalAccuracy);
        r.textf("Linear classifier: %d examples of %d features, %d Gaussian classes (means ~ N(0, 1), noise sd 2), W and b "
                + "start at zero, the loss summed over each minibatch as in the assignment; SameDiff differentiates our own "
                + "softmax and cross-entropy. Mean CE %.4f -> %.4f, accuracy %.4f.", n, features, classes, losses[0], losses[epochs], finalAccuracy);
        r.table("classifier", List.of("epoch", "mean_ce", "accuracy"), rows);
        XYChart chart = new XYChartBuilder().width(640).height(400).title("Linear softmax classifier (own softmax + CE, SameDiff autodiff)")
                .xAxisTitle("epoch").yAxisTitle("mean cross-entropy").build();
        chart.addSeries("train", epochAxis, losses);
        r.chart("loss", chart);
    }

    /** SameDiff 1.0.0-M2.1 prints a line to System.out for every op it differentiates; keep the report's console clean. */
    static void createGradientsQuietly(SameDiff sd) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    private static INDArray oneHot(int index, int rows, int cols) {
        return Nd4j.zeros(DataType.DOUBLE, rows, cols).putScalar(0, index, 1);
    }
}
