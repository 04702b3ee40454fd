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
 * The decoder of a sequence-to-sequence model as one layer: an LSTM whose first state comes from the encoder's final
 * states, with or without Bahdanau et al.'s (2015) additive attention over the encoder's states.
 * <pre>
 *   s_0 = tanh(W_i [h_fwd(last); h_bwd(first)] + b_i)                         (both models)
 *   plain:      s_t = LSTM(y_{t-1}, s_{t-1})              out_t = s_t
 *   attention:  c_t = sum_j alpha_tj h_j, alpha_t = softmax_j(v^T tanh(W_a s_{t-1} + U_a h_j))
 *               s_t = LSTM([y_{t-1}; c_t], s_{t-1})       out_t = [s_t; c_t]
 * </pre>
 * The plain model sees the input only through s_0 (Sutskever et al. 2014's fixed-size bottleneck).
 * <p>Input [mb, nIn, T] (NCW), one time axis for both sequences, each padded at its end: channels [0, enc) are the
 * encoder's states h_j (the forward direction's in the first half, the backward's in the second), channel enc is 1 at
 * the input's real positions and 0 at its padding, and channels (enc, nIn) are the embedding of the decoder's previous
 * output y_{t-1} (teacher forcing). Output [mb, nOut, T]: out_t, nOut = hidden (+ enc with attention); steps past the
 * target's end are masked by the loss. Computation: {@link AttentionDecoderLayer}; parameters
 * {@link AttentionDecoderParams}. (One channel-merged input rather than a two-input vertex: DL4J's trainable vertices
 * need a SameDiff body, whose M2.1 gradients are doubled; layers take one input.)
 */
public class AttentionDecoder extends FeedForwardLayer {
    private int encoderSize;
    private int hidden;
    private int attentionSize;

    /** For JSON deserialisation. */
    public AttentionDecoder() {}

    private AttentionDecoder(Builder b) {
        super(b);
        this.encoderSize = b.encoderSize;
        this.hidden = b.hidden;
        this.attentionSize = b.attentionSize;
    }

    public int getEncoderSize() { return encoderSize; }

    public void setEncoderSize(int encoderSize) { this.encoderSize = encoderSize; }

    public int getHidden() { return hidden; }

    public void setHidden(int hidden) { this.hidden = hidden; }

    public int getAttentionSize() { return attentionSize; }

    public void setAttentionSize(int attentionSize) { this.attentionSize = attentionSize; }

    public boolean attends() {
        return attentionSize > 0;
    }

    /** The width of y_{t-1}'s embedding. */
    public int embeddingSize() {
        return (int) nIn - encoderSize - 1;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new AttentionDecoderLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return AttentionDecoderParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long t = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(nOut, t, RNNFormat.NCW);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perStep = 6L * hidden + (attends() ? 3L * attentionSize + encoderSize : 0);
        return LayerWiring.memory(layerName, AttentionDecoder.class, inputType, getOutputType(-1, inputType), initializer().numParams(this),
                perStep, 2 * perStep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionDecoder d && super.equals(o) && encoderSize == d.encoderSize && hidden == d.hidden
                && attentionSize == d.attentionSize;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), encoderSize, hidden, attentionSize);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int encoderSize;
        private int hidden;
        private int attentionSize;

        /** The width of the encoder's states (both directions). */
        public Builder encoderSize(int encoderSize) {
            this.encoderSize = encoderSize;
            return this;
        }

        /** The decoder LSTM's units. */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** The attention MLP's width a; 0 = no attention (the plain model). */
        public Builder attentionSize(int attentionSize) {
            this.attentionSize = attentionSize;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AttentionDecoder build() {
            if (encoderSize < 2 || encoderSize % 2 != 0) throw new IllegalStateException("AttentionDecoder: encoderSize must be even (two directions), got " + encoderSize);
            if (hidden < 1 || attentionSize < 0) throw new IllegalStateException("AttentionDecoder needs hidden >= 1 and attentionSize >= 0");
            if (nIn < encoderSize + 2L) throw new IllegalStateException("AttentionDecoder: nIn " + nIn + " < encoderSize + 1 (mask) + an embedding");
            nOut = hidden + (attentionSize > 0 ? encoderSize : 0);
            return new AttentionDecoder(this);
        }
    }
}
