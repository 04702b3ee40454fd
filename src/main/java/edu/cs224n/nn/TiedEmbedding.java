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
import java.util.Objects;

/**
 * A word embedding that owns no parameters: it reads the word vectors of the output layer named {@code outputLayer}
 * (tied input and output embeddings, Press and Wolf 2017; Inan et al. 2017). Word w's input vector is the output
 * weight vector that scores w: a column of a DL4J output layer's {@code W} [nIn, |V|], or a row of a
 * {@link ClassFactoredSoftmax}'s {@code W} [|V|, nIn]; so the embedding width is the output layer's nIn. There is one
 * parameter array, the output layer's, and its gradient is the sum of both uses: this layer's backward pass adds its
 * part into the output layer's gradient view, which DL4J has filled before (it runs the layers backwards).
 * Input: word ids [batch, 1, steps]; output [batch, width, steps]. Computation: {@link TiedEmbeddingLayer}, which
 * must be given the output layer after the network is built or loaded ({@link TiedEmbeddingLayer#tie}).
 */
public class TiedEmbedding extends NoParamLayer {
    private String outputLayer = "output";
    private long width;

    /** For JSON deserialisation. */
    public TiedEmbedding() {
        super(new Builder());
    }

    public TiedEmbedding(String outputLayer, long width) {
        super(new Builder());
        if (width <= 0) throw new IllegalArgumentException("width: expected > 0, got " + width);
        this.outputLayer = Objects.requireNonNull(outputLayer);
        this.width = width;
    }

    public String getOutputLayer() { return outputLayer; }

    public void setOutputLayer(String outputLayer) { this.outputLayer = outputLayer; }

    public long getWidth() { return width; }

    public void setWidth(long width) { this.width = width; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new TiedEmbeddingLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long steps = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(width, steps);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, TiedEmbedding.class, inputType, getOutputType(-1, inputType), 0, width, width);
    }

    @Override
    public TiedEmbedding clone() {
        return (TiedEmbedding) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiedEmbedding t && t.width == width && t.outputLayer.equals(outputLayer) && Objects.equals(t.getLayerName(), getLayerName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(outputLayer, width, getLayerName());
    }

    private static final class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public TiedEmbedding build() {
            throw new IllegalStateException("construct TiedEmbedding directly");
        }
    }
}
