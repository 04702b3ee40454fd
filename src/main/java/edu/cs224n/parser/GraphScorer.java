package edu.cs224n.parser;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Scores configurations with the ComputationGraph itself in inference mode (dropout off): the reference path. */
public final class GraphScorer implements TransitionScorer {
    private final ComputationGraph net;
    private final int[] widths;
    private final int rowWidth;
    private final int denseWidth;

    public GraphScorer(ComputationGraph net, FeatureExtractor fx) {
        this.net = net;
        this.widths = ParserNetwork.inputWidths(net, fx);
        this.rowWidth = fx.totalWidth();
        this.denseWidth = fx.denseWidth();
    }

    @Override
    public void score(int[] features, float[] dense, int rows, float[] out) {
        INDArray[] in = new INDArray[widths.length + (denseWidth > 0 ? 1 : 0)];
        int col = 0;
        for (int i = 0; i < widths.length; i++) {
            float[] slice = new float[rows * widths[i]];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < widths[i]; k++) slice[r * widths[i] + k] = features[r * rowWidth + col + k];
            }
            in[i] = Nd4j.create(slice, new long[] {rows, widths[i]}, 'c');
            col += widths[i];
        }
        if (denseWidth > 0) in[widths.length] = Nd4j.create(java.util.Arrays.copyOf(dense, rows * denseWidth), new long[] {rows, denseWidth}, 'c');
        float[] scores = net.output(false, in)[0].ravel().toFloatVector();
        System.arraycopy(scores, 0, out, 0, scores.length);
    }
}
