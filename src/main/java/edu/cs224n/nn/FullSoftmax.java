package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A softmax over the whole vocabulary whose labels are word ids: y = softmax(h W + b), loss -log y[target]. The
 * same model as DL4J's RnnOutputLayer with SPARSE_MCXENT, and the same parameters ({@code W} [nIn, |V|], {@code b}
 * [1, |V|]), but trained without what that layer does around the product: one-hot labels, a log and a clip over all
 * |V| probabilities of every token, and permuting the [mb, |V|, T] activations between layouts (together about
 * half of a Brown LM's training step). Input [mb, nIn, T] (NCW) or [mb, nIn]; labels [mb, 1, T] or [mb, 1];
 * {@code output()} gives the distribution [mb, |V|, T]. Computation: {@link FullSoftmaxLayer}.
 */
public class FullSoftmax extends FeedForwardLayer {
    /** For JSON deserialisation. */
    public FullSoftmax() {}

    private FullSoftmax(Builder b) {
        super(b);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FullSoftmaxLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return LayerWiring.withWidth(inputType, nOut);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, FullSoftmax.class, inputType, getOutputType(-1, inputType), initializer().numParams(this), nOut, nIn + 2 * nOut);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public FullSoftmax build() {
            return new FullSoftmax(this);
        }
    }
}
