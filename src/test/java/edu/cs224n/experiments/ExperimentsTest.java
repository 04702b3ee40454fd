package edu.cs224n.experiments;

import edu.cs224n.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The harness itself must be able to say FAILS; {@code ExperimentsIT} runs every fast experiment on the corpora. */
class ExperimentsTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void aFailingCheckMakesTheClaimFail() {
        ExperimentReport report = new ExperimentReport(Experiments.get("convolutions"));
        assertFalse(report.holds(), "no checks: nothing was shown");
        report.close("two numbers", 1.0, 1.0 + 1e-9, 1e-12);
        assertFalse(report.holds());
        assertTrue(report.verdict().startsWith("FAILS (0 of 1"), report.verdict());
        assertTrue(report.markdown().contains("| **no** |"));
    }

    @Test
    void commandLineListsAndRejectsUnknownNames() {
        assertEquals(0, Main.run("experiment", "list"));
        assertEquals(2, Main.run("experiment", "run", "no-such-experiment"));
        assertEquals(0, Main.run("experiment", "run", "convolutions", "--output", dir.toString()));
        assertTrue(Files.exists(dir.resolve("convolutions.md")));
    }
}
