package edu.cs224n.bench;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.util.RankStatistics;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.nn.ClassFactoredSoftmax;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training speed of the output layer alone (fit of a graph that is only the output layer, Adam included): the full
 * softmax against the class-factored one, on hidden states [streams, hidden, steps] and target words drawn from a
 * real corpus's unigram distribution (so the classes are hit as often as in training).
 */
public final class OutputBenchmark {
    private OutputBenchmark() {}

    public record Result(String output, int classes, double tokensPerSecond) {}

    public static Result[] run(long[] counts, int classes, int hidden, int streams, int steps, int warmup, int repeat, long seed) {
        int vocab = counts.length;
        Random rng = new Random(seed);
        double[] cdf = new double[vocab];
        double total = Arrays.stream(counts).sum(), cum = 0;
        for (int i = 0; i < vocab; i++) cdf[i] = (cum += counts[i]) / total;
        float[] ids = new float[streams * steps];
        for (int i = 0; i < ids.length; i++) {
            int k = Arrays.binarySearch(cdf, rng.nextDouble());
            ids[i] = Math.min(vocab - 1, k >= 0 ? k : -k - 1);
        }
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, streams, hidden, steps).subi(0.5);
        MultiDataSet data = new MultiDataSet(x, Nd4j.create(ids, new long[] {streams, 1, steps}, 'c'));
        Result[] out = new Result[2];
        for (int k = 0; k < 2; k++) {
            var g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new JavaAdam(1e-3))
                    .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("h");
            if (k == 0) {
                g.addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(hidden).nOut(vocab).build(), "h");
            } else {
                g.addLayer("output", new ClassFactoredSoftmax.Builder().classStarts(ClassFactoredSoftmax.frequencyBins(counts, classes))
                        .nIn(hidden).build(), "h");
            }
            ComputationGraph net = new ComputationGraph(g.setOutputs("output").build());
            net.init();
            for (int i = 0; i < warmup; i++) net.fit(data);
            double[] rates = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                net.fit(data);
                rates[i] = (double) streams * steps / ((System.nanoTime() - t0) / 1e9);
            }
            out[k] = new Result(k == 0 ? "softmax" : "class", k == 0 ? 0 : classes, RankStatistics.median(rates));
        }
        return out;
    }

    /**
     * The output layers on {@code train}'s vocabulary (words seen fewer than {@code minCount} times are {@code <unk>}), targets
     * drawn from its unigram distribution; {@code classes} 0 = sqrt(|V|). Returns the lines to print.
     */
    public static List<String> measure(java.nio.file.Path train, int minCount, int classes, int hidden, int streams, int steps, int warmup, int repeat) {
        List<List<String>> text = LmText.readWords(train);
        LmVocabulary vocab = LmVocabulary.build(text, minCount, 0);
        long[] counts = new long[vocab.size()];
        for (int[] s : vocab.encode(text)) for (int id : s) counts[id]++;
        int k = classes > 0 ? classes : (int) Math.round(Math.sqrt(vocab.size()));
        Result[] r = run(counts, k, hidden, streams, steps, warmup, repeat, 42);
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "vocabulary=%d hidden=%d tokens_per_call=%d", vocab.size(), hidden, streams * steps));
        for (Result x : r) lines.add(String.format(Locale.ROOT, "output=%s classes=%d tokens_per_second=%.0f", x.output(), x.classes(), x.tokensPerSecond()));
        lines.add(String.format(Locale.ROOT, "speedup=%.1f", r[1].tokensPerSecond() / r[0].tokensPerSecond()));
        return lines;
    }
}
