package edu.cs224n.siamese;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Siamese graph against the midterm's model: h = sigmoid(W x + b) shared, J = 1/2 ||h1 - h2||^2 + lambda/2 ||W||^2. */
class SiameseNetworkTest {
    static final double LAMBDA = 0.3;

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static ComputationGraph seedModel() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        // W in R^(10x5): inputs n = 5, one shared sigmoid layer of m = 10.
        return SiameseNetwork.build(5, List.of(10), "sigmoid", 1.0, LAMBDA, new NoOp(), 42, DataType.DOUBLE);
    }

    @Test
    void theSeedModelHas60ParametersInOneSharedWeightSet() {
        ComputationGraph net = seedModel();
        assertEquals(60, net.numParams(), "W (10x5) and b (10): 50 + 10");
        assertEquals(List.of("map0_W", "map0_b"), List.copyOf(net.paramTable().keySet()), "both inputs go through the same layer");
        assertArrayEquals(new long[] {5, 10}, net.getParam("map0_W").shape(), "DL4J stores W transposed: [n_in, n_out]");
    }

    /**
     * The midterm's delta rules, written out, give DL4J's gradient for one example (the midterm's setting), and one plain
     * SGD step of DL4J is the midterm's update rule W - alpha grad_W J, b - alpha grad_b J. DL4J adds the lambda W of
     * l2 to the gradient in the update step (before the updater), so the backprop gradient holds the data term only.
     */
    @Test
    void gradientsAndTheSgdStepEqualTheSeedsFormulas() {
        double alpha = 0.5;
        ComputationGraph net = SiameseNetwork.build(5, List.of(10), "sigmoid", 1.0, LAMBDA, new org.nd4j.linalg.learning.config.Sgd(alpha), 42, DataType.DOUBLE);
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(3);
        INDArray x1 = Nd4j.randn(DataType.DOUBLE, 1, 5), x2 = Nd4j.randn(DataType.DOUBLE, 1, 5);
        INDArray w = net.getParam("map0_W").transpose().dup(); // the midterm's W, [m, n]
        INDArray b = net.getParam("map0_b").reshape(10, 1).dup();
        INDArray h1 = Transforms.sigmoid(w.mmul(x1.reshape(5, 1)).addi(b));
        INDArray h2 = Transforms.sigmoid(w.mmul(x2.reshape(5, 1)).addi(b));
        INDArray delta1 = h1.sub(h2), delta2 = h2.sub(h1);
        INDArray delta3 = delta1.mul(h1).muli(h1.rsub(1.0));
        INDArray delta4 = delta2.mul(h2).muli(h2.rsub(1.0));
        INDArray dataGradW = delta3.mmul(x1).addi(delta4.mmul(x2));
        INDArray gradW = dataGradW.add(w.mul(LAMBDA));
        INDArray gradB = delta3.add(delta4);
        double j = 0.5 * Math.pow(h1.sub(h2).norm2Number().doubleValue(), 2) + LAMBDA / 2 * Math.pow(w.norm2Number().doubleValue(), 2);

        var batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x1, x2}, new INDArray[] {Nd4j.ones(DataType.DOUBLE, 1, 1)});
        net.setInputs(x1, x2);
        net.setLabels(Nd4j.ones(DataType.DOUBLE, 1, 1));
        net.computeGradientAndScore();
        assertEquals(j, net.score(), 1e-10, "J = 1/2 ||h1 - h2||^2 + lambda/2 ||W||^2");
        INDArray backpropW = net.gradient().getGradientFor("map0_W").transpose();
        INDArray backpropB = net.gradient().getGradientFor("map0_b").reshape(10, 1);
        assertTrue(dataGradW.equalsWithEps(backpropW, 1e-10), "backprop: delta3 x1^T + delta4 x2^T\n" + dataGradW + "\n" + backpropW);
        assertTrue(gradB.equalsWithEps(backpropB, 1e-10), "grad b = delta3 + delta4");
        assertTrue(dataGradW.norm2Number().doubleValue() > 1e-3, "a non-trivial gradient");

        net.fit(batch);
        INDArray stepW = net.getParam("map0_W").transpose(), stepB = net.getParam("map0_b").reshape(10, 1);
        assertTrue(w.sub(gradW.mul(alpha)).equalsWithEps(stepW, 1e-10), "W_{t+1} = W_t - alpha (delta3 x1^T + delta4 x2^T + lambda W_t)");
        assertTrue(b.sub(gradB.mul(alpha)).equalsWithEps(stepB, 1e-10), "b_{t+1} = b_t - alpha (delta3 + delta4)");
    }

    /** DL4J's own numeric check over the contrastive loss with both labels, a deeper tanh map and l2. */
    @Test
    void contrastiveGraphPassesTheGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = SiameseNetwork.build(6, List.of(8, 4), "tanh", 1.5, 0.01, new NoOp(), 7, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(11);
        INDArray x1 = Nd4j.randn(DataType.DOUBLE, 6, 6), x2 = Nd4j.randn(DataType.DOUBLE, 6, 6);
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}, {0}, {1}});
        INDArray d = net.outputSingle(x1, x2);
        for (int i = 0; i < 6; i++) {
            double di = d.getDouble(i, 0);
            assertTrue(di > 0.05 && Math.abs(di - 1.5) > 0.01, "distances away from the kinks (0 and the margin): " + di);
        }
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x1, x2}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)));
    }

    /** Attract-Repel: the four-input graph with its in-batch negatives and the preserve branch, against numeric gradients. */
    @Test
    void attractRepelGraphPassesTheGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        AttractRepelLoss loss = new AttractRepelLoss(0.6, 0.0);
        ComputationGraph net = SiameseNetwork.build(6, List.of(8, 6), "tanh", WeightInit.XAVIER, 1.0, 0.01, 0.5, loss, false, new NoOp(), 7, DataType.DOUBLE);
        assertEquals(SiameseNetwork.build(6, List.of(8, 6), "tanh", WeightInit.XAVIER, 1.0, 0.01, 0, new NoOp(), 7, DataType.DOUBLE).numParams(),
                net.numParams(), "one shared weight set whatever the inputs");
        assertEquals(5, net.getNumInputArrays());
        Nd4j.getRandom().setSeed(11);
        INDArray[] x = new INDArray[5];
        for (int i = 0; i < 5; i++) x[i] = Nd4j.randn(DataType.DOUBLE, 8, 6);
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}, {0}, {1}, {1}, {0}});
        INDArray quad = net.feedForward(x, false).get(SiameseNetwork.QUAD);
        assertArrayEquals(new long[] {8, 24}, quad.shape());
        int active = 0;
        for (int i = 0; i < 8; i++) {
            for (int b = 0; b < 4; b++) assertEquals(1.0, quad.get(NDArrayIndex.point(i), NDArrayIndex.interval(6 * b, 6 * b + 6)).norm2Number().doubleValue(), 1e-12);
            // the hinges away from their kinks, so the numeric gradient is defined
            double[] h = hinges(quad.getRow(i).toDoubleVector(), y.getDouble(i, 0) > 0.5, 0.6, 0.0);
            assertTrue(Math.abs(h[0]) > 1e-3 && Math.abs(h[1]) > 1e-3, java.util.Arrays.toString(h));
            active += (h[0] > 0 ? 1 : 0) + (h[1] > 0 ? 1 : 0);
        }
        assertTrue(active >= 4, "enough active hinges for the check to test the loss's gradient: " + active);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(x).labels(new INDArray[] {y, x[4]})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)));
    }

    /** A residual map starts as the identity and, trained on fixed pairs and negatives, lowers the Attract-Repel cost. */
    @Test
    void residualAttractRepelMapStartsAtTheIdentityAndLearns() {
        AttractRepelLoss loss = new AttractRepelLoss(0.6, 0.0);
        ComputationGraph net = SiameseNetwork.build(16, List.of(32), "swish", WeightInit.XAVIER, 1.0, 0, 0, loss, true,
                new org.nd4j.linalg.learning.config.Adam(0.01), 5, DataType.FLOAT);
        Nd4j.getRandom().setSeed(3);
        INDArray[] x = new INDArray[4];
        for (int i = 0; i < 4; i++) x[i] = SiameseModel.normalizeRows(Nd4j.randn(DataType.FLOAT, 32, 16));
        assertTrue(x[0].equalsWithEps(SiameseModel.normalizeRows(SiameseNetwork.map(net, x[0])), 1e-6), "x + f(x) = x before training");
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 1);
        for (int i = 0; i < 16; i++) y.putScalar(i, 0, 1);
        var data = new org.nd4j.linalg.dataset.MultiDataSet(x, new INDArray[] {y});
        double before = net.score(data);
        for (int step = 0; step < 200; step++) net.fit(data);
        double after = net.score(data);
        assertTrue(before > 0.5 && after < before / 2, "Attract-Repel cost " + before + " -> " + after);
        // map() runs the shared layers alone; the graph's own x + f(x) for the first input must agree
        INDArray graphMapped = net.feedForward(x, false).get(SiameseNetwork.MAPPED).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertTrue(graphMapped.equalsWithEps(SiameseNetwork.map(net, x[0]), 1e-5), "the trained map equals the graph's");
        assertFalse(x[0].equalsWithEps(SiameseModel.normalizeRows(SiameseNetwork.map(net, x[0])), 1e-3), "training moved the map off the identity");
    }

    /** The loss's value from its definition: hinges on x_l.t_l - x_l.x_r (attract) and x_l.x_r - x_l.t_l (repel). */
    @Test
    void attractRepelLossScoresThePaperFormula() {
        AttractRepelLoss loss = new AttractRepelLoss(0.6, 0.1);
        double s = Math.sqrt(0.5);
        // l, r, t_l, t_r in 2-d: l.r = s, l.t_l = 1 (t_l = l), r.t_r = 0
        double[] row = {1, 0, s, s, 1, 0, -s, s};
        INDArray out = Nd4j.createFromArray(new double[][] {row, row});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}});
        var identity = new org.nd4j.linalg.activations.impl.ActivationIdentity();
        double attract = Math.max(0, 0.6 + 1 - s) + Math.max(0, 0.6 + 0 - s);
        double repel = Math.max(0, 0.1 + s - 1) + Math.max(0, 0.1 + s - 0);
        assertArrayEquals(new double[] {attract, repel}, loss.computeScoreArray(y, out, identity, null).toDoubleVector(), 1e-12);
        assertEquals((attract + repel) / 2, loss.computeScore(y, out, identity, null, true), 1e-12);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}});
        assertArrayEquals(new double[] {attract, 0}, loss.computeScoreArray(y, out, identity, mask).toDoubleVector(), 1e-12);
        assertEquals(0, loss.computeGradient(y, out, identity, mask).getRow(1).norm2Number().doubleValue(), 0);
    }

    /** Explicit retrofitting: the residual four-input graph, target cosines per row and a mask, against numeric gradients. */
    @Test
    void explicitRetrofitGraphPassesTheGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = SiameseNetwork.build(6, List.of(8), "tanh", WeightInit.XAVIER, 1.0, 0.0, 0.5, new ExplicitRetrofitLoss(), true,
                new NoOp(), 7, DataType.DOUBLE);
        // A residual map's last layer starts at zero: give it weights so that every parameter's gradient is tested.
        Nd4j.getRandom().setSeed(5);
        net.getParam(SiameseNetwork.mapLayer(1) + "_W").assign(Nd4j.randn(DataType.DOUBLE, 8, 6).muli(0.3));
        Nd4j.getRandom().setSeed(11);
        INDArray[] x = new INDArray[5];
        for (int i = 0; i < 5; i++) x[i] = Nd4j.randn(DataType.DOUBLE, 8, 6);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 8, 3).muli(2).subi(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {0}, {1}, {1}, {1}, {0}, {1}});
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(x).labels(new INDArray[] {y, x[4]}).labelMask(new INDArray[] {mask, null})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)));
    }

    /** Post-specialisation's one-branch map starts at the identity and learns to send inputs to their targets' directions. */
    @Test
    void postSpecialisationMapFitsTheSpecialisedVectors() {
        SiameseConfig c = edu.cs224n.config.Configs.with(SiameseConfig.defaults(), java.util.Map.of("objective", "post-specialisation",
                "layers", List.of(32), "residual", true, "activation", "swish", "learning_rate", 0.01, "vectors", "v.txt"));
        ComputationGraph net = SiameseNetwork.buildRegression(c.validate(), 16);
        Nd4j.getRandom().setSeed(9);
        INDArray x = SiameseModel.normalizeRows(Nd4j.randn(DataType.FLOAT, 64, 16));
        INDArray rotation = Nd4j.randn(DataType.FLOAT, 16, 16).muli(0.3).addi(Nd4j.eye(16).castTo(DataType.FLOAT));
        INDArray target = SiameseModel.normalizeRows(x.mmul(rotation));
        assertTrue(x.equalsWithEps(SiameseNetwork.map(net, x), 1e-6), "x + f(x) = x before training");
        var data = new org.nd4j.linalg.dataset.MultiDataSet(x, target);
        double before = net.score(data);
        for (int step = 0; step < 300; step++) net.fit(data);
        double after = net.score(data);
        // DL4J's cosine proximity is -cos per example: -1 is a perfect fit
        assertTrue(after < before - 0.1 && after < -0.95, "cosine loss " + before + " -> " + after);
        INDArray graphUnit = net.feedForward(new INDArray[] {x}, false).get(SiameseNetwork.UNIT);
        assertTrue(graphUnit.equalsWithEps(SiameseModel.normalizeRows(SiameseNetwork.map(net, x)), 1e-5), "map() reads the same graph");
    }

    /**
     * Post-specialisation's max-margin loss from its definition: -f_i.y_i plus, for the k other targets nearest f_i, the
     * hinge max(0, delta + f_i.y_j - f_i.y_i); k = 1 takes only the nearest, masked rows neither pay nor serve as negatives.
     */
    @Test
    void postSpecialisationLossIsTheCosinePlusHingesOnTheNearestOtherTargets() {
        double s = Math.sqrt(0.5);
        INDArray f = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {s, s}});
        INDArray y = Nd4j.createFromArray(new double[][] {{s, s}, {0, 1}, {1, 0}});
        var identity = new org.nd4j.linalg.activations.impl.ActivationIdentity();
        // row 0: own f.y = s; others f.y_1 = 0, f.y_2 = 1. Row 1: own 1; others s, 0. Row 2: own s; others 1, s.
        double[] two = {-s + (0.6 + 1 - s) + Math.max(0, 0.6 + 0 - s), -1 + (0.6 + s - 1) + 0, -s + (0.6 + 1 - s) + 0.6};
        assertArrayEquals(two, new PostSpecialisationLoss(2, 0.6).computeScoreArray(y, f, identity, null).toDoubleVector(), 1e-12);
        double[] one = {-s + (0.6 + 1 - s), -1 + (0.6 + s - 1), -s + (0.6 + 1 - s)};
        assertArrayEquals(one, new PostSpecialisationLoss(1, 0.6).computeScoreArray(y, f, identity, null).toDoubleVector(), 1e-12);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {0}});
        // row 2 masked: row 0's nearest other target is now y_1 (f.y_1 = 0: the hinge 0.6 - s is below 0), row 1's y_0 (s)
        double[] masked = {-s, -1 + (0.6 + s - 1), 0};
        assertArrayEquals(masked, new PostSpecialisationLoss(1, 0.6).computeScoreArray(y, f, identity, mask).toDoubleVector(), 1e-12);
    }

    /** Post-specialisation's three placements of the trained words; every other word keeps the map's image. */
    @Test
    void trainedWordsTakeTheirSpecialisedVectorsTheImageOrTheImageShiftedByTheirDisplacement() {
        INDArray mapped = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}});
        INDArray inputs = Nd4j.createFromArray(new float[][] {{0.8f, 0.6f}, {1, 0}, {0, 1}});
        INDArray specialised = Nd4j.createFromArray(new float[][] {{0, 1}}); // row 1's: it moved from (1, 0) to (0, 1)
        int[] rows = {1};
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}}),
                SiameseTraining.placeTrainedWords(mapped.dup(), inputs, rows, specialised, "per-word"));
        assertEquals(mapped, SiameseTraining.placeTrainedWords(mapped.dup(), inputs, rows, specialised, "map"));
        // (0, 1) + (0, 1) - (1, 0) = (-1, 2), scaled to unit length
        float r = (float) Math.sqrt(5);
        assertTrue(Nd4j.createFromArray(new float[][] {{1, 0}, {-1 / r, 2 / r}, {0.6f, 0.8f}})
                .equalsWithEps(SiameseTraining.placeTrainedWords(mapped.dup(), inputs, rows, specialised, "shifted"), 1e-6));
        assertThrows(IllegalArgumentException.class, () -> SiameseTraining.placeTrainedWords(mapped.dup(), inputs, rows, specialised, "moved"));
    }

    /** Post-specialisation's map with the max-margin loss, unit outputs and a mask, against numeric gradients; the loss survives JSON. */
    @Test
    void postSpecialisationMaxMarginGraphPassesTheGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = SiameseNetwork.buildRegression(6, List.of(8), "tanh", WeightInit.XAVIER, true, 0.0,
                new PostSpecialisationLoss(3, 0.6), new NoOp(), 7, DataType.DOUBLE);
        assertEquals(net.getConfiguration(), ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson()), "the loss survives the model file's JSON");
        Nd4j.getRandom().setSeed(5);
        net.getParam(SiameseNetwork.mapLayer(1) + "_W").assign(Nd4j.randn(DataType.DOUBLE, 8, 6).muli(0.3));
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 6);
        INDArray y = SiameseModel.normalizeRows(Nd4j.randn(DataType.DOUBLE, 8, 6));
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {0}, {1}, {1}, {1}, {1}, {1}});
        // The hinges away from their kinks, and some of them active, so the check tests their gradient.
        INDArray f = net.feedForward(new INDArray[] {x}, false).get(SiameseNetwork.UNIT);
        INDArray c = f.mmul(y.transpose());
        int active = 0;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                if (i == j || j == 2) continue;
                double h = 0.6 + c.getDouble(i, j) - c.getDouble(i, i);
                assertTrue(Math.abs(h) > 1e-3, "hinge " + i + "," + j + " at its kink: " + h);
                if (h > 0) active++;
            }
        }
        assertTrue(active >= 8, "active hinges: " + active);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y}).labelMask(new INDArray[] {mask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)));
    }

    /** The loss from its definition: squared errors of cos(l, r), cos(l, t_l), cos(r, t_r) against the label row. */
    @Test
    void explicitRetrofitLossIsTheSquaredErrorOfThreeCosines() {
        ExplicitRetrofitLoss loss = new ExplicitRetrofitLoss();
        double s = Math.sqrt(0.5);
        // l, r, t_l, t_r in 2-d: l.r = s, l.t_l = 1 (t_l = l), r.t_r = 0
        double[] row = {1, 0, s, s, 1, 0, -s, s};
        INDArray out = Nd4j.createFromArray(new double[][] {row, row});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0.5, 0.2}, {-1, 1, 0}});
        var identity = new org.nd4j.linalg.activations.impl.ActivationIdentity();
        double synonym = Math.pow(s - 1, 2) + Math.pow(1 - 0.5, 2) + Math.pow(0 - 0.2, 2);
        double antonym = Math.pow(s + 1, 2);
        assertArrayEquals(new double[] {synonym, antonym}, loss.computeScoreArray(y, out, identity, null).toDoubleVector(), 1e-12);
        assertEquals((synonym + antonym) / 2, loss.computeScore(y, out, identity, null, true), 1e-12);
        // d/dl of (l.r - g)^2 is 2 (l.r - g) r, and l also meets t_l: 2 (l.t_l - g_l) t_l
        INDArray grad = loss.computeGradient(y, out, identity, null);
        assertEquals(2 * (s - 1) * s + 2 * (1 - 0.5) * 1, grad.getDouble(0, 0), 1e-12);
        assertEquals(2 * (s - 1) * s + 0, grad.getDouble(0, 1), 1e-12);
    }

    private static double[] hinges(double[] v, boolean attract, double da, double dr) {
        int d = v.length / 4;
        double a = 0, bl = 0, br = 0;
        for (int k = 0; k < d; k++) {
            a += v[k] * v[d + k];
            bl += v[k] * v[2 * d + k];
            br += v[d + k] * v[3 * d + k];
        }
        return attract ? new double[] {da + bl - a, da + br - a} : new double[] {dr + a - bl, dr + a - br};
    }

    @Test
    void contrastiveLossPullsSimilarAndPushesDissimilarPairsInsideTheMargin() {
        ContrastiveLoss loss = new ContrastiveLoss(1.0);
        INDArray d = Nd4j.createFromArray(new double[][] {{0.4}, {0.4}, {1.6}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {0}});
        var identity = new org.nd4j.linalg.activations.impl.ActivationIdentity();
        INDArray per = loss.computeScoreArray(y, d, identity, null);
        assertArrayEquals(new double[] {0.5 * 0.16, 0.5 * 0.36, 0}, per.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.4, -0.6, 0}, loss.computeGradient(y, d, identity, null).toDoubleVector(), 1e-12);
        assertEquals((0.08 + 0.18) / 3, loss.computeScore(y, d, identity, null, true), 1e-12);
    }

    @Test
    void mapGivesEveryRowThroughTheSharedLayerAndTheConfigSurvivesJson() {
        ComputationGraph net = seedModel();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5000, 5); // more rows than one block
        INDArray expected = Transforms.sigmoid(x.mmul(net.getParam("map0_W")).addiRowVector(net.getParam("map0_b")));
        assertTrue(expected.equalsWithEps(SiameseNetwork.map(net, x), 1e-12));
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    /**
     * preserve: the anchor branch goes through the same weights (no new parameters), its loss is mu * ||h3 - anchor||^2
     * with DL4J's gradients matching numeric ones, and a map trained on anchors alone moves toward the identity.
     */
    @Test
    void preserveBranchSharesTheWeightsAndPullsTheMapTowardTheIdentity() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph plain = SiameseNetwork.build(6, List.of(8, 6), "tanh", WeightInit.XAVIER, 1.5, 0.01, 0, new NoOp(), 7, DataType.DOUBLE);
        ComputationGraph net = SiameseNetwork.build(6, List.of(8, 6), "tanh", WeightInit.XAVIER, 1.5, 0.01, 2.0, new NoOp(), 7, DataType.DOUBLE);
        assertEquals(plain.numParams(), net.numParams());
        assertEquals(3, net.getNumInputArrays());
        Nd4j.getRandom().setSeed(11);
        INDArray x1 = Nd4j.randn(DataType.DOUBLE, 6, 6), x2 = Nd4j.randn(DataType.DOUBLE, 6, 6), a = Nd4j.rand(DataType.DOUBLE, 6, 6).subi(0.5);
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}, {0}, {1}});
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x1, x2, a}).labels(new INDArray[] {y, a})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)));
        // The score adds mu * sum_k (h3 - a)_k^2 averaged over the batch (plus the l2 term, the same in both graphs).
        net.setParams(plain.params());
        INDArray h3 = SiameseNetwork.map(net, a);
        plain.setInputs(x1, x2);
        plain.setLabels(y);
        plain.computeGradientAndScore();
        net.setInputs(x1, x2, a);
        net.setLabels(y, a);
        net.computeGradientAndScore();
        assertEquals(plain.score() + 2.0 * h3.sub(a).norm2Number().doubleValue() * h3.sub(a).norm2Number().doubleValue() / 6, net.score(), 1e-9);

        ComputationGraph linear = SiameseNetwork.build(6, List.of(6), "identity", WeightInit.XAVIER, 1.5, 0, 1.0,
                new org.nd4j.linalg.learning.config.Adam(0.05), 3, DataType.DOUBLE);
        INDArray probe = Nd4j.randn(DataType.DOUBLE, 50, 6);
        double before = SiameseNetwork.map(linear, probe).sub(probe).norm2Number().doubleValue();
        INDArray same = Nd4j.createFromArray(new double[][] {{1}, {1}, {1}, {1}, {1}, {1}});
        for (int step = 0; step < 300; step++) {
            INDArray anchors = Nd4j.randn(DataType.DOUBLE, 6, 6);
            linear.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x1, x1, anchors}, new INDArray[] {same, anchors}));
        }
        double after = SiameseNetwork.map(linear, probe).sub(probe).norm2Number().doubleValue();
        assertTrue(after < 0.05 * before, "||h(x) - x|| on unseen rows: " + before + " -> " + after);
    }
}
