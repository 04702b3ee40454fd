package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link InvertedDropout}. Forward (training): draw d ~ Bernoulli(1 - p) from ND4J's
 * global RNG, keep m = gamma * d, output m o h. Backward: dL/dh = m o dL/dh_drop, the same mask, so
 * the gradient is exact for the mask that was drawn. Inference: the identity. With the same mask over time, d is drawn
 * for [batch, units] and broadcast over the steps of a [batch, units, steps] input.
 */
public class InvertedDropoutLayer extends ParameterlessLayer<InvertedDropout> {
    private INDArray mask;

    public InvertedDropoutLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        double p = layerConf().getPDrop();
        if (!training || p == 0) {
            mask = null;
            return mgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }
        // The mask lives as long as the layer's input (forward through backward of one iteration).
        long[] maskShape = overTime() ? new long[] {input.size(0), input.size(1)} : input.shape();
        mask = mgr.createUninitialized(ArrayType.INPUT, input.dataType(), maskShape, input.ordering());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - p));
        mask.muli(layerConf().gamma());
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), input.ordering());
        return times(input, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(), epsilon.ordering());
        if (mask == null) out.assign(epsilon);
        else times(epsilon, out);
        return new Pair<>(new DefaultGradient(), out);
    }

    private boolean overTime() {
        return layerConf().isSameMaskOverTime() && input.rank() == 3;
    }

    /** out = x o mask, the mask broadcast over the steps when it is the same over time. */
    private INDArray times(INDArray x, INDArray out) {
        if (mask.rank() == x.rank()) return x.mul(mask, out);
        return Nd4j.getExecutioner().exec(new BroadcastMulOp(x, mask, out, 0, 1));
    }

    /** The mask of the last training forward pass (gamma * d; [batch, units] when the same over time), or null. */
    INDArray lastMask() {
        return mask;
    }

    @Override
    public void clear() {
        super.clear();
        mask = null;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
