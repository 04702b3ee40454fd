package edu.cs224n.siamese;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** What the Siamese losses share: the score and the gradient computed apart, and the name is the description. */
public abstract class PairLoss implements ILossFunction {
    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activation, mask, average), computeGradient(labels, preOutput, activation, mask));
    }

    @Override
    public String name() {
        return toString();
    }
}
