package edu.cs224n.cli;

import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code vae train | eval | sample} end to end on the real digits, a few epochs; and bad options exit 2 with a message. */
class VaeCliTest {
    @Test
    void trainEvalAndSample(@TempDir Path dir) throws Exception {
        SharedData.require("corpora/digits/digits.csv.gz");
        var r = CliTest.run(null, "vae", "train", "--config", "conf/vae-digits-2d.yaml", "--output", dir.resolve("vae").toString(), "--no-progress",
                "--set", "epochs=3", "--set", "iwae_samples=20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test (300 images): ELBO="), r.out());
        Path model = dir.resolve("vae/model.zip");
        r = CliTest.run(null, "vae", "eval", "--model", model.toString(), "--samples", "50", "--split", "valid");
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("ELBO=(-?[0-9.]+) IWAE_50=(-?[0-9.]+) independent-pixels=(-?[0-9.]+) images=297").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) <= Double.parseDouble(m.group(2)), "ELBO <= IWAE_k on the same draws: " + r.out());
        Path grid = dir.resolve("grid.png");
        r = CliTest.run(null, "vae", "sample", "--model", model.toString(), "--output", grid.toString(), "--count", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(grid) > 100 && Files.size(dir.resolve("vae/latent.png")) > 100);
        r = CliTest.run(null, "vae", "eval", "--model", model.toString(), "--split", "dev");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--split") && r.err().contains("train, valid or test"), r.err());
    }
}
