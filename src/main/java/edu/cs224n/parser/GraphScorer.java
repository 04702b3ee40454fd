package edu.cs224n.parser;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Scores configurations with the ComputationGraph in inference mode (dropout off). */
public final class GraphScorer implements TransitionScorer {
    private final ComputationGraph net;
    private final int[] widths;

    public GraphScorer(ComputationGraph net, FeatureExtractor fx) {
        this.net = net;
        this.widths = new int[fx.groups()];
        for (int g = 0; g < widths.length; g++) widths[g] = fx.width(g);
    }

    @Override
    public float[] scores(float[][] features, int rows) {
        INDArray[] in = new INDArray[widths.length];
        for (int g = 0; g < widths.length; g++) {
            float[] slice = features[g].length == rows * widths[g] ? features[g] : java.util.Arrays.copyOf(features[g], rows * widths[g]);
            in[g] = Nd4j.create(slice, new long[] {rows, widths[g]}, 'c');
        }
        INDArray out = net.output(false, in)[0];
        return out.ravel().toFloatVector();
    }
}
