package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `tagger jackknife` on the bundled sample: every training sentence comes back, trees intact, tags predicted by a fold tagger. */
class JackknifeCliTest {
    @TempDir
    Path dir;

    @Test
    void tagsEveryTrainingSentenceWithAFoldTaggerAndKeepsTheTrees() {
        Path tagged = dir.resolve("train.tagged.conllu");
        var r = CliTest.run(null, "tagger", "jackknife", "--config", "conf/tagger-ewt.yaml", "--output", dir.resolve("folds").toString(),
                "--tagged", tagged.toString(), "--folds", "2", "--no-progress", "--set", "train=corpora/sample/train.conllu",
                "--set", "dev=corpora/sample/dev.conllu", "--set", "epochs=1", "--set", "hidden=16", "--set", "word_dim=16", "--set", "min_word_count=1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fold 1: held-out UPOS=") && r.out().contains("fold 2: held-out UPOS="), r.out());
        for (int f = 1; f <= 2; f++) assertTrue(Files.exists(dir.resolve("folds/fold-" + f + "/model.zip")), "fold " + f + " keeps its tagger");

        List<Sentence> gold = ConllSequenceRecordReader.read(Path.of("corpora/sample/train.conllu"), false);
        List<Sentence> out = ConllSequenceRecordReader.read(tagged, false);
        assertEquals(gold.size(), out.size());
        long tokens = 0, differ = 0;
        for (int i = 0; i < gold.size(); i++) {
            assertEquals(gold.get(i).text(), out.get(i).text(), "sentence " + (i + 1) + " in its place");
            assertArrayEquals(gold.get(i).heads(), out.get(i).heads(), "the gold tree is kept for the parser");
            for (int k = 0; k < gold.get(i).size(); k++) {
                var g = gold.get(i).tokens().get(k);
                var t = out.get(i).tokens().get(k);
                assertEquals(g.deprel(), t.deprel());
                assertNotEquals("_", t.upos());
                tokens++;
                if (!g.upos().equals(t.upos()) || !g.xpos().equals(t.xpos())) differ++;
            }
        }
        assertTrue(differ > 0, "tags come from held-out taggers, not copied from the gold (" + tokens + " tokens)");

        var one = CliTest.run(null, "tagger", "jackknife", "--config", "conf/tagger-ewt.yaml", "--output", dir.resolve("one").toString(),
                "--tagged", dir.resolve("x.conllu").toString(), "--folds", "1", "--set", "train=corpora/sample/train.conllu");
        assertEquals(2, one.code());
        assertTrue(one.err().contains("--folds: expected >= 2"), one.err());
    }
}
