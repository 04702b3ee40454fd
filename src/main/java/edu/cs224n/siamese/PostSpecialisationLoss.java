package edu.cs224n.siamese;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Post-specialisation's cost with in-batch negatives (Vulić et al., NAACL 2018, their max-margin loss). Each row of the
 * batch is a word's mapped unit vector f_i; its label row is the word's per-word specialised unit vector y_i:
 * <pre>
 *   -f_i.y_i + sum over the k other targets y_j of the batch nearest to f_i of max(0, delta + f_i.y_j - f_i.y_i)
 * </pre>
 * The first term fits the map to the targets (the plain cosine loss); the hinges make each image nearer its own target
 * than, by {@code delta}, the targets of the words it is most easily confused with. Without them the map learned from the
 * few thousand specialised words barely moves the others; with them it also spreads unrelated words apart.
 * The negatives are chosen at the current outputs and then held fixed for the gradient, as Attract-Repel's are.
 */
public final class PostSpecialisationLoss extends RowLoss {
    private final int negatives;
    private final double margin;

    /** @param negatives k, the nearest other targets each row is held away from; {@code margin} delta */
    public PostSpecialisationLoss(@JsonProperty("negatives") int negatives, @JsonProperty("margin") double margin) {
        if (negatives < 1) throw new IllegalArgumentException("negatives: expected >= 1, got " + negatives);
        this.negatives = negatives;
        this.margin = margin;
    }

    public int getNegatives() {
        return negatives;
    }

    public double getMargin() {
        return margin;
    }

    @Override
    double[] rows(INDArray labels, INDArray out, INDArray mask, double[][] grad) {
        double[][] f = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int n = f.length, d = f[0].length;
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            double weight = m == null ? 1 : m[i];
            if (weight == 0) continue;
            double[] c = new double[n]; // c[j] = f_i . y_j
            for (int j = 0; j < n; j++) {
                if (m != null && m[j] == 0) {
                    c[j] = Double.NEGATIVE_INFINITY; // a masked row's target is no negative
                    continue;
                }
                for (int k = 0; k < d; k++) c[j] += f[i][k] * y[j][k];
            }
            double own = c[i];
            score[i] -= weight * own;
            if (grad != null) for (int k = 0; k < d; k++) grad[i][k] -= weight * y[i][k];
            c[i] = Double.NEGATIVE_INFINITY;
            for (int taken = 0; taken < negatives; taken++) {
                int j = argmax(c);
                if (j < 0) break;
                double hinge = margin + c[j] - own;
                c[j] = Double.NEGATIVE_INFINITY;
                if (hinge <= 0) continue;
                score[i] += weight * hinge;
                if (grad != null) for (int k = 0; k < d; k++) grad[i][k] += weight * (y[j][k] - y[i][k]);
            }
        }
        return score;
    }

    /** The index of the largest finite entry, or -1 if none is left. */
    private static int argmax(double[] c) {
        int best = -1;
        for (int j = 0; j < c.length; j++) if (c[j] != Double.NEGATIVE_INFINITY && (best < 0 || c[j] > c[best])) best = j;
        return best;
    }

    @Override
    public String toString() {
        return "PostSpecialisationLoss(negatives=" + negatives + ", margin=" + margin + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostSpecialisationLoss p && p.negatives == negatives && p.margin == margin;
    }

    @Override
    public int hashCode() {
        return 31 * negatives + Double.hashCode(margin);
    }
}
