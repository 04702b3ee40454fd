package edu.cs224n.nn;

import edu.cs224n.testing.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** The biaffine arc scorer and label classifier: gradients against numeric ones (with padding masks), and the scores' definition. */
@ExtendWith(DoublePrecision.class)
class BiaffineTest {
    static final int F = 3, ARC = 3, LABEL = 2, LABELS = 4, MB = 2, T = 5;
    static final int WIDTH = 2 * ARC + 2 * LABEL;

    /** x -> LSTM (the reps) -> merged with the heads -> arc scorer and label classifier -> softmax cross-entropies. */
    static ComputationGraph net() {
        return net(LossFunctions.LossFunction.SPARSE_MCXENT);
    }

    static ComputationGraph net(LossFunctions.LossFunction loss) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x", "heads")
                .addLayer("reps", new LSTM.Builder().nIn(F).nOut(WIDTH).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build(), "x")
                .addVertex("merged", new MergeVertex(), "reps", "heads")
                .addLayer("arc", new BiaffineArc.Builder().dim(ARC).nIn(WIDTH + 1).build(), "merged")
                .addLayer("label", new BiaffineLabel.Builder().dim(LABEL).offset(2 * ARC).nIn(WIDTH + 1).nOut(LABELS).build(), "merged")
                .addLayer("arcs", new RnnLossLayer.Builder(loss).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).build(), "arc")
                .addLayer("labels", new RnnLossLayer.Builder(loss).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).build(), "label")
                .setOutputs("arcs", "labels")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(7);
        for (String layer : new String[] {"arc", "label"}) {
            for (INDArray p : net.getLayer(layer).paramTable().values()) p.assign(Nd4j.rand(DataType.DOUBLE, p.shape()).subi(0.5));
        }
        return net;
    }

    /** Sentence 0 has 4 words (T = 5 with ROOT), sentence 1 has 2 (positions 3, 4 padded: head -1). */
    static final int[][] HEADS = {{0, 2, 0, 2, 3}, {0, 0, 1, -1, -1}};
    static final int[][] LABEL_IDS = {{0, 1, 3, 2, 0}, {0, 2, 1, 0, 0}};

    static INDArray heads() {
        INDArray h = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
        for (int b = 0; b < MB; b++) for (int t = 0; t < T; t++) h.putScalar(new long[] {b, 0, t}, HEADS[b][t]);
        return h;
    }

    /** Head targets: the gold head where it is one (padded steps read 0, and are masked). */
    static INDArray targets(int[][] ids) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
        for (int b = 0; b < MB; b++) for (int t = 0; t < T; t++) y.putScalar(new long[] {b, 0, t}, Math.max(0, ids[b][t]));
        return y;
    }

    /** 1 for the words (ROOT, at 0, is no dependent; padding is none). */
    static INDArray lossMask() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, MB, T);
        for (int b = 0; b < MB; b++) for (int t = 1; t < T; t++) if (HEADS[b][t] >= 0) m.putScalar(b, t, 1);
        return m;
    }

    static INDArray inputMask() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, MB, T);
        for (int b = 0; b < MB; b++) for (int t = 0; t < T; t++) if (HEADS[b][t] >= 0) m.putScalar(b, t, 1);
        return m;
    }

    @Test
    void gradientsEqualNumericOnesWithPadding() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, F, T).subi(0.5);
        INDArray[] masks = {inputMask(), inputMask()};
        GradientCheckUtil.GraphConfig c = new GradientCheckUtil.GraphConfig().net(net())
                .inputs(new INDArray[] {x, heads()}).labels(new INDArray[] {targets(HEADS), targets(LABEL_IDS)})
                .inputMask(masks).labelMask(new INDArray[] {lossMask(), lossMask()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8); // central differences of a score ~8 carry ~1e-9 of round-off
        assertTrue(GradientCheckUtil.checkGradients(c), "biaffine gradients equal numeric ones, padding masked");
    }

    @Test
    void scoresAreTheBiaffineFormAndPaddedHeadsGetNothing() {
        ComputationGraph net = net();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, MB, F, T).subi(0.5);
        net.setLayerMaskArrays(new INDArray[] {inputMask(), inputMask()}, null);
        var acts = net.feedForward(new INDArray[] {x, heads()}, false, false);
        INDArray reps = acts.get("reps"), arc = acts.get("arc"), label = acts.get("label");
        INDArray uArc = net.getLayer("arc").getParam("U"), uBias = net.getLayer("arc").getParam("u");
        INDArray uLab = net.getLayer("label").getParam("U"), w = net.getLayer("label").getParam("W"), bLab = net.getLayer("label").getParam("b");
        // The parsing path's labels: the best of the layer's scores given each position's head (among all outputs, and
        // among the first LABELS - 1), and none where there is no head.
        INDArray merged = Nd4j.concat(1, reps, heads());
        INDArray rows = reps.permute(0, 2, 1).dup('c').reshape('c', MB * T, WIDTH);
        int[] headRow = new int[MB * T];
        for (int b = 0; b < MB; b++) for (int j = 0; j < T; j++) headRow[b * T + j] = HEADS[b][j] < 0 ? -1 : b * T + HEADS[b][j];
        BiaffineLabel labelConf = (BiaffineLabel) net.getLayer("label").conf().getLayer();
        for (int among : new int[] {LABELS, LABELS - 1}) {
            for (int heads : new int[] {1, 2, BiaffineLabelLayer.LABEL_HEADS_AT_ONCE}) { // A made a block of heads at a time
                int[] best = BiaffineLabelLayer.bestLabels(rows, headRow, labelConf, uLab, w, bLab, among, heads);
                for (int b = 0; b < MB; b++) {
                    for (int j = 0; j < T; j++) {
                        int expected = HEADS[b][j] < 0 ? -1
                                : label.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, among), NDArrayIndex.point(j)).argMax().getInt(0);
                        assertEquals(expected, best[b * T + j], "best of " + among + " labels at (" + b + ", " + j + "), " + heads + " heads at once");
                    }
                }
            }
        }
        assertTrue(BiaffineArcLayer.scores(merged, uArc, uBias).equalsWithEps(arc, 1e-10), "arc scores outside the graph");
        for (int b = 0; b < MB; b++) {
            for (int i = 0; i < T; i++) {
                INDArray h = reps.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, ARC), NDArrayIndex.point(i));
                for (int j = 0; j < T; j++) {
                    INDArray d = reps.get(NDArrayIndex.point(b), NDArrayIndex.interval(ARC, 2 * ARC), NDArrayIndex.point(j));
                    double expected = HEADS[b][i] < 0 ? BiaffineArc.PADDED + h.mul(uArc.mmul(d.reshape(ARC, 1)).addi(uBias).reshape(ARC)).sumNumber().doubleValue()
                            : h.mul(uArc.mmul(d.reshape(ARC, 1)).addi(uBias).reshape(ARC)).sumNumber().doubleValue();
                    assertEquals(expected, arc.getDouble(b, i, j), 1e-9, "s(" + i + ", " + j + ") of sentence " + b);
                }
            }
            for (int j = 0; j < T; j++) {
                if (HEADS[b][j] < 0) continue;
                INDArray r = reps.get(NDArrayIndex.point(b), NDArrayIndex.interval(2 * ARC, 2 * ARC + LABEL), NDArrayIndex.point(HEADS[b][j]));
                INDArray q = reps.get(NDArrayIndex.point(b), NDArrayIndex.interval(2 * ARC + LABEL, WIDTH), NDArrayIndex.point(j));
                for (int l = 0; l < LABELS; l++) {
                    INDArray ul = uLab.get(NDArrayIndex.all(), NDArrayIndex.interval(l * LABEL, (l + 1) * LABEL));
                    double bil = r.reshape(1, LABEL).mmul(ul).mmul(q.reshape(LABEL, 1)).getDouble(0);
                    double lin = Nd4j.concat(0, r, q).reshape(1, 2 * LABEL).mmul(w.getColumn(l).reshape(2 * LABEL, 1)).getDouble(0);
                    assertEquals(bil + lin + bLab.getDouble(0, l), label.getDouble(b, l, j), 1e-9, "label " + l + " of word " + j + " in sentence " + b);
                }
            }
        }
    }
}
