package edu.cs224n.siamese;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explicit retrofitting's cost (Glavaš & Vulić, ACL 2018) of one constraint with its in-batch negatives: squared errors
 * of three cosines against targets. The network's output row is {@code [x_l | x_r | t_l | t_r]} (unit vectors of
 * dimension d, t_l the negative chosen for x_l, t_r for x_r), the label row {@code [g, g_l, g_r]}:
 * <pre>
 *   (x_l.x_r - g)^2 + (x_l.t_l - g_l)^2 + (x_r.t_r - g_r)^2
 * </pre>
 * g is the constraint's target (1 for a synonym pair, -1 for an antonym pair: the paper's cosine distances 0 and 2), and
 * g_l, g_r are the negatives' cosines in the INPUT space. Unlike Attract-Repel's hinges, every target is reachable, so the
 * map is not pushed further once a pair is where it should be, and the negatives keep the distributional similarity they
 * had: relatedness is preserved rather than traded for similarity.
 */
public final class ExplicitRetrofitLoss extends QuadLoss {
    public static final double SYNONYM_TARGET = 1, ANTONYM_TARGET = -1;

    @Override
    double[] rows(INDArray labels, INDArray out, INDArray mask, double[][] grad) {
        double[][] x = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] g = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int d = x[0].length / 4;
        // The three compared blocks: (l, r), (l, t_l), (r, t_r), as offsets into the row.
        int[][] terms = {{0, d}, {0, 2 * d}, {d, 3 * d}};
        double[] score = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double weight = m == null ? 1 : m[i];
            if (weight == 0) continue;
            double[] v = x[i];
            for (int t = 0; t < 3; t++) {
                int a = terms[t][0], b = terms[t][1];
                double cos = 0;
                for (int k = 0; k < d; k++) cos += v[a + k] * v[b + k];
                double err = cos - g[i][t];
                score[i] += weight * err * err;
                if (grad == null) continue;
                for (int k = 0; k < d; k++) {
                    grad[i][a + k] += weight * 2 * err * v[b + k];
                    grad[i][b + k] += weight * 2 * err * v[a + k];
                }
            }
        }
        return score;
    }

    @Override
    public String toString() {
        return "ExplicitRetrofitLoss()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplicitRetrofitLoss;
    }

    @Override
    public int hashCode() {
        return ExplicitRetrofitLoss.class.hashCode();
    }
}
