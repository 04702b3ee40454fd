package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * h = ReLU(xW + b), the parameters and initialisation of DL4J's DenseLayer (W {@code [nIn, nOut]}, b
 * {@code [1, nOut]}; W row-major), computed in three gemms per step instead of four: DL4J's dense layer recomputes xW in
 * backprop, while ReLU's derivative can be read off the output it already has (h > 0 exactly where
 * xW + b > 0). Computation: {@link ReluDenseLayer}.
 */
public class ReluDense extends FeedForwardLayer {
    /** For JSON deserialisation. */
    public ReluDense() {}

    private ReluDense(Builder b) {
        super(b);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new ReluDenseLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return ReluDenseParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, ReluDense.class, inputType, getOutputType(-1, inputType), initializer().numParams(this), nOut, nOut + nIn);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public ReluDense build() {
            return new ReluDense(this);
        }
    }
}
