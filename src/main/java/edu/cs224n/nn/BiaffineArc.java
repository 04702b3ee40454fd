package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Dozat and Manning's (2017) biaffine arc scorer: s(i, j) = h_i^T U d_j + h_i^T u, the score of word i being the head
 * of word j, from the arc-head MLP's output h and the arc-dependent MLP's output d (the head bias u is a prior on
 * which words take dependents; a dependent-only term would cancel in the softmax over heads).
 * <p>Input [mb, nIn, T] (NCW), T positions with ROOT at 0: channels [0, dim) are h, [dim, 2 dim) are d, and the last
 * channel is the position's gold head, or any value >= 0 for a real position and -1 for padding. Output [mb, T, T]:
 * channel i, step j is s(i, j); padded heads i score {@link #PADDED} so a softmax over the channels gives them nothing.
 * An {@code RnnLossLayer} with softmax and sparse labels (the gold head of each step) is then the head cross-entropy.
 * Computation: {@link BiaffineArcLayer}; parameters {@code U} [dim, dim] and {@code u} [dim, 1] ({@link BiaffineParams}).
 */
public class BiaffineArc extends FeedForwardLayer {
    /** The score of a padded head (far below any real score, finite so no NaN arises). */
    public static final double PADDED = -1e9;

    private int dim;

    /** For JSON deserialisation. */
    public BiaffineArc() {}

    private BiaffineArc(Builder b) {
        super(b);
        this.dim = b.dim;
    }

    public int getDim() { return dim; }

    public void setDim(int dim) { this.dim = dim; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new BiaffineArcLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return BiaffineParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long t = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(t, t, RNNFormat.NCW);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, BiaffineArc.class, inputType, getOutputType(-1, inputType), initializer().numParams(this), 2L * dim, 4L * dim);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BiaffineArc b && super.equals(o) && dim == b.dim;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + dim;
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int dim;

        /** The width of h and of d. */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BiaffineArc build() {
            if (dim <= 0) throw new IllegalStateException("BiaffineArc needs dim > 0");
            if (nIn < 2L * dim + 1) throw new IllegalStateException("BiaffineArc: nIn " + nIn + " < 2 * dim + 1 (h, d and the head channel)");
            return new BiaffineArc(this);
        }
    }
}
