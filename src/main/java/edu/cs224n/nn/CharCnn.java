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
 * A word's characters as one vector (Kim et al. 2016; a char CNN in place of Dozat and Manning's char LSTM): character
 * embeddings, filters over every {@code width} consecutive characters, max over the word's windows, tanh.
 * <p>Input [mb, nIn, T] (NCW): for each word position, nIn character ids (0 = padding after the word's last character;
 * a position with no characters at all gives zeros). Output [mb, nOut, T]. Parameters: {@code E} [chars, charDim] (row 0,
 * padding, is never read), {@code W} [width * charDim, nOut], {@code b} [1, nOut]. Computation: {@link CharCnnLayer}.
 */
public class CharCnn extends FeedForwardLayer {
    private int chars;
    private int charDim;
    private int width;

    /** For JSON deserialisation. */
    public CharCnn() {}

    private CharCnn(Builder b) {
        super(b);
        this.chars = b.chars;
        this.charDim = b.charDim;
        this.width = b.width;
    }

    public int getChars() { return chars; }

    public void setChars(int chars) { this.chars = chars; }

    public int getCharDim() { return charDim; }

    public void setCharDim(int charDim) { this.charDim = charDim; }

    public int getWidth() { return width; }

    public void setWidth(int width) { this.width = width; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CharCnnLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CharCnnParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long t = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(nOut, t, RNNFormat.NCW);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, CharCnn.class, inputType, getOutputType(-1, inputType), initializer().numParams(this),
                nIn * (long) (width * charDim + nOut), 2 * nIn * (long) (width * charDim + nOut));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharCnn c && super.equals(o) && chars == c.chars && charDim == c.charDim && width == c.width;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), chars, charDim, width);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int chars;
        private int charDim;
        private int width = 3;

        /** The character vocabulary's size (id 0 = padding). */
        public Builder chars(int chars) {
            this.chars = chars;
            return this;
        }

        public Builder charDim(int charDim) {
            this.charDim = charDim;
            return this;
        }

        /** Characters per filter window (default 3). */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CharCnn build() {
            if (chars < 2 || charDim < 1 || width < 1 || nOut < 1 || nIn < 1) {
                throw new IllegalStateException("CharCnn needs chars >= 2, charDim, width, nOut (filters) and nIn (characters per word) >= 1");
            }
            return new CharCnn(this);
        }
    }
}
