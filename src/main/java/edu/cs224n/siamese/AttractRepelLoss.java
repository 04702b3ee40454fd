package edu.cs224n.siamese;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * The Attract-Repel cost (Mrkšić et al., TACL 2017) of one pair with its in-batch negatives. The network's output row is
 * {@code [x_l | x_r | t_l | t_r]} (four unit vectors of dimension d; t_l is the negative chosen for x_l, t_r for x_r), the
 * label 1 for an attract (synonym) pair and 0 for a repel (antonym) pair:
 * <pre>
 *   attract: relu(delta_att + x_l.t_l - x_l.x_r) + relu(delta_att + x_r.t_r - x_l.x_r)   (t = the nearest other word)
 *   repel:   relu(delta_rep + x_l.x_r - x_l.t_l) + relu(delta_rep + x_l.x_r - x_r.t_r)   (t = the farthest other word)
 * </pre>
 * A synonym pair must be closer than either word is to anything else in the batch, an antonym pair farther apart than
 * either word is from anything else. The negatives are chosen outside the network and held fixed, as in the paper.
 */
public final class AttractRepelLoss extends QuadLoss {
    private final double attractMargin, repelMargin;

    public AttractRepelLoss(@JsonProperty("attractMargin") double attractMargin, @JsonProperty("repelMargin") double repelMargin) {
        this.attractMargin = attractMargin;
        this.repelMargin = repelMargin;
    }

    public double getAttractMargin() {
        return attractMargin;
    }

    public double getRepelMargin() {
        return repelMargin;
    }

    @Override
    double[] rows(INDArray labels, INDArray out, INDArray mask, double[][] grad) {
        double[][] x = out.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[] y = labels.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] m = mask == null ? null : mask.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
        int d = x[0].length / 4;
        double[] score = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double weight = m == null ? 1 : m[i];
            if (weight == 0) continue;
            double[] v = x[i];
            double a = dot(v, 0, v, d, d), bl = dot(v, 0, v, 2 * d, d), br = dot(v, d, v, 3 * d, d);
            boolean attract = y[i] > 0.5;
            // The two hinge terms: attract compares the pair with each word's nearest negative, repel the other way round.
            double h1 = attract ? attractMargin + bl - a : repelMargin + a - bl;
            double h2 = attract ? attractMargin + br - a : repelMargin + a - br;
            score[i] = weight * (Math.max(0, h1) + Math.max(0, h2));
            if (grad == null) continue;
            double g1 = h1 > 0 ? weight : 0, g2 = h2 > 0 ? weight : 0, sign = attract ? 1 : -1;
            double[] g = grad[i];
            for (int k = 0; k < d; k++) {
                double l = v[k], r = v[d + k], tl = v[2 * d + k], tr = v[3 * d + k];
                // d(+-(l.tl - l.r))/dl = +-(tl - r), and so on for each block; sign = -1 turns the attract terms into repel ones.
                g[k] = sign * (g1 * (tl - r) - g2 * r);
                g[d + k] = sign * (-g1 * l + g2 * (tr - l));
                g[2 * d + k] = sign * g1 * l;
                g[3 * d + k] = sign * g2 * r;
            }
        }
        return score;
    }

    private static double dot(double[] a, int from, double[] b, int bFrom, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) s += a[from + k] * b[bFrom + k];
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AttractRepelLoss(attract=%s, repel=%s)", attractMargin, repelMargin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttractRepelLoss c && c.attractMargin == attractMargin && c.repelMargin == repelMargin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attractMargin, repelMargin);
    }
}
