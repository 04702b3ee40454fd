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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link CharCnn}. Every window of {@code width} characters of every word becomes one row of X
 * (its characters' embeddings side by side; characters past the word's end read as zeros), H = X W + b in one gemm, and
 * each word's output is tanh of the column-wise max of its windows' rows. Backward: the gradient reaches only each
 * filter's maximal window, dH there = g (1 - out^2); dW = X^T dH, db = column sums, dX = dH W^T, scattered back into
 * the characters' embedding rows. The forward products are recomputed in backprop from the kept input.
 */
public class CharCnnLayer extends BaseLayer<CharCnn> {

    public CharCnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    /** The windows of a batch: their matrix X, H = X W + b, and per word its first window and window count. */
    private record Windows(int words, int[][] ids, int[] first, int[] count, double[] x, INDArray xArray, INDArray h) {}

    private Windows windows() {
        CharCnn c = layerConf();
        INDArray w = getParam(CharCnnParams.WEIGHTS);
        int mb = (int) input.size(0), chars = (int) input.size(1), t = (int) input.size(2), words = mb * t;
        if (chars != c.getNIn()) throw new IllegalArgumentException(layerId() + ": expected " + c.getNIn() + " characters per word, got " + chars);
        double[] raw = input.castTo(DataType.DOUBLE).permute(0, 2, 1).dup('c').data().asDouble(); // [mb, T, chars]
        int[][] ids = new int[words][];
        int[] first = new int[words], count = new int[words];
        int k = c.getWidth(), dim = c.getCharDim(), rows = 0;
        for (int i = 0; i < words; i++) {
            int len = 0;
            while (len < chars && raw[i * chars + len] > 0) len++;
            ids[i] = new int[len];
            for (int p = 0; p < len; p++) {
                int id = (int) raw[i * chars + p];
                if (id >= c.getChars()) throw new IllegalArgumentException(layerId() + ": character id " + id + " outside the table of " + c.getChars());
                ids[i][p] = id;
            }
            first[i] = rows;
            count[i] = len == 0 ? 0 : Math.max(1, len - k + 1);
            rows += count[i];
        }
        double[] e = getParam(CharCnnParams.EMBEDDING).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] x = new double[rows * k * dim];
        for (int i = 0; i < words; i++) {
            for (int j = 0; j < count[i]; j++) {
                int row = first[i] + j;
                for (int p = 0; p < k && j + p < ids[i].length; p++) {
                    System.arraycopy(e, ids[i][j + p] * dim, x, (row * k + p) * dim, dim);
                }
            }
        }
        INDArray xArray = Nd4j.create(x, new long[] {Math.max(rows, 1), (long) k * dim}, 'c').castTo(w.dataType());
        INDArray h = xArray.mmul(w).addiRowVector(getParam(CharCnnParams.BIAS));
        return new Windows(words, ids, first, count, x, xArray, h);
    }

    /** Per word and filter, the row of its maximal window (-1 for a word without characters), and the output tanh(max). */
    private static double[] pool(Windows win, int filters, int[] argmax) {
        double[] h = win.h().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[win.words() * filters];
        for (int i = 0; i < win.words(); i++) {
            for (int f = 0; f < filters; f++) {
                int best = -1;
                for (int j = 0; j < win.count()[i]; j++) {
                    int row = win.first()[i] + j;
                    if (best < 0 || h[row * filters + f] > h[best * filters + f]) best = row;
                }
                argmax[i * filters + f] = best;
                out[i * filters + f] = best < 0 ? 0 : Math.tanh(h[best * filters + f]);
            }
        }
        return out;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        int filters = (int) layerConf().getNOut();
        Windows win = windows();
        double[] out = pool(win, filters, new int[win.words() * filters]);
        long mb = input.size(0), t = input.size(2);
        INDArray y = Nd4j.create(out, new long[] {mb, t, filters}, 'c').permute(0, 2, 1).castTo(getParam(CharCnnParams.WEIGHTS).dataType());
        return mgr.dup(ArrayType.ACTIVATIONS, y, 'c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        CharCnn c = layerConf();
        int filters = (int) c.getNOut(), k = c.getWidth(), dim = c.getCharDim();
        Windows win = windows();
        int[] argmax = new int[win.words() * filters];
        double[] out = pool(win, filters, argmax);
        double[] g = epsilon.castTo(DataType.DOUBLE).permute(0, 2, 1).dup('c').data().asDouble(); // [words, filters]
        int rows = (int) win.xArray().size(0);
        double[] dh = new double[rows * filters];
        for (int i = 0; i < win.words(); i++) {
            for (int f = 0; f < filters; f++) {
                int row = argmax[i * filters + f];
                if (row >= 0) dh[row * filters + f] += g[i * filters + f] * (1 - out[i * filters + f] * out[i * filters + f]);
            }
        }
        INDArray w = getParam(CharCnnParams.WEIGHTS);
        INDArray dH = Nd4j.create(dh, new long[] {rows, filters}, 'c').castTo(w.dataType());
        Gradient ret = new DefaultGradient();
        INDArray dW = gradientViews.get(CharCnnParams.WEIGHTS);
        Nd4j.gemm(win.xArray(), dH, dW, true, false, 1.0, 0.0);
        INDArray db = gradientViews.get(CharCnnParams.BIAS);
        db.assign(dH.sum(0).reshape(1, filters));
        double[] dx = Nd4j.gemm(dH, w, false, true).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] de = new double[c.getChars() * dim];
        for (int i = 0; i < win.words(); i++) {
            for (int j = 0; j < win.count()[i]; j++) {
                int row = win.first()[i] + j;
                for (int p = 0; p < k && j + p < win.ids()[i].length; p++) {
                    int at = win.ids()[i][j + p] * dim, from = (row * k + p) * dim;
                    for (int q = 0; q < dim; q++) de[at + q] += dx[from + q];
                }
            }
        }
        INDArray dE = gradientViews.get(CharCnnParams.EMBEDDING);
        dE.assign(Nd4j.create(de, dE.shape(), 'c'));
        ret.gradientForVariable().put(CharCnnParams.EMBEDDING, dE);
        ret.gradientForVariable().put(CharCnnParams.WEIGHTS, dW);
        ret.gradientForVariable().put(CharCnnParams.BIAS, db);
        return new Pair<>(ret, null); // character ids have no gradient
    }
}
