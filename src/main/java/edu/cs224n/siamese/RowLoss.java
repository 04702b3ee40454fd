package edu.cs224n.siamese;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loss computed from the whole batch in double precision with a hand-written gradient: the subclass gives each row's
 * cost and gradient ({@link #rows}), this class DL4J's score, score array and gradient through the output activation.
 */
public abstract class RowLoss extends PairLoss {
    /** Per row the cost and, when {@code grad} is not null, its gradient with respect to the row (the same layout) written into it. */
    abstract double[] rows(INDArray labels, INDArray out, INDArray mask, double[][] grad);

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        double[] s = rows(labels, activation.getActivation(preOutput.dup(), true), mask, null);
        double sum = 0;
        for (double v : s) sum += v;
        return average ? sum / s.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        double[] s = rows(labels, activation.getActivation(preOutput.dup(), true), mask, null);
        return Nd4j.createFromArray(s).reshape(s.length, 1).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray out = activation.getActivation(preOutput.dup(), true);
        double[][] grad = new double[(int) out.size(0)][(int) out.size(1)];
        rows(labels, out, mask, grad);
        INDArray dLdOut = Nd4j.createFromArray(grad).castTo(preOutput.dataType());
        return activation.backprop(preOutput.dup(), dLdOut).getFirst();
    }
}
