package edu.cs224n.lm;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.config.Configs;
import java.util.Map;

import edu.cs224n.nn.ClassFactoredSoftmax;
import edu.cs224n.nn.WordOutputLayer;
import edu.cs224n.nn.FullSoftmax;
import edu.cs224n.nn.GatedFeedbackRnn;
import edu.cs224n.nn.InvertedDropout;
import edu.cs224n.nn.TiedEmbedding;
import edu.cs224n.nn.TiedEmbeddingLayer;
import edu.cs224n.nn.MikolovRnn;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An RNN LM as a ComputationGraph: token ids -> embedding e(t) (L) -> the recurrent part -> softmax over the
 * vocabulary ({@link FullSoftmax}), truncated BPTT of {@code tau} steps, Adam. With {@code rnn: mikolov} it is Mikolov's RNN LM (CS224n assignment 2
 * section 3): h(t) = sigmoid(h(t-1) H + e(t) I + b1), y = softmax(h(t) U + b2). The recurrent part can instead be a
 * stacked tanh or GRU RNN or a Gated-Feedback RNN ({@link GatedFeedbackRnn}), and the output a class-factored
 * softmax ({@link ClassFactoredSoftmax}); dropout applies to the recurrent part's input and output, with a new mask at
 * each step or one per sequence; the input embedding can be tied to the output layer's word vectors ({@link TiedEmbedding}).
 */
public final class RnnLmNetwork {
    private RnnLmNetwork() {}

    /** Mikolov's RNN LM with a full softmax. */
    public static ComputationGraph build(int vocab, int embedding, int hidden, int tau, double learningRate, long seed) {
        LmConfig c = Configs.with(LmConfig.defaults(), Map.of("embedding", embedding, "hidden", hidden, "tau", tau, "learning_rate", learningRate,
                "seed", seed));
        return build(c, vocab, null);
    }

