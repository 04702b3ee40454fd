package edu.cs224n.integration;

import edu.cs224n.biaffine.BiaffineConfig;
import edu.cs224n.biaffine.BiaffineTraining;
import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.parser.Projectivity;
import edu.cs224n.parser.PseudoProjective;
import edu.cs224n.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The graph parser and the pseudo-projective transform on the real treebank (missing corpora fail under CI=true): every EWT
 * training tree round-trips through the transform exactly, and a biaffine parser trained briefly on a 1,000-sentence slice
 * beats a trivial baseline on the first 1,000 dev sentences by a wide margin (it is not asked to beat the transition parser in so short a time).
 */
class BiaffineParserIT {
    static final String EWT = RealTreebanksIT.EWT;

    @Test
    void everyEwtTrainingTreeRoundTripsThroughThePseudoProjectiveTransform() {
        List<Sentence> train = ConllSequenceRecordReader.read(SharedData.require(EWT + "train.conllu"), true);
        int nonProjective = 0;
        for (Sentence s : train) {
            PseudoProjective.Tree t = PseudoProjective.Tree.of(s);
            boolean np = false;
            for (boolean b : Projectivity.nonProjectiveArcs(t.heads())) np |= b;
            if (np) nonProjective++;
            PseudoProjective.Tree p = PseudoProjective.projectivize(t);
            for (boolean b : Projectivity.nonProjectiveArcs(p.heads())) assertFalse(b, "projective after lifting: " + s.source() + ":" + s.firstLine());
            PseudoProjective.Tree back = PseudoProjective.deprojectivize(p);
            assertArrayEquals(t.heads(), back.heads(), s.source() + ":" + s.firstLine());
            assertArrayEquals(t.labels(), back.labels(), s.source() + ":" + s.firstLine());
        }
        assertEquals(288, nonProjective, "EWT train's non-projective trees");
    }

    @Test
    void aBiaffineParserOnAnEwtSliceBeatsATrivialBaselineByFar(@TempDir Path dir) throws Exception {
        SharedData.require(EWT + "train.conllu");
        // the first 1,000 dev sentences: scored after each epoch, all 2,001 cost as much as a third of the training
        List<Sentence> devSlice = ConllSequenceRecordReader.read(SharedData.require(EWT + "dev.conllu"), true).subList(0, 1000);
        Path dev = dir.resolve("dev-slice.conllu");
        ConllWriter.writeFile(dev, devSlice);
        BiaffineConfig c = Configs.load(Path.of("conf/parser-ewt-biaffine.yaml"),
                List.of("max_train_sentences=1000", "epochs=2", "max_train_minutes=0", "dev=" + dev, "test=", "threads=1"), BiaffineConfig.class);
        BiaffineTraining.Outcome o = new BiaffineTraining(c, dir.resolve("run"), new PrintWriter(new ByteArrayOutputStream(), true)).run(false, false);
        double baseline = RealTreebanksIT.leftNeighbourUas(devSlice);
        assertTrue(o.dev().uas() > baseline + 25, "EWT dev UAS " + o.dev().uas() + " vs left-neighbour baseline " + baseline);
        assertTrue(o.dev().las() > 50, "EWT dev LAS " + o.dev().las());
    }
}
