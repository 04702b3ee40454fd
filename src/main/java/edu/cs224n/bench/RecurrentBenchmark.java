package edu.cs224n.bench;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.util.RankStatistics;
import edu.cs224n.nn.GatedFeedbackRnn;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Training speed of the recurrent stacks against a stack of DL4J SimpleRnn layers of the same width: sequences/s
 * of {@code fit} (forward, backward, Adam) on random data, and the recurrent multiply-adds per sequence, so the
 * cost per multiply-add can be compared (the GF-RNN does about L/2 + 1 times a stack's work).
 */
public final class RecurrentBenchmark {
    private RecurrentBenchmark() {}

    /** The stacks compared. */
    public enum Stack { SIMPLE_RNN, STACKED_TANH, GF_TANH, GF_GRU, STACKED_GRU }

    public record Result(Stack stack, long params, double sequencesPerSecond, double macsPerSequence) {
        public double gigaMacsPerSecond() { return sequencesPerSecond * macsPerSequence / 1e9; }
    }

    public static ComputationGraph network(Stack s, int nIn, int hidden, int layers, int classes, long seed) {
        var g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new JavaAdam(1e-3))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("x");
        String last = "x";
        if (s == Stack.SIMPLE_RNN) {
            for (int j = 0; j < layers; j++) {
                g.addLayer("rnn" + j, new SimpleRnn.Builder().nIn(j == 0 ? nIn : hidden).nOut(hidden).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build(), last);
                last = "rnn" + j;
            }
        } else {
            GatedFeedbackRnn.Unit unit = s == Stack.GF_GRU || s == Stack.STACKED_GRU ? GatedFeedbackRnn.Unit.GRU : GatedFeedbackRnn.Unit.TANH;
            g.addLayer("rnn", new GatedFeedbackRnn.Builder().layers(layers).unit(unit)
                    .globalGates(s == Stack.GF_TANH || s == Stack.GF_GRU).nIn(nIn).nOut(hidden).build(), last);
            last = "rnn";
        }
        g.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(hidden).nOut(classes).build(), last).setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** Recurrent multiply-adds per sequence step (forward), the measure of work the stacks are compared on. */
    static double macsPerStep(Stack s, int nIn, int h, int l) {
        double m = 0;
        for (int j = 0; j < l; j++) {
            double d = j == 0 ? nIn : h;
            m += switch (s) {
                case SIMPLE_RNN, STACKED_TANH -> d * h + (double) h * h;
                case STACKED_GRU -> 3 * d * h + 3.0 * h * h;
                case GF_TANH -> d * h + (double) l * h * h + d * l + (double) l * h * l;
                case GF_GRU -> 3 * d * h + (double) l * h * h + 2.0 * h * h + d * l + (double) l * h * l;
            };
        }
        return m;
    }

    public static List<Result> run(List<Stack> stacks, int nIn, int hidden, int layers, int batch, int steps,
                                   int warmup, int repeat, long seed) {
        List<Result> out = new ArrayList<>();
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, nIn, steps);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, nIn, steps);
        for (int b = 0; b < batch; b++) for (int t = 0; t < steps; t++) y.putScalar(new long[] {b, (b * 7 + t) % nIn, t}, 1);
        MultiDataSet data = new MultiDataSet(x, y);
        for (Stack s : stacks) {
            ComputationGraph net = network(s, nIn, hidden, layers, nIn, seed);
            for (int i = 0; i < warmup; i++) net.fit(data);
            double[] rates = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                net.fit(data);
                rates[i] = batch / ((System.nanoTime() - t0) / 1e9);
            }
            out.add(new Result(s, net.numParams() - net.getLayer("out").numParams(),
                    RankStatistics.median(rates), 3 * steps * macsPerStep(s, nIn, hidden, layers))); // forward + 2x backward
        }
        return out;
    }

    /** One line per stack, with its speed relative to the SimpleRnn stack (per sequence and per multiply-add). */
    public static List<String> lines(List<Result> results) {
        double base = results.stream().filter(r -> r.stack() == Stack.SIMPLE_RNN).mapToDouble(Result::gigaMacsPerSecond).findFirst().orElse(Double.NaN);
        double baseSeq = results.stream().filter(r -> r.stack() == Stack.SIMPLE_RNN).mapToDouble(Result::sequencesPerSecond).findFirst().orElse(Double.NaN);
        List<String> lines = new ArrayList<>();
        for (Result r : results) {
            lines.add(String.format(java.util.Locale.ROOT, "stack=%s params=%d sequences_per_second=%.1f gmacs_per_second=%.2f vs_simple_rnn_sequences=%.2f vs_simple_rnn_per_mac=%.2f",
                    r.stack(), r.params(), r.sequencesPerSecond(), r.gigaMacsPerSecond(), r.sequencesPerSecond() / baseSeq, r.gigaMacsPerSecond() / base));
        }
        return lines;
    }
}
