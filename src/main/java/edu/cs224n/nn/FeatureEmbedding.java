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

import java.util.Arrays;
import java.util.Collection;

/**
 * Several id features looked up in their embedding tables and concatenated, as ONE layer: the input is a
 * {@code [mb, sum(width)]} array of ids (each group's columns hold ids into that group's table), the output
 * {@code [mb, sum(width * dim)]}, position-major within each group (the layout of an NWC embedding reshaped
 * to a row). Group g has table {@code E<g>} of shape {@code [size, dim]}, stored row-major so a lookup is one
 * contiguous copy. Backprop scatter-adds the output gradient into the rows the batch used.
 * This replaces one EmbeddingSequenceLayer per group plus reshape and merge vertices, which cost a gather,
 * a reshape and a concatenation copy each way per group. Computation: {@link FeatureEmbeddingLayer}.
 */
public class FeatureEmbedding extends FeedForwardLayer {
    private int[] sizes = new int[0];
    private int[] widths = new int[0];
    private int[] dims = new int[0];

    /** For JSON deserialisation. */
    public FeatureEmbedding() {}

    private FeatureEmbedding(Builder b) {
        super(b);
        this.sizes = b.sizes;
        this.widths = b.widths;
        this.dims = b.dims;
        this.nIn = Arrays.stream(widths).sum();
        long out = 0;
        for (int g = 0; g < widths.length; g++) out += (long) widths[g] * dims[g];
        this.nOut = out;
    }

    public int groups() { return sizes.length; }

    public int[] getSizes() { return sizes.clone(); }

    public void setSizes(int[] sizes) { this.sizes = sizes.clone(); }

    public int[] getWidths() { return widths.clone(); }

    public void setWidths(int[] widths) { this.widths = widths.clone(); }

    public int[] getDims() { return dims.clone(); }

    public void setDims(int[] dims) { this.dims = dims.clone(); }

    int size(int g) { return sizes[g]; }

    int width(int g) { return widths[g]; }

    int dim(int g) { return dims[g]; }

    /** The parameter name of group g's table. */
    public static String table(int g) { return "E" + g; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FeatureEmbeddingLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return FeatureEmbeddingParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, FeatureEmbedding.class, inputType, getOutputType(-1, inputType), initializer().numParams(this), nOut, nOut);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureEmbedding f && super.equals(o) && Arrays.equals(sizes, f.sizes)
                && Arrays.equals(widths, f.widths) && Arrays.equals(dims, f.dims);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + Arrays.hashCode(sizes)) + Arrays.hashCode(widths)) + Arrays.hashCode(dims);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int[] sizes = new int[0];
        private int[] widths = new int[0];
        private int[] dims = new int[0];

        /** Adds a feature group: {@code width} ids per example into a table of {@code size} vectors of {@code dim}. */
        public Builder group(int size, int width, int dim) {
            if (size <= 0 || width <= 0 || dim <= 0) throw new IllegalArgumentException("group sizes must be positive: " + size + ", " + width + ", " + dim);
            sizes = append(sizes, size);
            widths = append(widths, width);
            dims = append(dims, dim);
            return this;
        }

        private static int[] append(int[] a, int v) {
            int[] out = Arrays.copyOf(a, a.length + 1);
            out[a.length] = v;
            return out;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FeatureEmbedding build() {
            if (sizes.length == 0) throw new IllegalStateException("FeatureEmbedding needs at least one group");
            return new FeatureEmbedding(this);
        }
    }
}
