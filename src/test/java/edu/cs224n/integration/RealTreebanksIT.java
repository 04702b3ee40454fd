package edu.cs224n.integration;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Integration tests on the real corpora under the data root ($CS224N_DATA, default ../shared): the
 * reader takes every file whole, and short trainings on slices beat trivial baselines by far.
 * Missing corpora fail under CI=true.
 */
class RealTreebanksIT {
    static final String EWT = "corpora/ud-english-ewt/en_ewt-ud-";
    static final String PTB = "corpora/ptb-wsj-sample/wsj-sample-";

    @Test
    void readerTakesEveryRealFileAsTrees() {
        int[] expected = {12544, 2001, 2077, 3396, 273, 245};
        String[] files = {EWT + "train.conllu", EWT + "dev.conllu", EWT + "test.conllu", PTB + "train.conll", PTB + "dev.conll", PTB + "test.conll"};
        for (int i = 0; i < files.length; i++) {
            List<Sentence> s = ConllSequenceRecordReader.read(SharedData.require(files[i]), true);
            assertEquals(expected[i], s.size(), files[i]);
        }
        List<Sentence> ewt = ConllSequenceRecordReader.read(SharedData.require(EWT + "dev.conllu"), true);
        assertTrue(ewt.stream().anyMatch(s -> !s.extras().isEmpty()), "EWT has multiword tokens, kept for output");
        assertTrue(ewt.stream().allMatch(Sentence::isLabelled));
        assertFalse(ConllSequenceRecordReader.read(SharedData.require(PTB + "dev.conll"), true).get(0).isLabelled());
    }

    /** Attach each word to its left neighbour, the first to ROOT (a trivial baseline). */
    static double leftNeighbourUas(List<Sentence> gold) {
        long n = 0, ok = 0;
        for (Sentence s : gold) {
            for (int i = 0; i < s.size(); i++) {
                n++;
                if (s.tokens().get(i).head() == i) ok++;
            }
        }
        return 100.0 * ok / n;
    }

    static ParserTraining.Outcome train(String conf, Path dir, String... overrides) throws Exception {
        ParserConfig c = Configs.load(Path.of(conf), List.of(overrides), ParserConfig.defaults(), ParserConfig.class);
        return new ParserTraining(c, dir, new PrintStream(new ByteArrayOutputStream())).run(false, false);
    }

    @Test
    void ewtSliceTrainsWellAboveTrivial(@TempDir Path dir) throws Exception {
        SharedData.require(EWT + "train.conllu");
        ParserTraining.Outcome o = train("conf/parser-ewt.yaml", dir, "max_train_sentences=2000", "epochs=6", "batch_size=512",
                "threads=1", "test=");
        double baseline = leftNeighbourUas(ConllSequenceRecordReader.read(SharedData.require(EWT + "dev.conllu"), true));
        assertTrue(o.dev().uas() >= 70, "EWT dev UAS " + o.dev().uas());
        assertTrue(o.dev().uas() > baseline + 25, "EWT dev UAS " + o.dev().uas() + " vs left-neighbour baseline " + baseline);
        assertTrue(o.dev().las() >= 60, "EWT dev LAS " + o.dev().las());
    }

    @Test
    void ptbSampleUnlabelledTrainsWellAboveTrivial(@TempDir Path dir) throws Exception {
        SharedData.require(PTB + "train.conll");
        ParserTraining.Outcome o = train("conf/parser-ptb-sample.yaml", dir, "max_train_sentences=2000", "epochs=5", "batch_size=512",
                "threads=1", "test=");
        double baseline = leftNeighbourUas(ConllSequenceRecordReader.read(SharedData.require(PTB + "dev.conll"), true));
        assertEquals(3, o.model().vocabulary().transitionSystem().numTransitions());
        assertTrue(o.dev().uas() >= 70 && o.dev().uas() > baseline + 25, "PTB dev UAS " + o.dev().uas() + " vs baseline " + baseline);
    }
}
