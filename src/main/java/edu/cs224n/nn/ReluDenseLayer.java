package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link ReluDense}. Forward: h = xW (gemm into the activation array), += b, ReLU in
 * place; in training h is kept. Backward: delta = dL/dh where h > 0 else 0; dW = x^T delta, db = column
 * sums of delta (both straight into the gradient views), dL/dx = delta W^T.
 */
public class ReluDenseLayer extends BaseLayer<ReluDense> {
    private INDArray output;

    public ReluDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
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

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray x = input.castTo(w.dataType());
        if (x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new IllegalArgumentException(layerId() + ": expected input [minibatch, " + w.size(0) + "], got " + java.util.Arrays.toString(x.shape()));
        }
        INDArray h = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[] {x.size(0), w.size(1)}, 'c');
        Nd4j.gemm(x, w, h, false, false, 1.0, 0.0);
        h.addiRowVector(b);
        Nd4j.getExecutioner().exec(new RectifiedLinear(h, h, 0.0));
        output = training ? h : null;
        return h;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (output == null) throw new IllegalStateException(layerId() + ": backprop without a training forward pass");
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray delta = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(), epsilon.shape(), 'c');
        Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(output, epsilon, delta, 0.0));
        Gradient ret = new DefaultGradient();
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGrad, 0);
        ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        INDArray epsNext = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[] {delta.size(0), w.size(0)}, 'c');
        Nd4j.gemm(delta, w, epsNext, false, true, 1.0, 0.0);
        output = null;
        return new Pair<>(ret, epsNext);
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
    }
}
