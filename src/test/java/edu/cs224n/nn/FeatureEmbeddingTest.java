package edu.cs224n.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fused embedding lookup and the three-gemm ReLU dense layer: lookups, gradients, errors, JSON. */
class FeatureEmbeddingTest {
    static final int[] SIZES = {7, 5};
    static final int[] WIDTHS = {3, 2};
    static final int[] DIMS = {4, 3};

    @AfterEach
    void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static ComputationGraph net(DataType type, boolean reluDense) {
        FeatureEmbedding.Builder emb = new FeatureEmbedding.Builder();
        for (int g = 0; g < SIZES.length; g++) emb.group(SIZES[g], WIDTHS[g], DIMS[g]);
        FeatureEmbedding e = emb.build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(12345).updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM)
                .graphBuilder()
                .addInputs("ids")
                .addLayer("emb", e, "ids")
                .addLayer("hidden", reluDense ? new ReluDense.Builder().nIn(e.getNOut()).nOut(8).build()
                        : new DenseLayer.Builder().nIn(e.getNOut()).nOut(8).activation(Activation.RELU).build(), "emb")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(8).nOut(4).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Ids with repeats inside rows and across rows, so the scatter-add has to accumulate. */
    static INDArray ids(DataType type, int rows, long seed) {
        Random rng = new Random(seed);
        int width = WIDTHS[0] + WIDTHS[1];
        double[] v = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) v[r * width + c] = rng.nextInt(c < WIDTHS[0] ? SIZES[0] : SIZES[1]);
        }
        return Nd4j.create(v, new long[] {rows, width}, 'c').castTo(type);
    }

    static INDArray labels(DataType type, int rows) {
        INDArray y = Nd4j.zeros(type, rows, 4);
        for (int r = 0; r < rows; r++) y.putScalar(r, r % 4, 1.0);
        return y;
    }

    @Test
    void lookupConcatenatesTheRowsOfEachGroupsTable() {
        ComputationGraph net = net(DataType.FLOAT, true);
        INDArray ids = ids(DataType.FLOAT, 6, 1);
        INDArray out = net.feedForward(new INDArray[] {ids}, false).get("emb");
        assertArrayEquals(new long[] {6, 3 * 4 + 2 * 3}, out.shape());
        for (int r = 0; r < 6; r++) {
            int col = 0;
            int outCol = 0;
            for (int g = 0; g < 2; g++) {
                INDArray table = net.getLayer("emb").getParam(FeatureEmbedding.table(g));
                assertArrayEquals(new long[] {SIZES[g], DIMS[g]}, table.shape());
                for (int p = 0; p < WIDTHS[g]; p++) {
                    int id = ids.getInt(r, col + p);
                    for (int k = 0; k < DIMS[g]; k++) {
                        assertEquals(table.getFloat(id, k), out.getFloat(r, outCol + p * DIMS[g] + k), 0f, "row " + r + " group " + g + " position " + p);
                    }
                }
                col += WIDTHS[g];
                outCol += WIDTHS[g] * DIMS[g];
            }
        }
        assertEquals(7 * 4 + 5 * 3, net.getLayer("emb").numParams());
    }

    @Test
    void gradientCheckInDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = net(DataType.DOUBLE, true);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {ids(DataType.DOUBLE, 6, 2)}).labels(new INDArray[] {labels(DataType.DOUBLE, 6)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10));
        assertTrue(ok, "analytic gradients of the embedding tables and the ReLU dense layer equal numeric ones");
    }

    @Test
    void reluDenseComputesWhatDl4jsDenseLayerComputes() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph fast = net(DataType.DOUBLE, true);
        ComputationGraph plain = net(DataType.DOUBLE, false);
        for (String layer : new String[] {"emb", "hidden", "out"}) {
            for (var e : plain.getLayer(layer).paramTable().entrySet()) fast.getLayer(layer).getParam(e.getKey()).assign(e.getValue());
        }
        INDArray x = ids(DataType.DOUBLE, 9, 3);
        INDArray y = labels(DataType.DOUBLE, 9);
        fast.setInputs(x);
        fast.setLabels(y);
        plain.setInputs(x);
        plain.setLabels(y);
        fast.computeGradientAndScore();
        plain.computeGradientAndScore();
        assertEquals(plain.score(), fast.score(), 1e-12);
        for (var e : plain.gradient().gradientForVariable().entrySet()) {
            INDArray g = fast.gradient().gradientForVariable().get(e.getKey());
            assertTrue(e.getValue().equalsWithEps(g, 1e-12), "gradient " + e.getKey());
        }
    }

    @Test
    void anIdOutsideItsTableIsAClearError() {
        ComputationGraph net = net(DataType.FLOAT, true);
        INDArray ids = ids(DataType.FLOAT, 2, 4);
        ids.putScalar(1, 3, 5); // column 3 is group 1, whose table has 5 rows (0..4)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.output(ids));
        assertTrue(e.getMessage().contains("id 5 in row 1, column 3 is outside group 1's table of 5 entries"), e.getMessage());
    }

    @Test
    void configSurvivesJson() {
        ComputationGraphConfiguration conf = net(DataType.FLOAT, true).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        FeatureEmbedding e = (FeatureEmbedding) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("emb")).getLayerConf().getLayer();
        assertArrayEquals(SIZES, e.getSizes());
        assertArrayEquals(DIMS, e.getDims());
        ComputationGraph again = new ComputationGraph(back);
        again.init();
        assertEquals(net(DataType.FLOAT, true).numParams(), again.numParams());
    }
}
