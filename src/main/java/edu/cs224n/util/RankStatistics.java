package edu.cs224n.util;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Rank-based statistics: the median, Spearman's rho (ties get their average rank) and the ROC AUC (Mann-Whitney U). */
public final class RankStatistics {
    private RankStatistics() {}

    /** The middle value of {@code x} in sorted order (the upper of the two middle ones for an even count); x is left as it is. */
    public static double median(double[] x) {
        if (x.length == 0) throw new IllegalArgumentException("median of no values");
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Ranks from 1, ties sharing the mean of the ranks they span. */
    public static double[] ranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) j++;
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = mean;
            i = j + 1;
        }
        return r;
    }

    /** Spearman's rho: Pearson's correlation of the ranks. */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
        if (x.length < 2) throw new IllegalArgumentException("Spearman's rho needs at least 2 pairs, got " + x.length);
        return pearson(ranks(x), ranks(y));
    }

    public static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** P(a positive scores above a negative), ties counting one half: the area under the ROC curve. */
    public static double auc(double[] positives, double[] negatives) {
        if (positives.length == 0 || negatives.length == 0) throw new IllegalArgumentException("AUC needs positives and negatives");
        double[] all = new double[positives.length + negatives.length];
        System.arraycopy(positives, 0, all, 0, positives.length);
        System.arraycopy(negatives, 0, all, positives.length, negatives.length);
        double[] r = ranks(all);
        double rankSum = 0;
        for (int i = 0; i < positives.length; i++) rankSum += r[i];
        double u = rankSum - positives.length * (positives.length + 1) / 2.0;
        return u / ((double) positives.length * negatives.length);
    }
}
