package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link FullSoftmax}, on rows x [n, nIn]: P = softmax(x W + b) in place in one [n, |V|] array,
 * loss_i = -log P[i, target_i], and dL/dlogits = P - onehot(target) made from P by subtracting 1 at the n targets,
 * so the backward pass is three gemms: dW = x^T G, dx = G W^T, db = 1^T G.
 */
public class FullSoftmaxLayer extends WordOutputLayer<FullSoftmax> {
    public FullSoftmaxLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** softmax(x W + b), [n, |V|]. */
    private INDArray probabilities(INDArray x) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray p = Nd4j.createUninitialized(x.dataType(), new long[] {x.size(0), w.size(1)}, 'c');
        Gemm.gemm(x, w, p, false, false, 1.0, 0.0);
        p.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        Nd4j.exec(new SoftMax(p, p, -1));
        return p;
    }

    @Override
    protected double[] lossAndGradient(INDArray x, int[] target, double[] mask, INDArray dRows) {
        INDArray p = probabilities(x);
        int n = target.length;
        double[] loss = new double[n];
        boolean masked = false;
        for (int i = 0; i < n; i++) {
            double q = p.getDouble(i, target[i]);
            if (mask[i] == 0) masked = true;
            else loss[i] = -Math.log(Math.max(q, Double.MIN_NORMAL));
            if (dRows != null) p.putScalar(i, target[i], q - 1);
        }
        if (dRows == null) return loss;
        if (masked) p.muliColumnVector(Nd4j.create(mask, new long[] {n, 1}, p.dataType()));
        Gemm.gemm(x, p, gradientViews.get(DefaultParamInitializer.WEIGHT_KEY), true, false, 1.0, 1.0);
        // db = 1^T G as a gemm: ND4J's column sum of a large row-major array took as long as a third of the gemms
        INDArray db = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        Gemm.gemm(Nd4j.ones(p.dataType(), 1, n), p, db.reshape(1, db.length()), false, false, 1.0, 1.0);
        Gemm.gemm(p, getParam(DefaultParamInitializer.WEIGHT_KEY), dRows, false, true, 1.0, 0.0);
        return loss;
    }

    /** The distribution over the vocabulary, [mb, |V|, T] (or [mb, |V|]). */
    @Override
    protected INDArray distribution(LayerWorkspaceMgr mgr) {
        return mgr.dup(ArrayType.ACTIVATIONS, shaped(probabilities(rows())), 'c');
    }
}
