package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Reverses each sequence of a padded batch within its real steps (per the mask DL4J propagates to the layer; the padding
 * stays at the end): [mb, C, T] NCW in and out. An LSTM between two of these is the backward direction of a BiLSTM that
 * is exact for padded batches. DL4J's own {@code ReverseTimeSeriesVertex} does the same with one copy per example and
 * step; this is one batched matmul with a permutation. Computation:
 * {@link ReverseWithinMaskLayer}.
 */
public class ReverseWithinMask extends NoParamLayer {
    public ReverseWithinMask() {
        super(new Builder());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new ReverseWithinMaskLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return LayerWiring.memory(layerName, ReverseWithinMask.class, inputType, inputType, 0, perExample, perExample);
    }

    @Override
    public ReverseWithinMask clone() {
        return (ReverseWithinMask) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReverseWithinMask r && java.util.Objects.equals(r.getLayerName(), getLayerName());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(getLayerName());
    }

    private static final class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public ReverseWithinMask build() {
            return new ReverseWithinMask();
        }
    }
}
