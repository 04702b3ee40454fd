package edu.cs224n.integration;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.parser.FeatureExtractor;
import edu.cs224n.parser.GraphScorer;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.parser.PrecomputedScorer;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
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
        ParserConfig c = Configs.load(Path.of(conf), List.of(overrides), ParserConfig.class);
        return new ParserTraining(c, dir, new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
    }

    @Test
    void ewtSliceTrainsWellAboveTrivial(@TempDir Path dir) throws Exception {
        SharedData.require(EWT + "train.conllu");
        ParserTraining.Outcome o = train("conf/parser-ewt.yaml", dir, "max_train_sentences=2000", "epochs=4", "batch_size=512",
                "threads=1", "test=");
        double baseline = leftNeighbourUas(ConllSequenceRecordReader.read(SharedData.require(EWT + "dev.conllu"), true));
        assertTrue(o.dev().uas() >= 70, "EWT dev UAS " + o.dev().uas());
        assertTrue(o.dev().uas() > baseline + 25, "EWT dev UAS " + o.dev().uas() + " vs left-neighbour baseline " + baseline);
        assertTrue(o.dev().las() >= 60, "EWT dev LAS " + o.dev().las());

        // The pre-computed path against the plain ComputationGraph on the first 700 EWT dev sentences (a third; the
        // graph path is the slow one), and its output whatever the threads and batch.
        List<Sentence> dev = ConllSequenceRecordReader.read(SharedData.require(EWT + "dev.conllu"), true).subList(0, 700);
        ParserModel m = o.model();
        List<Sentence> graph = m.parse(dev, 5000, new GraphScorer(m.network(), FeatureExtractor.of(m.vocabulary())));
        PrecomputedScorer.Tables tables = m.precompute();
        List<Sentence> fast = m.parse(dev, 5000, 1, tables);
        AttachmentScores g = AttachmentScores.score(dev, graph);
        AttachmentScores f = AttachmentScores.score(dev, fast);
        assertEquals(String.format("%.2f %.2f", g.uas(), g.las()), String.format("%.2f %.2f", f.uas(), f.las()), "dev UAS/LAS, graph vs pre-computed");
        long words = 0;
        long same = 0;
        for (int i = 0; i < dev.size(); i++) {
            int[] a = graph.get(i).heads();
            int[] b = fast.get(i).heads();
            for (int w = 0; w < a.length; w++) if (a[w] == b[w]) same++;
            words += a.length;
        }
        assertTrue(same >= 0.9999 * words, "identical heads: " + same + " of " + words);
        for (int[] tb : new int[][] {{2, 5000}, {2, 100}, {1, 1}}) {
            List<Sentence> other = m.parse(dev, tb[1], tb[0], tables);
            for (int i = 0; i < dev.size(); i++) {
                assertEquals(fast.get(i), other.get(i), tb[0] + " threads, batch " + tb[1] + ": sentence " + i);
            }
        }
    }

    @Test
    void ptbSampleUnlabelledTrainsWellAboveTrivial(@TempDir Path dir) throws Exception {
        SharedData.require(PTB + "train.conll");
        ParserTraining.Outcome o = train("conf/parser-ptb-sample.yaml", dir, "max_train_sentences=2000", "epochs=3", "batch_size=512",
                "threads=1", "test=");
        double baseline = leftNeighbourUas(ConllSequenceRecordReader.read(SharedData.require(PTB + "dev.conll"), true));
        assertEquals(3, o.model().vocabulary().transitionSystem().numTransitions());
        assertTrue(o.dev().uas() >= 70 && o.dev().uas() > baseline + 25, "PTB dev UAS " + o.dev().uas() + " vs baseline " + baseline);
    }
}
