package edu.cs224n.experiments;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fast experiment of {@code experiment list} runs here (some read Brown and EWT) and its claim must hold. */
class ExperimentsIT {
    @TempDir
    Path dir;

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static Stream<String> fastExperiments() {
        return Experiments.all().stream().filter(Experiment::fast).map(Experiment::name);
    }

    @ParameterizedTest
    @MethodSource("fastExperiments")
    void fastExperimentHolds(String name) throws Exception {
        SharedData.require("corpora/brown/brown.test.txt");
        SharedData.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu");
        Experiment e = Experiments.get(name);
        ExperimentReport report = new ExperimentReport(e);
        e.run(report);
        String failing = report.checks().stream().filter(c -> !c.holds())
                .map(ExperimentReport.Check::summary).collect(Collectors.joining("; "));
        assertTrue(report.holds(), name + " fails: " + failing);
        Path md = report.write(dir);
        String text = Files.readString(md);
        assertTrue(text.contains("HOLDS"), text);
        assertTrue(text.lines().filter(l -> l.endsWith("| yes |")).count() == report.checks().size(), text);
    }
}
