package edu.cs224n.testing;

import edu.cs224n.config.DataRoot;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Corpora from the data root for integration tests: missing data fails under CI=true and is a reported skip elsewhere. */
public final class SharedData {
    private SharedData() {}

    public static Path require(String relative) {
        Path p = DataRoot.resolve(relative);
        if (!Files.exists(p)) {
            String msg = "corpus " + relative + " not found at " + p.toAbsolutePath() + "; set " + DataRoot.ENV + " to the folder holding corpora/";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
        return p;
    }
}
