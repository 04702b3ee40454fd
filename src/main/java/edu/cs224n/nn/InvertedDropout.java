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
 * Inverted dropout as its own layer (CS224n assignment 2 section 2(f)): h_drop = gamma * d o h with d_i ~ Bernoulli(1 - p_drop)
 * and gamma = 1 / (1 - p_drop) during training, so E[h_drop] = h; the identity at inference. With {@code sameMaskOverTime}
 * a sequence [batch, units, steps] gets one mask [batch, units] for all its steps (Gal and Ghahramani's variational
 * dropout, AWD-LSTM's locked dropout): a unit is dropped for a whole training sequence instead of at random steps.
 * Configuration side; the computation is {@link InvertedDropoutLayer}.
 */
public class InvertedDropout extends NoParamLayer {
    private double pDrop;
    private boolean sameMaskOverTime;

    /** For JSON deserialisation. */
    public InvertedDropout() {
        super(new Builder());
    }

    public InvertedDropout(double pDrop) {
        super(new Builder());
        if (!(pDrop >= 0 && pDrop < 1)) throw new IllegalArgumentException("p_drop must be in [0, 1), got " + pDrop);
        this.pDrop = pDrop;
    }

    /** Dropout whose mask, on a sequence, is the same at every step. */
    public static InvertedDropout overTime(double pDrop) {
        InvertedDropout d = new InvertedDropout(pDrop);
        d.sameMaskOverTime = true;
        return d;
    }

    public double getPDrop() { return pDrop; }

    public boolean isSameMaskOverTime() { return sameMaskOverTime; }

    public void setSameMaskOverTime(boolean sameMaskOverTime) { this.sameMaskOverTime = sameMaskOverTime; }

    public void setPDrop(double pDrop) { this.pDrop = pDrop; }

    /** gamma = 1 / (1 - p_drop). */
    public double gamma() { return 1.0 / (1.0 - pDrop); }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new InvertedDropoutLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
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
        return LayerWiring.memory(layerName, InvertedDropout.class, inputType, inputType, 0, perExample, perExample);
    }

    @Override
    public InvertedDropout clone() {
        return (InvertedDropout) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertedDropout d && d.pDrop == pDrop && d.sameMaskOverTime == sameMaskOverTime && java.util.Objects.equals(d.getLayerName(), getLayerName());
    }

    @Override
    public int hashCode() {
        return (Double.hashCode(pDrop) * 31 + Boolean.hashCode(sameMaskOverTime)) * 31 + java.util.Objects.hashCode(getLayerName());
    }

    private static final class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public InvertedDropout build() {
            throw new IllegalStateException("construct InvertedDropout directly");
        }
    }
}
