package edu.cs224n.siamese;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * The contrastive loss of Hadsell, Chopra and LeCun (2006) on a distance d ({@code [mb, 1]}, the network's output)
 * with a label y (1 = similar, 0 = dissimilar):
 * <pre>  L = y * 1/2 d^2 + (1 - y) * 1/2 max(0, margin - d)^2</pre>
 * With every label 1 it is exactly the data term of the practice midterm's Siamese objective, J = 1/2 ||h1 - h2||^2 (the
 * lambda/2 ||W||^2 term is the layers' {@code l2}).
 */
public final class ContrastiveLoss extends PairLoss {
    private final double margin;

    public ContrastiveLoss(@JsonProperty("margin") double margin) {
        if (!(margin > 0)) throw new IllegalArgumentException("margin must be positive, got " + margin);
        this.margin = margin;
    }

    public double getMargin() {
        return margin;
    }

    private INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray d = activation.getActivation(preOutput.dup(), true);
        INDArray y = labels.castTo(d.dataType());
        INDArray pull = d.mul(d).muli(y);
        INDArray gap = Transforms.relu(d.rsub(margin), false);
        INDArray push = gap.muli(gap).muli(y.rsub(1.0));
        INDArray score = pull.addi(push).muli(0.5);
        if (mask != null) LossUtil.applyMask(score, mask);
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        INDArray s = scoreArray(labels, preOutput, activation, mask);
        double score = s.sumNumber().doubleValue();
        return average ? score / s.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return scoreArray(labels, preOutput, activation, mask).sum(true, 1);
    }

    /** dL/dd = y d - (1 - y) max(0, margin - d), through the output activation (identity in our graphs). */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray d = activation.getActivation(preOutput.dup(), true);
        INDArray y = labels.castTo(d.dataType());
        INDArray gap = Transforms.relu(d.rsub(margin), false);
        INDArray dLdd = d.mul(y).subi(gap.muli(y.rsub(1.0)));
        INDArray grad = activation.backprop(preOutput.dup(), dLdd).getFirst();
        if (mask != null) LossUtil.applyMask(grad, mask);
        return grad;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ContrastiveLoss(margin=%s)", margin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContrastiveLoss c && c.margin == margin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(margin);
    }
}