    /**
     * @param counts training-token counts per id, for the class-factored softmax's frequency bins (unused otherwise)
     */
    public static ComputationGraph build(LmConfig c, int vocab, long[] counts) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(c.seed()).dataType(DataType.FLOAT).updater(new JavaAdam(c.learningRate())).weightInit(WeightInit.XAVIER);
        if (c.clip() > 0) base.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(c.clip());
        // Dropout with one mask per sequence is its own layer on each side of the recurrent part; with a new mask at
        // every step it is DL4J's dropout on the inputs of the recurrent and output layers.
        boolean sequenceMask = c.dropout() > 0 && c.dropoutMask().equals("sequence");
        boolean stepMask = c.dropout() > 0 && !sequenceMask;
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("ids");
        if (c.tie()) g.addLayer("embedding", new TiedEmbedding("output", c.embedding()), "ids");
        else g.addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(c.embedding()).hasBias(false)
                .outputDataFormat(RNNFormat.NCW).build(), "ids");
        String rnnInput = "embedding", outputInput = "rnn";
        if (sequenceMask) {
            g.addLayer("embedding-dropout", InvertedDropout.overTime(c.dropout()), "embedding");
            rnnInput = "embedding-dropout";
        }
        g.addLayer("rnn", recurrent(c, stepMask), rnnInput);
        if (sequenceMask) {
            g.addLayer("rnn-dropout", InvertedDropout.overTime(c.dropout()), "rnn");
            outputInput = "rnn-dropout";
        }
        if (c.output().equals("class")) {
            int classes = c.classes() > 0 ? Math.min(c.classes(), vocab) : (int) Math.max(1, Math.round(Math.sqrt(vocab)));
            if (counts == null || counts.length != vocab) throw new IllegalArgumentException("a class-factored output needs the training counts of all " + vocab + " ids");
            var out = new ClassFactoredSoftmax.Builder().classStarts(ClassFactoredSoftmax.frequencyBins(counts, classes)).nIn(c.hidden());
            if (stepMask) out.dropOut(new Dropout(1 - c.dropout()));
            g.addLayer("output", out.build(), outputInput);
        } else {
            var out = new FullSoftmax.Builder().nIn(c.hidden()).nOut(vocab);
            if (stepMask) out.dropOut(new Dropout(1 - c.dropout()));
            g.addLayer("output", out.build(), outputInput);
        }
        ComputationGraphConfiguration conf = g.setOutputs("output")
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(c.tau()).tBPTTBackwardLength(c.tau())
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        TiedEmbeddingLayer.tie(net);
        return net;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer recurrent(LmConfig c, boolean dropout) {
        org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer.Builder<?> b = switch (c.rnn()) {
            case "mikolov" -> new MikolovRnn.Builder();
            case "stacked-tanh" -> new GatedFeedbackRnn.Builder().layers(c.layers()).unit(GatedFeedbackRnn.Unit.TANH);
            case "stacked-gru" -> new GatedFeedbackRnn.Builder().layers(c.layers()).unit(GatedFeedbackRnn.Unit.GRU);
            case "gf-tanh" -> new GatedFeedbackRnn.Builder().layers(c.layers()).unit(GatedFeedbackRnn.Unit.TANH).globalGates(true);
            case "gf-gru" -> new GatedFeedbackRnn.Builder().layers(c.layers()).unit(GatedFeedbackRnn.Unit.GRU).globalGates(true);
            default -> throw new IllegalArgumentException("rnn: expected one of " + LmConfig.RNNS + ", got " + c.rnn());
        };
        b.nIn(c.embedding()).nOut(c.hidden());
        if (dropout) b.dropOut(new Dropout(1 - c.dropout()));
        return b.build();
    }

    /**
     * Perplexity of a stream, read as one sequence in windows of {@code window} tokens with the state carried
     * (rnnTimeStep). Every token is predicted, the first from {@code </s>} (the stream is taken to follow a
     * sentence end), so the count of predicted tokens equals the n-gram models'.
     */
    public static Perplexity perplexity(ComputationGraph net, TokenStream stream, int window) {
        return perplexity(net, stream, window, 1);
    }

    /**
     * The same over {@code parts} contiguous parts of the stream read side by side (a minibatch of rnnTimeStep):
     * faster, and exact for parts = 1; each later part starts from a zero state (its first input is still the
     * token before it), so its first few predictions are slightly worse.
     */
    public static Perplexity perplexity(ComputationGraph net, TokenStream stream, int window, int parts) {
        int[] tokens = stream.tokens();
        int n = tokens.length;
        int p = Math.max(1, Math.min(parts, n));
        int len = (n + p - 1) / p;
        // This project's output layers give the targets' probabilities alone (for the class-factored softmax, C +
        // |class| per token instead of |V|); DL4J's RnnOutputLayer (models saved before FullSoftmax) the distribution.
        WordOutputLayer<?> targetsOnly = net.getOutputLayer(0) instanceof WordOutputLayer<?> w ? w : null;
        net.rnnClearPreviousState();
        double nll = 0;
        long unk = 0;
        for (int from = 0; from < len; from += window) {
            int steps = Math.min(window, len - from);
            float[] x = new float[p * steps];
            for (int b = 0; b < p; b++) {
                for (int t = 0; t < steps; t++) {
                    int at = b * len + from + t;
                    x[b * steps + t] = at == 0 || at > n ? LmVocabulary.EOS_ID : tokens[at - 1]; // past the end: padding
                }
            }
            if (targetsOnly != null) {
                int[] ids = new int[p * steps];
                for (int b = 0; b < p; b++) for (int t = 0; t < steps; t++) ids[b * steps + t] = tokens[Math.min(b * len + from + t, n - 1)]; // padding: any id
                targetsOnly.probabilitiesOf(ids);
            }
            INDArray probs = net.rnnTimeStep(Nd4j.create(x, new long[] {p, 1, steps}, 'c'))[0]; // [p, V, steps], or [p, 1, steps]
            for (int b = 0; b < p; b++) {
                for (int t = 0; t < steps; t++) {
                    int at = b * len + from + t;
                    if (at >= n) continue;
                    int next = tokens[at];
                    nll -= Math.log(Math.max(probs.getDouble(b, targetsOnly != null ? 0 : next, t), Double.MIN_NORMAL));
                    if (next == LmVocabulary.UNK_ID) unk++;
                }
            }
        }
        net.rnnClearPreviousState();
        return new Perplexity(nll, n, unk);
    }
}
