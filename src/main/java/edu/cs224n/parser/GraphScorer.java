package edu.cs224n.parser;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Scores configurations with the ComputationGraph itself in inference mode (dropout off): the reference path. */
public final class GraphScorer implements TransitionScorer {
    private final ComputationGraph net;
    private final int[] widths;
    private final int rowWidth;

    public GraphScorer(ComputationGraph net, FeatureExtractor fx) {
        this.net = net;
        this.widths = ParserNetwork.inputWidths(net, fx);
        this.rowWidth = fx.totalWidth();
    }

    @Override
    public void score(int[] features, int rows, float[] out) {
        INDArray[] in = new INDArray[widths.length];
        int col = 0;
        for (int i = 0; i < widths.length; i++) {
            float[] slice = new float[rows * widths[i]];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < widths[i]; k++) slice[r * widths[i] + k] = features[r * rowWidth + col + k];
            }
            in[i] = Nd4j.create(slice, new long[] {rows, widths[i]}, 'c');
            col += widths[i];
        }
        float[] scores = net.output(false, in)[0].ravel().toFloatVector();
        System.arraycopy(scores, 0, out, 0, scores.length);
    }
}
