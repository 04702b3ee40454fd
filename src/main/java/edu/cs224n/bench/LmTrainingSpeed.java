package edu.cs224n.bench;

import edu.cs224n.util.RankStatistics;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.lm.CarriedStateGraph;
import edu.cs224n.lm.RnnLmNetwork;
import edu.cs224n.lm.TokenStream;
import edu.cs224n.config.DataRoot;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training speed of a whole word LM as an LM config builds it (embedding, recurrent part, output layer, truncated BPTT,
 * Adam, clipping), on its real training stream: tokens per second of {@code fit} over consecutive chunks of
 * {@code streams x steps} tokens, the state carried as in training. The median chunk after warm-up is reported, so the
 * figure compares with a reference script that times the same model step by step.
 */
public final class LmTrainingSpeed {
    private LmTrainingSpeed() {}

    public record Result(int vocabulary, long parameters, int tokensPerChunk, int warmupChunks, double tokensPerSecond) {}

    /** The median of {@code repeat} chunks, after at least {@code warmup} chunks and {@code warmupSeconds} of warm-up. */
    public static Result measure(LmConfig c, int steps, int warmup, double warmupSeconds, int repeat) {
        List<List<String>> text = LmText.readWords(DataRoot.resolve(c.train()));
        LmVocabulary vocab = LmVocabulary.build(text, c.minCount(), c.maxVocab());
        long[] counts = new long[vocab.size()];
        TokenStream stream = new TokenStream(vocab.encode(text));
        for (int id : stream.tokens()) counts[id]++;
        ComputationGraph net = CarriedStateGraph.of(RnnLmNetwork.build(c, vocab.size(), counts)); // as training runs it
        DataSet all = stream.asBatch(c.streams());
        long length = all.getFeatures().size(2);
        if (steps > length) throw new IllegalArgumentException("--steps " + steps + " is longer than the training stream (" + length + " steps)");
        double[] rates = new double[repeat];
        long start = System.nanoTime();
        int warm = 0, measured = 0;
        for (long i = 0; measured < repeat; i++) {
            long from = (i * steps) % (length / steps * steps); // wraps around a short text; the state carries on
            INDArray x = all.getFeatures().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + steps)).dup('c');
            INDArray y = all.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + steps)).dup('c');
            long t0 = System.nanoTime();
            net.fit(new MultiDataSet(x, y));
            boolean warming = warm < warmup || (t0 - start) / 1e9 < warmupSeconds;
            if (warming) warm++;
            else rates[measured++] = (double) c.streams() * steps / ((System.nanoTime() - t0) / 1e9);
        }
        return new Result(vocab.size(), net.numParams(), c.streams() * steps, warm, RankStatistics.median(rates));
    }

    public static List<String> lines(LmConfig c, Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "rnn=%s hidden=%d embedding=%d output=%s vocabulary=%d parameters=%d streams=%d tau=%d tokens_per_call=%d warmup_calls=%d",
                c.rnn(), c.hidden(), c.embedding(), c.output(), r.vocabulary(), r.parameters(), c.streams(), c.tau(), r.tokensPerChunk(), r.warmupChunks()));
        lines.add(String.format(Locale.ROOT, "train_tokens_per_second=%.0f", r.tokensPerSecond()));
        return lines;
    }
}
