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
 * A class-factored softmax output layer (Mikolov et al. 2011): the vocabulary is cut into classes of consecutive
 * ids, and P(w | h) = P(class(w) | h) P(w | class(w), h), both softmaxes, so the probabilities are exactly normalised
 * while training touches only C + |class| output units per token instead of |V|. With classes that hold equal shares
 * of the training tokens (ids ordered by frequency, {@link #frequencyBins}) the expected cost is C + |V|/C per token.
 * Input [mb, nIn, T] (NCW) or [mb, nIn]; labels are word ids, [mb, 1, T] or [mb, 1]; the score is the cross-entropy
 * summed over steps and averaged over the minibatch, as DL4J's RNN output layers do. {@code output()} gives the full
 * distribution [mb, |V|, T] (for sampling and evaluation). Computation: {@link ClassFactoredSoftmaxLayer}.
 */
public class ClassFactoredSoftmax extends FeedForwardLayer {
    private int[] classStarts = new int[0]; // class c holds ids [classStarts[c], classStarts[c + 1])

    /** For JSON deserialisation. */
    public ClassFactoredSoftmax() {}

    private ClassFactoredSoftmax(Builder b) {
        super(b);
        this.classStarts = b.classStarts;
        this.nOut = classStarts[classStarts.length - 1];
    }

    public int[] getClassStarts() { return classStarts.clone(); }

    public void setClassStarts(int[] classStarts) { this.classStarts = classStarts.clone(); }

    public int classes() { return classStarts.length - 1; }

    /**
     * Class boundaries over ids 0..n-1 such that each class holds about 1/classes of the total count (Mikolov's
     * frequency binning; with ids in descending frequency order the frequent words get small classes).
     */
    public static int[] frequencyBins(long[] counts, int classes) {
        if (classes < 1 || classes > counts.length) throw new IllegalArgumentException("classes must be in 1.." + counts.length + ", got " + classes);
        double total = Arrays.stream(counts).sum();
        int[] starts = new int[classes + 1];
        int c = 1;
        double cum = 0;
        for (int id = 0; id < counts.length && c < classes; id++) {
            cum += counts[id];
            // close class c-1 after this id once its share is reached, leaving at least one id per remaining class
            int left = counts.length - (id + 1); // ids after this one
            if ((cum >= total * c / classes && left >= classes - c) || left == classes - c) {
                starts[c++] = id + 1;
            }
        }
        while (c < classes) { starts[c] = starts[c - 1] + 1; c++; } // only if counts are degenerate
        starts[classes] = counts.length;
        return starts;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new ClassFactoredSoftmaxLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return ClassFactoredSoftmaxParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return LayerWiring.withWidth(inputType, nOut);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, ClassFactoredSoftmax.class, inputType, getOutputType(-1, inputType),
                initializer().numParams(this), nOut, nIn + classes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassFactoredSoftmax c && super.equals(o) && Arrays.equals(classStarts, c.classStarts);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Arrays.hashCode(classStarts);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int[] classStarts;

        /** Class boundaries: 0 = starts[0] < starts[1] < ... < starts[C] = |V|. */
        public Builder classStarts(int[] starts) {
            if (starts.length < 2 || starts[0] != 0) throw new IllegalArgumentException("class starts must begin at 0 and hold at least one class");
            for (int c = 1; c < starts.length; c++) {
                if (starts[c] <= starts[c - 1]) throw new IllegalArgumentException("class " + (c - 1) + " is empty: starts " + starts[c - 1] + ", " + starts[c]);
            }
            this.classStarts = starts.clone();
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ClassFactoredSoftmax build() {
            if (classStarts == null) throw new IllegalStateException("ClassFactoredSoftmax needs classStarts");
            return new ClassFactoredSoftmax(this);
        }
    }
}
