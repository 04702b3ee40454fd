package edu.cs224n.lm;

import edu.cs224n.nn.FusedAdamUpdater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The LM training graph: every truncated-BPTT update of a language model goes through the fused updater. */
class CarriedStateGraphTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn=mikolov", "rnn=stacked-gru,output=class", "rnn=stacked-gru,layers=2,tie=true,embedding=32,dropout=0.1"})
    void everyUpdateOfALanguageModelIsFused(String architecture) throws Exception {
        LmConfig c = LmTrainingTest.config(architecture.split(","));
        List<List<String>> text = LmText.readWords(Path.of("corpora/sample/train.conllu"));
        LmVocabulary vocab = LmVocabulary.build(text, c.minCount(), c.maxVocab());
        TokenStream stream = new TokenStream(vocab.encode(text));
        long[] counts = new long[vocab.size()];
        for (int id : stream.tokens()) counts[id]++;
        CarriedStateGraph net = CarriedStateGraph.of(RnnLmNetwork.build(c, vocab.size(), counts));
        DataSet all = stream.asBatch(4);
        long steps = 3L * c.tau();
        assertTrue(all.getFeatures().size(2) >= steps, "the sample is long enough");
        var window = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, steps);
        var all3 = org.nd4j.linalg.indexing.NDArrayIndex.all();
        net.fit(new MultiDataSet(all.getFeatures().get(all3, all3, window).dup('c'), all.getLabels().get(all3, all3, window).dup('c')));
        assertEquals(3, ((FusedAdamUpdater) net.getUpdater()).fusedUpdates(), "one fused update per truncated-BPTT segment");
        assertSame(net, CarriedStateGraph.of(net), "a CarriedStateGraph is kept as it is");
        assertInstanceOf(FusedAdamUpdater.class, net.getUpdater());
    }

    @Test
    void aCopyKeepsTheParametersAndTheUpdaterState() {
        LmConfig c = LmTrainingTest.config("rnn=mikolov");
        long[] counts = new long[50];
        java.util.Arrays.fill(counts, 3);
        ComputationGraph plain = RnnLmNetwork.build(c, 50, counts);
        CarriedStateGraph copy = CarriedStateGraph.of(plain);
        assertEquals(plain.params(), copy.params());
        assertEquals(plain.getUpdater().getStateViewArray(), copy.getUpdater().getStateViewArray());
    }
}
