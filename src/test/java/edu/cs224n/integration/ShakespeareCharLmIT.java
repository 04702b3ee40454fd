package edu.cs224n.integration;

import edu.cs224n.config.Configs;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.lm.LmModel;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmTraining;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A character-level GF-RNN on the start of tiny-shakespeare (a minute of training): it beats the character unigram
 * model on held-out text, lm eval's BPC equals its nats/char over ln 2, and sampling writes characters.
 */
class ShakespeareCharLmIT {
    @Test
    void gatedFeedbackCharModelBeatsUnigram(@TempDir Path dir) throws Exception {
        // The first 80,000 characters, so that the split's validation part (the last 10%) stays small.
        String head = Files.readString(SharedData.require("corpora/tinyshakespeare/input.txt")).substring(0, 80_000);
        Path text = Files.writeString(dir.resolve("head.txt"), head);
        LmConfig c = Configs.load(Path.of("conf/lm-shakespeare-gfrnn.yaml"), List.of("train=" + text, "hidden=48", "embedding=16",
                "layers=2", "streams=16", "tau=20", "chunk=200", "eval_every=0", "epochs=2", "max_minutes=0", "eval_streams=4",
                "threads=1"), LmConfig.class);
        LmTraining.Outcome o = new LmTraining(c, dir.resolve("run"), new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
        LmModel m = LmModel.load(dir.resolve("run/model.zip"));
        List<List<String>> held = LmText.read(text, "char", 0.9, 1);
        var p = m.perplexity(held);
        assertEquals(o.valid().natsPerToken(), p.natsPerToken(), 1e-6, "the saved model scores the validation part as training did");
        // character unigram on the training part
        List<List<String>> train = LmText.read(text, "char", 0, 0.9);
        var v = m.vocabulary();
        var unigram = new edu.cs224n.lm.KneserNey(1, v.size(), v.encode(train)).perplexity(v.encode(held), edu.cs224n.lm.LmVocabulary.UNK_ID);
        assertTrue(p.natsPerToken() < unigram.natsPerToken() - 0.3, "GF-RNN " + p.charSummary() + " vs unigram " + unigram.charSummary());
        assertEquals(p.natsPerToken() / Math.log(2), p.bitsPerToken(), 1e-12);
        assertTrue(m.summary(p).startsWith("BPC="));
        String s = m.sample(List.of("T", "h", "e"), 40, 1.0, 7);
        assertTrue(s.startsWith("The") && s.length() >= 40, s);
        assertFalse(s.contains(" h e"), "characters are joined without spaces: " + s);
    }
}
