package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The computation of {@link FeatureEmbedding}. Forward: one contiguous row copy per (example, feature) from
 * the table straight into its slot of the output. Backward: dL/dE[id] += dL/dout[slot] for every slot, summed
 * in heap arrays and written once into the gradient views. Float and double (for gradient checks) paths do
 * the same thing; scratch arrays are kept between steps, so a training step allocates no large arrays here.
 */
public class FeatureEmbeddingLayer extends BaseLayer<FeatureEmbedding> {
    private int[] ids = new int[0];
    private float[] floatScratch = new float[0];
    private double[] doubleScratch = new double[0];
    private float[][] floatGrads;
    private double[][] doubleGrads;

    public FeatureEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        FeatureEmbedding c = layerConf();
        int mb = readIds();
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, c.getNOut()}, 'c');
        int width = (int) c.getNIn();
        int outWidth = (int) c.getNOut();
        boolean isFloat = dataType == DataType.FLOAT;
        FloatBuffer of = isFloat ? floats(out) : null;
        DoubleBuffer od = isFloat ? null : doubles(out);
        int col = 0;
        int outCol = 0;
        for (int g = 0; g < c.groups(); g++) {
            INDArray table = getParam(FeatureEmbedding.table(g));
            FloatBuffer tf = isFloat ? floats(table) : null;
            DoubleBuffer td = isFloat ? null : doubles(table);
            int w = c.width(g);
            int d = c.dim(g);
            for (int r = 0; r < mb; r++) {
                int src = r * width + col;
                int dst = r * outWidth + outCol;
                for (int p = 0; p < w; p++) {
                    int id = ids[src + p];
                    if (isFloat) of.put(dst + p * d, tf, id * d, d);
                    else od.put(dst + p * d, td, id * d, d);
                }
            }
            col += w;
            outCol += w * d;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        FeatureEmbedding c = layerConf();
        int mb = (int) epsilon.size(0);
        int width = (int) c.getNIn();
        int outWidth = (int) c.getNOut();
        boolean isFloat = epsilon.dataType() == DataType.FLOAT;
        int groups = c.groups();
        int[] cols = new int[groups];
        int[] outCols = new int[groups];
        for (int g = 1; g < groups; g++) {
            cols[g] = cols[g - 1] + c.width(g - 1);
            outCols[g] = outCols[g - 1] + c.width(g - 1) * c.dim(g - 1);
        }
        // One row of dL/dout at a time is copied to a small heap array (it stays in cache) and scatter-added
        // into heap accumulators, one per table, which are written to the gradient views at the end.
        if (isFloat) {
            if (floatScratch.length < outWidth) floatScratch = new float[outWidth];
            if (floatGrads == null) floatGrads = new float[groups][];
            for (int g = 0; g < groups; g++) {
                int len = c.size(g) * c.dim(g);
                if (floatGrads[g] == null || floatGrads[g].length != len) floatGrads[g] = new float[len];
                else Arrays.fill(floatGrads[g], 0f);
            }
            FloatBuffer eps = floats(contiguous(epsilon));
            float[] e = floatScratch;
            for (int r = 0; r < mb; r++) {
                eps.get(r * outWidth, e, 0, outWidth);
                for (int g = 0; g < groups; g++) {
                    float[] acc = floatGrads[g];
                    int d = c.dim(g);
                    int idBase = r * width + cols[g];
                    for (int p = 0, src = outCols[g]; p < c.width(g); p++, src += d) {
                        int row = ids[idBase + p] * d;
                        for (int k = 0; k < d; k++) acc[row + k] += e[src + k];
                    }
                }
            }
        } else {
            if (doubleScratch.length < outWidth) doubleScratch = new double[outWidth];
            if (doubleGrads == null) doubleGrads = new double[groups][];
            for (int g = 0; g < groups; g++) {
                int len = c.size(g) * c.dim(g);
                if (doubleGrads[g] == null || doubleGrads[g].length != len) doubleGrads[g] = new double[len];
                else Arrays.fill(doubleGrads[g], 0d);
            }
            DoubleBuffer eps = doubles(contiguous(epsilon.castTo(DataType.DOUBLE)));
            double[] e = doubleScratch;
            for (int r = 0; r < mb; r++) {
                eps.get(r * outWidth, e, 0, outWidth);
                for (int g = 0; g < groups; g++) {
                    double[] acc = doubleGrads[g];
                    int d = c.dim(g);
                    int idBase = r * width + cols[g];
                    for (int p = 0, src = outCols[g]; p < c.width(g); p++, src += d) {
                        int row = ids[idBase + p] * d;
                        for (int k = 0; k < d; k++) acc[row + k] += e[src + k];
                    }
                }
            }
        }
        Gradient ret = new DefaultGradient();
        for (int g = 0; g < groups; g++) {
            String key = FeatureEmbedding.table(g);
            INDArray view = gradientViews.get(key);
            if (isFloat) floats(view).put(0, floatGrads[g], 0, floatGrads[g].length);
            else doubles(view).put(0, doubleGrads[g], 0, doubleGrads[g].length);
            ret.gradientForVariable().put(key, view);
        }
        return new Pair<>(ret, null); // ids have no gradient
    }

    /** Reads the input ids into {@link #ids}, checking each against its table; returns the minibatch size. */
    private int readIds() {
        FeatureEmbedding c = layerConf();
        int width = (int) c.getNIn();
        if (input.rank() != 2 || input.size(1) != width) {
            throw new IllegalArgumentException(layerId() + ": expected ids of shape [minibatch, " + width + "], got " + Arrays.toString(input.shape()));
        }
        int mb = (int) input.size(0);
        int n = mb * width;
        if (ids.length < n) ids = new int[n];
        if (input.dataType() == DataType.FLOAT) {
            if (floatScratch.length < n) floatScratch = new float[n];
            floats(contiguous(input)).get(0, floatScratch, 0, n);
            for (int i = 0; i < n; i++) ids[i] = (int) floatScratch[i];
        } else {
            double[] v = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int i = 0; i < n; i++) ids[i] = (int) v[i];
        }
        for (int r = 0; r < mb; r++) {
            int col = 0;
            for (int g = 0; g < c.groups(); g++) {
                for (int p = 0; p < c.width(g); p++) {
                    int id = ids[r * width + col + p];
                    if (id < 0 || id >= c.size(g)) {
                        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                                "%s: id %d in row %d, column %d is outside group %d's table of %d entries", layerId(), id, r, col + p, g, c.size(g)));
                    }
                }
                col += c.width(g);
            }
        }
        return mb;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /** A float view of a c-contiguous array whose index 0 is the array's first element. */
    static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat().position((int) a.offset()).slice();
    }

    static DoubleBuffer doubles(INDArray a) {
        return a.data().asNioDouble().position((int) a.offset()).slice();
    }
}
