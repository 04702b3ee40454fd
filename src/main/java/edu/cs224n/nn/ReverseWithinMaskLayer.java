package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link ReverseWithinMask}: out[b] = x[b] P_b with P_b[k, j] = 1 where j + k = n_b - 1 (n_b the
 * row's real steps), a symmetric permutation, so the backward pass is the same product: dx[b] = dout[b] P_b.
 */
public class ReverseWithinMaskLayer extends ParameterlessLayer<ReverseWithinMask> {

    public ReverseWithinMaskLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** P [mb, T, T] from the mask [mb, T] (real steps first in each row; no mask: all T steps are real). */
    static INDArray permutation(INDArray mask, long mb, int t, DataType type) {
        float[] p = new float[(int) (mb * t * t)];
        for (int b = 0; b < mb; b++) {
            int n = t;
            if (mask != null) {
                n = 0;
                while (n < t && mask.getDouble(b, n) != 0) n++;
            }
            for (int j = 0; j < n; j++) p[(b * t + (n - 1 - j)) * t + j] = 1;
        }
        return Nd4j.create(p, new long[] {mb, t, t}, 'c').castTo(type);
    }

    private INDArray reverse(INDArray x) {
        if (x.rank() != 3) throw new IllegalArgumentException(layerId() + ": expected [minibatch, channels, T], got " + java.util.Arrays.toString(x.shape()));
        return Nd4j.matmul(x, permutation(maskArray, x.size(0), (int) x.size(2), x.dataType()));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        return mgr.dup(ArrayType.ACTIVATIONS, reverse(input), 'f');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        return new Pair<>(new DefaultGradient(), mgr.dup(ArrayType.ACTIVATION_GRAD, reverse(epsilon), 'f'));
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
