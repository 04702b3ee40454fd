package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

import static edu.cs224n.nn.ClassFactoredSoftmaxParams.CLASS_BIAS;
import static edu.cs224n.nn.ClassFactoredSoftmaxParams.CLASS_WEIGHTS;
import static edu.cs224n.nn.ClassFactoredSoftmaxParams.WORD_BIAS;
import static edu.cs224n.nn.ClassFactoredSoftmaxParams.WORD_WEIGHTS;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The computation of {@link ClassFactoredSoftmax}. The input's rows (one per example and step) are sorted by the
 * class of their target word, so each class is one contiguous block of rows and one block of word rows of W:
 * per class one gemm forward ([n_c, nIn] x [nIn, |c|]) and two backward. With p the class distribution and q the
 * within-class one, the loss per token is -log p(c) - log q(w), and dL/dlogits is p - onehot(c) and q - onehot(w).
 */
public class ClassFactoredSoftmaxLayer extends WordOutputLayer<ClassFactoredSoftmax> {
    public ClassFactoredSoftmaxLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The forward pass and, with {@code dRows} non-null, the gradient (of the summed loss; DL4J's updater divides
     * by the minibatch): returns per-row losses. Products are gemms; the softmaxes, losses and dL/dlogits are
     * plain loops over the (small) class blocks, which costs less than a handful of ND4J ops per class.
     */
    @Override
    protected double[] lossAndGradient(INDArray x, int[] target, double[] mask, INDArray dRows) {
        ClassFactoredSoftmax conf = layerConf();
        int[] starts = conf.getClassStarts();
        int n = target.length;
        int k = conf.classes();
        DataType dt = x.dataType();
        int[] cls = new int[n];
        int[] first = new int[k + 1];
        for (int i = 0; i < n; i++) { // ids were checked against the vocabulary where they came in (WordOutputLayer)
            cls[i] = classOf(starts, target[i]);
            first[cls[i] + 1]++;
        }
        for (int c = 0; c < k; c++) first[c + 1] += first[c]; // first[c] = the first sorted row of class c
        int[] order = new int[n];
        int[] fill = first.clone();
        for (int i = 0; i < n; i++) order[fill[cls[i]]++] = i;
        INDArray xs = Nd4j.pullRows(x, 1, order);                 // [n, nIn], rows sorted by class
        double[] loss = new double[n];

        // P(class | h) for every row
        INDArray classLogits = Nd4j.createUninitialized(dt, new long[] {n, k}, 'c');
        Gemm.gemm(xs, getParam(CLASS_WEIGHTS), classLogits, false, false, 1.0, 0.0);
        double[] g = softmaxRows(HostMatrix.rowMajorValues(classLogits), n, k, getParam(CLASS_BIAS).toDoubleVector());
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (mask[i] == 0) continue;
            loss[i] -= Math.log(Math.max(g[r * k + cls[i]], Double.MIN_NORMAL));
        }
        INDArray dxs = dRows == null ? null : Nd4j.zeros(dt, n, x.size(1));
        if (dRows != null) {
            for (int r = 0; r < n; r++) {
                int i = order[r];
                g[r * k + cls[i]] -= 1;
                for (int j = 0; j < k; j++) g[r * k + j] *= mask[i];
            }
            INDArray d = HostMatrix.rowMajor(g, n, k, dt);
            Gemm.gemm(xs, d, gradientViews.get(CLASS_WEIGHTS), true, false, 1.0, 1.0);
            gradientViews.get(CLASS_BIAS).addi(d.sum(true, 0));
            Gemm.gemm(d, getParam(CLASS_WEIGHTS), dxs, false, true, 1.0, 1.0);
        }

