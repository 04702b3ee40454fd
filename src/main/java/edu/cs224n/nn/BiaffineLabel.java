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
 * Dozat and Manning's (2017) biaffine label classifier: for word j with head k = head(j),
 * s_l(j) = r_k^T U_l q_j + W_l [r_k; q_j] + b_l, from the label-head MLP's output r and the label-dependent MLP's output q.
 * <p>Input [mb, nIn, T] (NCW): channels [offset, offset + dim) are r, [offset + dim, offset + 2 dim) are q, and the last
 * channel is each position's head (the gold head in training, the decoded one in parsing; a padded position's value is
 * ignored). Output [mb, nOut, T], one score per label, for an {@code RnnLossLayer} with softmax and sparse labels.
 * Computation: {@link BiaffineLabelLayer}; parameters {@code U} [dim, nOut * dim], {@code W} [2 dim, nOut] and
 * {@code b} [1, nOut] ({@link BiaffineParams}).
 */
public class BiaffineLabel extends FeedForwardLayer {
    private int dim;
    private int offset;

    /** For JSON deserialisation. */
    public BiaffineLabel() {}

    private BiaffineLabel(Builder b) {
        super(b);
        this.dim = b.dim;
        this.offset = b.offset;
    }

    public int getDim() { return dim; }

    public void setDim(int dim) { this.dim = dim; }

    public int getOffset() { return offset; }

    public void setOffset(int offset) { this.offset = offset; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new BiaffineLabelLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return BiaffineParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long t = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(nOut, t, RNNFormat.NCW);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, BiaffineLabel.class, inputType, getOutputType(-1, inputType), initializer().numParams(this),
                nOut * (dim + 1L), 2 * nOut * (dim + 1L));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BiaffineLabel b && super.equals(o) && dim == b.dim && offset == b.offset;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + dim) + offset;
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int dim;
        private int offset;

        /** The width of r and of q. */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        /** The first input channel of r. */
        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BiaffineLabel build() {
            if (dim <= 0 || nOut <= 0) throw new IllegalStateException("BiaffineLabel needs dim > 0 and nOut (labels) > 0");
            if (nIn < offset + 2L * dim + 1) throw new IllegalStateException("BiaffineLabel: nIn " + nIn + " < offset + 2 * dim + 1");
            return new BiaffineLabel(this);
        }
    }
}
