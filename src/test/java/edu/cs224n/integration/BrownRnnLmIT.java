package edu.cs224n.integration;

import edu.cs224n.lm.KneserNey;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.lm.Perplexity;
import edu.cs224n.lm.RnnLmNetwork;
import edu.cs224n.lm.TokenStream;
import edu.cs224n.testing.SharedData;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A short truncated-BPTT run of the Mikolov RNN LM on a slice of Brown: held-out perplexity falls well below a unigram model's. */
class BrownRnnLmIT {
    @Test
    void rnnLmBeatsTheUnigramBaselineOnAHeldOutSlice() {
        List<List<String>> train = LmText.readLines(SharedData.require("corpora/brown/brown.train.txt")).subList(0, 3000);
        List<List<String>> held = LmText.readLines(SharedData.require("corpora/brown/brown.valid.txt")).subList(0, 500);
        LmVocabulary v = LmVocabulary.build(train, 3, 2000);
        Perplexity unigram = new KneserNey(1, v.size(), v.encode(train)).perplexity(v.encode(held), LmVocabulary.UNK_ID);

        Nd4j.getRandom().setSeed(7);
        ComputationGraph net = RnnLmNetwork.build(v.size(), 32, 64, 10, 5e-3, 7);
        TokenStream heldStream = new TokenStream(v.encode(held));
        Perplexity untrained = RnnLmNetwork.perplexity(net, heldStream, 200);
        assertEquals(v.size(), untrained.value(), 0.15 * v.size(), "an untrained model is close to uniform: " + untrained.summary());

        DataSet epoch = new TokenStream(v.encode(train)).asBatch(16);
        double firstLoss = Double.NaN;
        for (int e = 0; e < 3; e++) {
            net.fit(epoch);
            if (e == 0) firstLoss = net.score();
        }
        Perplexity trained = RnnLmNetwork.perplexity(net, heldStream, 200);
        System.out.println("Brown slice, held out: unigram " + unigram.summary() + "; untrained RNN " + untrained.summary() + "; RNN after 3 epochs " + trained.summary());
        assertTrue(net.score() < firstLoss, "training loss falls: " + firstLoss + " -> " + net.score());
        assertEquals(unigram.tokens(), trained.tokens(), "both models predict every token");
        assertTrue(trained.value() < 0.85 * unigram.value(), "RNN " + trained.summary() + " vs unigram " + unigram.summary());
    }
}
