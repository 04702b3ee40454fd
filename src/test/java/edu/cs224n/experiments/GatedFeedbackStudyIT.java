package edu.cs224n.experiments;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The gated-feedback study at its reduced scale on the real tiny-shakespeare: four models of equal size, a learning-rate
 * search, equal CPU budgets, and a verdict per unit type. Whether gated feedback wins at this scale is the experiment's
 * finding, not the test's; the test asserts that the comparison is fair (sizes, budgets), that every model learned, and
 * that the claim is checked for both unit types.
 */
class GatedFeedbackStudyIT {
    @Test
    void theReducedStudyComparesEqualModelsOnEqualBudgets(@TempDir Path dir) throws Exception {
        SharedData.require("corpora/tinyshakespeare/input.txt");
        GatedFeedbackStudy e = new GatedFeedbackStudy(GatedFeedbackStudyConfig.REDUCED.in(dir.resolve("runs").toString()));
        ExperimentReport report = new ExperimentReport(e);
        e.run(report);
        List<ExperimentReport.Check> checks = report.checks();
        for (ExperimentReport.Check c : checks) System.out.println("gfrnn (reduced) check: " + c.summary());
        String failing = checks.stream().filter(c -> !c.holds()).map(ExperimentReport.Check::summary)
                .collect(Collectors.joining("; "));
        assertEquals(6, checks.size(), "size, budget (2), learning and one claim per unit type");
        for (int i = 0; i < 4; i++) assertTrue(checks.get(i).holds(), "a fair comparison in which every model learned: " + failing);
        assertTrue(checks.get(4).what().startsWith("tanh units") && checks.get(5).what().startsWith("gru units"));
        String text = Files.readString(report.write(dir));
        assertTrue(text.contains("stacked-gru-68") && text.contains("gf-gru-58") && text.contains("Learning-rate search"), text);
        assertTrue(Files.size(dir.resolve("gfrnn-curves.png")) > 1000, "the curves chart");
    }
}
