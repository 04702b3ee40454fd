package edu.cs224n.experiments;

import edu.cs224n.nn.InvertedDropout;
import edu.cs224n.nn.InvertedDropoutLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Dropout's three facts: f(m o z) = m o f(z) for tanh and ReLU but not sigmoid (the CS224n practice midterm section 2 q1, because
 * f(0) = 0); inverted dropout's gamma = 1/(1 - p_drop) keeps the expectation (CS224n assignment 2, on the project's layer); and
 * the deep-learning practice midterm q5(c): for a softmax net without hidden layers the normalised geometric mean over all 2^n dropout masks
 * (p = 1/2) equals the net with its weights halved, here by exact enumeration.
 */
public final class DropoutFacts implements Experiment {
    @Override public String name() { return "dropout"; }

    @Override public String title() { return "Dropout: masks through activations, inverted scaling, the geometric-mean ensemble"; }

    @Override public String source() { return "the CS224n practice midterm section 2 question 1; CS224n assignment 2 question 2(f); the deep-learning practice midterm question 5(c)"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 1000, 50).subi(0.5).muli(10);
        INDArray m = Nd4j.rand(DataType.DOUBLE, 1000, 50).lt(0.5).castTo(DataType.DOUBLE);
        r.atMost("tanh: max |f(m o z) - m o f(z)|", 0, gap(z, m, a -> Transforms.tanh(a, true)));
        r.atMost("ReLU: max |f(m o z) - m o f(z)|", 0, gap(z, m, a -> Transforms.relu(a, true)));
        r.close("sigmoid: max |f(m o z) - m o f(z)| = sigmoid(0) = 1/2 (the identity fails)", 0.5, gap(z, m, a -> Transforms.sigmoid(a, true)), 1e-12);

        expectation(r);
        ensemble(r);
    }

    private static double gap(INDArray z, INDArray m, UnaryOperator<INDArray> f) {
        return f.apply(z.mul(m)).sub(f.apply(z).mul(m)).amaxNumber().doubleValue();
    }

    /** The project's InvertedDropout layer in training mode: E[h_drop] = h, and without gamma it would be (1 - p) h. */
    private static void expectation(ExperimentReport r) {
        double p = 0.3;
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().layer(new InvertedDropout(p)).build();
        InvertedDropoutLayer layer = (InvertedDropoutLayer) conf.getLayer().instantiate(conf, null, 0, null, true, DataType.DOUBLE);
        int n = 200_000;
        INDArray h = Nd4j.rand(DataType.DOUBLE, 1, 20).addi(0.5);
        INDArray out = layer.activate(h.repeat(0, n), true, LayerWorkspaceMgr.noWorkspaces());
        INDArray ratio = out.mean(0).div(h);
        double dropped = out.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        // Each unit's mean over n draws has standard error sqrt(p/(1-p)/n) relative to h: 5 standard errors of slack.
        double tolerance = 5 * Math.sqrt(p / (1 - p) / n);
        r.close("fraction of units dropped (p_drop = 0.3)", p, dropped, 5 * Math.sqrt(p * (1 - p) / (n * 20.0)));
        r.close("largest |E[h_drop] / h - 1| over 20 units, " + n + " draws (gamma = 1/(1-p))", 0,
                ratio.sub(1).amaxNumber().doubleValue(), tolerance);
        r.textf("Inverted dropout on the project's `InvertedDropout` layer, p_drop = %.1f, gamma = %.4f: the mean of h_drop / h "
                + "over %,d draws is %.4f to %.4f for 20 units; without gamma it would be %.1f.", p, 1 / (1 - p), n,
                ratio.minNumber().doubleValue(), ratio.maxNumber().doubleValue(), 1 - p);
    }

    /** The deep-learning midterm, q5(c): normalised geometric mean over all masks d in {0,1}^n of softmax(W^T (d o x) + b). */
    private static void ensemble(ExperimentReport r) {
        int k = 4;
        List<List<Object>> rows = new ArrayList<>();
        double worstGeo = 0, closestArith = Double.MAX_VALUE;
        for (int n = 1; n <= 12; n++) {
            INDArray w = Nd4j.randn(DataType.DOUBLE, n, k);
            INDArray b = Nd4j.randn(DataType.DOUBLE, 1, k);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 1, n);
            INDArray logGeo = Nd4j.zeros(DataType.DOUBLE, 1, k);
            INDArray arith = Nd4j.zeros(DataType.DOUBLE, 1, k);
            int masks = 1 << n;
            for (int bits = 0; bits < masks; bits++) {
                INDArray d = Nd4j.zeros(DataType.DOUBLE, 1, n);
                for (int i = 0; i < n; i++) if ((bits >> i & 1) == 1) d.putScalar(0, i, 1);
                INDArray pd = SoftmaxCrossEntropy.softmax(x.mul(d).mmul(w).addi(b));
                logGeo.addi(Transforms.log(pd, true));
                arith.addi(pd);
            }
            INDArray geo = SoftmaxCrossEntropy.softmax(logGeo.divi(masks)); // 2^n-th root of the product, renormalised
            arith.divi(masks);
            INDArray halved = SoftmaxCrossEntropy.softmax(x.mmul(w).muli(0.5).addi(b));
            double geoGap = geo.sub(halved).amaxNumber().doubleValue();
            double arithGap = arith.sub(halved).amaxNumber().doubleValue();
            worstGeo = Math.max(worstGeo, geoGap);
            if (n >= 2) closestArith = Math.min(closestArith, arithGap);
            rows.add(List.of(n, masks, geoGap, arithGap));
        }
        r.atMost("max |normalised geometric mean over all 2^n masks - softmax(W^T x / 2 + b)|, n = 1..12, k = 4", 1e-12, worstGeo);
        r.atLeast("the arithmetic mean over masks differs from the halved net (smallest gap, n = 2..12)", 1e-4, closestArith);
        r.text("Ensemble identity, by exact enumeration of every mask for n = 1..12 inputs (W, b, x ~ N(0, 1)): the "
                + "normalised geometric mean equals the halved-weight net to rounding; the arithmetic mean of the same "
                + "masks does not. The bias is not halved: it is never dropped.");
        r.table("ensemble", List.of("n", "masks", "max_gap_geometric", "max_gap_arithmetic"), rows);
    }
}