        // P(w | class, h), one block of rows and one block of words per class
        INDArray w = getParam(WORD_WEIGHTS);
        double[] bias = getParam(WORD_BIAS).toDoubleVector();
        double[] biasGrad = dRows == null ? null : new double[bias.length];
        for (int c = 0; c < k; c++) {
            int from = first[c], to = first[c + 1], rows = to - from, size = starts[c + 1] - starts[c];
            if (rows == 0) continue;
            INDArray xc = xs.get(interval(from, to), all());
            INDArray wc = rowBlock(w, starts[c], starts[c + 1]);
            INDArray logits = Nd4j.createUninitialized(dt, new long[] {rows, size}, 'c');
            Gemm.gemm(xc, wc, logits, false, true, 1.0, 0.0);
            double[] q = softmaxRows(HostMatrix.rowMajorValues(logits), rows, size, java.util.Arrays.copyOfRange(bias, starts[c], starts[c + 1]));
            for (int r = 0; r < rows; r++) {
                int i = order[from + r];
                if (mask[i] == 0) continue;
                loss[i] -= Math.log(Math.max(q[r * size + target[i] - starts[c]], Double.MIN_NORMAL));
            }
            if (dRows == null) continue;
            for (int r = 0; r < rows; r++) {
                int i = order[from + r];
                q[r * size + target[i] - starts[c]] -= 1;
                for (int j = 0; j < size; j++) {
                    q[r * size + j] *= mask[i];
                    biasGrad[starts[c] + j] += q[r * size + j];
                }
            }
            INDArray d = HostMatrix.rowMajor(q, rows, size, dt);
            Gemm.gemm(d, xc, rowBlock(gradientViews.get(WORD_WEIGHTS), starts[c], starts[c + 1]), true, false, 1.0, 1.0);
            Gemm.gemm(d, wc, dxs.get(interval(from, to), all()), false, false, 1.0, 1.0);
        }
        if (dRows != null) {
            gradientViews.get(WORD_BIAS).addi(HostMatrix.rowMajor(biasGrad, 1, bias.length, dt));
            int[] inverse = new int[n];
            for (int r = 0; r < n; r++) inverse[order[r]] = r;
            dRows.assign(Nd4j.pullRows(dxs, 1, inverse));
        }
        return loss;
    }

    /** Row-wise softmax of logits + bias ([rows, cols], row-major), computed in place and returned. */
    private static double[] softmaxRows(double[] z, int rows, int cols, double[] bias) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, z[o + j] += bias[j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += z[o + j] = Math.exp(z[o + j] - max);
            for (int j = 0; j < cols; j++) z[o + j] /= sum;
        }
        return z;
    }

    /**
     * Rows [from, to) of a row-major matrix as a view. Built from the buffer because, in ND4J M2.1, {@code get(interval)}
     * on a view that starts deep inside a large buffer (a layer's slice of the network's parameters) returns an empty
     * array for some intervals.
     */
    static INDArray rowBlock(INDArray m, long from, long to) {
        long cols = m.size(1);
        if (m.ordering() != 'c' || m.stride(1) != 1 || m.stride(0) != cols) throw new IllegalArgumentException("expected a row-major matrix");
        return Nd4j.create(m.data(), new long[] {to - from, cols}, new long[] {cols, 1}, m.offset() + from * cols, 'c');
    }

    static int classOf(int[] starts, int id) {
        int lo = 0, hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= id) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /** The full distribution P(w | h) = P(class | h) P(w | class, h), [mb, |V|, T] (or [mb, |V|]). */
    @Override
    protected INDArray distribution(LayerWorkspaceMgr mgr) {
        ClassFactoredSoftmax conf = layerConf();
        int[] starts = conf.getClassStarts();
        INDArray x = rows();
        INDArray classLogits = x.mmul(getParam(CLASS_WEIGHTS)).addiRowVector(getParam(CLASS_BIAS));
        INDArray p = Nd4j.exec(new SoftMax(classLogits, classLogits, -1))[0];
        INDArray out = x.mmul(getParam(WORD_WEIGHTS).transpose()).addiRowVector(getParam(WORD_BIAS)); // [rows, |V|]
        for (int c = 0; c < conf.classes(); c++) {
            INDArray block = out.get(all(), interval(starts[c], starts[c + 1]));
            block.assign(Nd4j.exec(new SoftMax(block.dup('c'), null, -1))[0]).muliColumnVector(p.getColumn(c, true));
        }
        return mgr.dup(ArrayType.ACTIVATIONS, shaped(out), 'c');
    }
}
