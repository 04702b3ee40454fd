package edu.cs224n.lm;

import edu.cs224n.nn.MikolovRnn;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Mikolov's RNN LM (seed 002 section 3) as a ComputationGraph: token ids -> embedding e(t) (L) -> {@link MikolovRnn}
 * h(t) = sigmoid(h(t-1) H + e(t) I + b1) -> softmax(h(t) U + b2) over the vocabulary, sparse cross-entropy,
 * truncated BPTT of {@code tau} steps, Adam.
 */
public final class RnnLmNetwork {
    private RnnLmNetwork() {}

    public static ComputationGraph build(int vocab, int embedding, int hidden, int tau, double learningRate, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(learningRate)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("ids")
                .addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(embedding).hasBias(false)
                        .outputDataFormat(RNNFormat.NCW).build(), "ids")
                .addLayer("rnn", new MikolovRnn.Builder().nIn(embedding).nOut(hidden).build(), "embedding")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(hidden).nOut(vocab).build(), "rnn")
                .setOutputs("output")
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tau).tBPTTBackwardLength(tau)
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /**
     * Perplexity of a stream, read as one sequence in windows of {@code window} tokens with the state carried
     * (rnnTimeStep). Every token is predicted, the first from {@code </s>} (the stream is taken to follow a
     * sentence end), so the count of predicted tokens equals the n-gram models'.
     */
    public static Perplexity perplexity(ComputationGraph net, TokenStream stream, int window) {
        int[] tokens = stream.tokens();
        net.rnnClearPreviousState();
        double nll = 0;
        long unk = 0;
        for (int from = 0; from < tokens.length; from += window) {
            int n = Math.min(window, tokens.length - from);
            float[] x = new float[n];
            for (int t = 0; t < n; t++) x[t] = from + t == 0 ? LmVocabulary.EOS_ID : tokens[from + t - 1];
            INDArray probs = net.rnnTimeStep(Nd4j.create(x, new long[] {1, 1, n}, 'c'))[0]; // [1, V, n]
            for (int t = 0; t < n; t++) {
                int next = tokens[from + t];
                nll -= Math.log(Math.max(probs.getDouble(0, next, t), Double.MIN_NORMAL));
                if (next == LmVocabulary.UNK_ID) unk++;
            }
        }
        net.rnnClearPreviousState();
        return new Perplexity(nll, tokens.length, unk);
    }
}
