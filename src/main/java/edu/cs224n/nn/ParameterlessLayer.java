package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What this package's runtime layers without parameters share: no regularisation, no pretraining, no parameters. */
abstract class ParameterlessLayer<C extends org.deeplearning4j.nn.conf.layers.Layer> extends AbstractLayer<C> {
    ParameterlessLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {}

    @Override
    public INDArray params() {
        return null;
    }
}
