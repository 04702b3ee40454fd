package edu.cs224n.testing;

import edu.cs224n.config.DataRoot;
import org.junit.jupiter.api.Assertions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Corpora from the data root for integration tests. A missing corpus fails the test with the path it looked
 * for (under CI=true and everywhere else alike): a skipped test would prove nothing.
 */
public final class SharedData {
    private SharedData() {}

    public static Path require(String relative) {
        Path p = DataRoot.resolve(relative);
        if (!Files.exists(p)) {
            Assertions.fail("corpus " + relative + " not found at " + p.toAbsolutePath() + "; set " + DataRoot.ENV
                    + " to the folder holding corpora/ (default ../shared)");
        }
        return p;
    }
}
