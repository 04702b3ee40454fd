package edu.cs224n.parser;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The fused definition of the parser head against the plain one (one DL4J embedding layer per group). */
class ParserNetworkTest {

    @Test
    void fusedAndPlainGiveTheSameLossCurveFromTheSameParameters() throws Exception {
        ParserConfig c = Configs.load(Path.of("conf/parser-sample.yaml"), List.of("threads=1"), ParserConfig.class);
        List<Sentence> train = ConllSequenceRecordReader.read(Path.of(c.train()), true);
        ParserVocabulary vocab = ParserVocabulary.build(train, c.tagSets(), c.labelled(), c.lowercase(), c.minWordCount());
        ComputationGraph plain = ParserNetwork.build(vocab, c.withNetwork("plain"));
        ComputationGraph fused = ParserNetwork.build(vocab, c.withNetwork("fused"));
        assertFalse(ParserNetwork.isFused(plain));
        assertTrue(ParserNetwork.isFused(fused));
        assertEquals(plain.numParams(), fused.numParams(), "the same function: the same parameters");
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        for (int g = 0; g < fx.groups(); g++) ParserNetwork.table(fused, vocab, g).assign(ParserNetwork.table(plain, vocab, g));
        for (String layer : new String[] {ParserNetwork.HIDDEN, ParserNetwork.OUTPUT}) {
            for (var e : plain.getLayer(layer).paramTable().entrySet()) fused.getLayer(layer).getParam(e.getKey()).assign(e.getValue());
        }

        TrainingExamples examples = TrainingExamples.build(train, vocab);
        int classes = vocab.transitionSystem().numTransitions();
        ExampleIterator a = new ExampleIterator(examples, ParserNetwork.inputWidths(plain, fx), classes, 64, 7);
        ExampleIterator b = new ExampleIterator(examples, ParserNetwork.inputWidths(fused, fx), classes, 64, 7);
        double first = 0, last = 0;
        for (int step = 0; step < 40; step++) {
            if (!a.hasNext()) {
                a.reset();
                b.reset();
            }
            Nd4j.getRandom().setSeed(100 + step); // the same dropout mask in both
            plain.fit(a.next());
            Nd4j.getRandom().setSeed(100 + step);
            fused.fit(b.next());
            assertEquals(plain.score(), fused.score(), 1e-4 * Math.max(1, plain.score()), "loss at step " + step);
            if (step == 0) first = plain.score();
            last = plain.score();
        }
        assertTrue(last < 0.8 * first, "the loss falls: " + first + " -> " + last);
        for (int g = 0; g < fx.groups(); g++) {
            INDArray p = ParserNetwork.table(plain, vocab, g);
            INDArray f = ParserNetwork.table(fused, vocab, g);
            assertTrue(p.equalsWithEps(f, 1e-3), "embedding table " + g + " after 40 Adam steps");
        }
    }
}
