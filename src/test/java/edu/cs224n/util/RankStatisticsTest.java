package edu.cs224n.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RankStatisticsTest {
    @Test
    void tiesShareTheirMeanRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankStatistics.ranks(new double[] {0.1, 0.5, 0.5, 9}));
    }

    @Test
    void spearmanMatchesHandComputedValues() {
        assertEquals(1.0, RankStatistics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 35, 100}), 1e-12);
        assertEquals(-1.0, RankStatistics.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        // x ranks 1..5, y ranks 2,1,4,3,5: d^2 sum = 4, rho = 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, RankStatistics.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
        // with ties, Pearson on average ranks: x ranks 1, 2.5, 2.5, 4 against 1..4
        assertEquals(0.9486832980505138, RankStatistics.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), 1e-12);
    }

    @Test
    void aucIsTheProbabilityAPositiveOutscoresANegative() {
        assertEquals(1.0, RankStatistics.auc(new double[] {3, 4}, new double[] {1, 2}), 1e-12);
        assertEquals(0.0, RankStatistics.auc(new double[] {1}, new double[] {2, 3}), 1e-12);
        // pairs: (2 vs 1) win, (2 vs 3) loss, (2 vs 2) tie -> (1 + 0 + 0.5) / 3
        assertEquals(0.5, RankStatistics.auc(new double[] {2}, new double[] {1, 3, 2}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.auc(new double[0], new double[] {1}));
    }

    @Test
    void theMedianIsTheMiddleValueAndLeavesItsInputAlone() {
        double[] odd = {5, 1, 3}, even = {4, 1, 3, 2};
        assertEquals(3, RankStatistics.median(odd));
        assertEquals(3, RankStatistics.median(even), "the upper of the two middle values");
        assertArrayEquals(new double[] {5, 1, 3}, odd);
        assertThrows(IllegalArgumentException.class, () -> RankStatistics.median(new double[0]));
    }
}
