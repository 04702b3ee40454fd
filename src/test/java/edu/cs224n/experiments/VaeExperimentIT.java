package edu.cs224n.experiments;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VAE experiment at its reduced scale (fewer epochs, images and steps; the same claims) must hold on the real digits. */
class VaeExperimentIT {
    @Test
    void theReducedVaeExperimentHolds(@TempDir Path dir) throws Exception {
        SharedData.require("corpora/digits/digits.csv.gz");
        VaeQuestions e = new VaeQuestions(VaeQuestions.Scale.REDUCED);
        ExperimentReport report = new ExperimentReport(e);
        e.run(report);
        for (ExperimentReport.Check c : report.checks()) System.out.println("vae (reduced) check: " + c.summary());
        String failing = report.checks().stream().filter(c -> !c.holds())
                .map(ExperimentReport.Check::summary).collect(Collectors.joining("; "));
        assertTrue(report.checks().size() >= 8, "every question is checked");
        assertTrue(report.holds(), "vae (reduced) fails: " + failing);
        String text = Files.readString(report.write(dir));
        assertTrue(text.contains("HOLDS") && text.contains("amortisation gap"), text);
    }
}
