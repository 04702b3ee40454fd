package edu.cs224n.seq2seq;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.nn.AttentionDecoder;
import edu.cs224n.nn.ReverseWithinMask;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A character encoder-decoder as a ComputationGraph. Inputs, all [mb, 1, T] on one time axis (each sequence padded at
 * its end, masks on the first two): the source's symbol ids, the decoder's previous outputs (BOS, y_1 .. y_m: teacher
 * forcing) and the source's mask as a value (the decoder layer reads it to know the input's length).
 * <pre>
 *   source -> embedding -> LSTM                                          (forward states)
 *                       -> reverse (within its mask) -> LSTM -> reverse  (backward states)
 *   [forward; backward; source mask; embedded previous outputs] -> {@link AttentionDecoder} -> softmax over symbols
 * </pre>
 * With {@code classes > 0} a second output predicts one class per sequence from the encoder's final states.
 * The encoder is two LSTMs and {@link ReverseWithinMask} rather than a {@code Bidirectional} layer: in M2.1 the latter
 * runs its backward direction from the padding (see the README's DL4J notes), which would give a word other states in a
 * batch of longer words.
 */
public final class Seq2SeqNetwork {
    public static final String SOURCE = "source", PREVIOUS = "previous", SOURCE_MASK = "source_mask";
    public static final String FORWARD = "encoder_forward", BACKWARD = "encoder_backward", PREVIOUS_EMBEDDING = "previous_embedding",
            DECODER = "decoder", OUTPUT = "output", CLASS = "sequence_class";

    private Seq2SeqNetwork() {}

    public static ComputationGraph build(int sourceSymbols, int targetSymbols, Seq2SeqSizes s) {
        return build(sourceSymbols, targetSymbols, s, DataType.FLOAT, new JavaAdam(s.learningRate()));
    }

    /** With the data type and updater given (a gradient check: DOUBLE and NoOp). */
    public static ComputationGraph build(int sourceSymbols, int targetSymbols, Seq2SeqSizes s, DataType type, IUpdater updater) {
        double retain = 1 - s.dropout();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(s.seed()).dataType(type).updater(updater).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs(SOURCE, PREVIOUS, SOURCE_MASK)
                .addLayer("source_embedding", embedding(sourceSymbols, s.embedding()), SOURCE)
                .addLayer(FORWARD, lstm(s.embedding(), s.hidden(), retain), "source_embedding")
                .addLayer("source_reversed", new ReverseWithinMask(), "source_embedding")
                .addLayer("encoder_backward_reversed", lstm(s.embedding(), s.hidden(), retain), "source_reversed")
                .addLayer(BACKWARD, new ReverseWithinMask(), "encoder_backward_reversed")
                .addLayer(PREVIOUS_EMBEDDING, embedding(targetSymbols, s.embedding()), PREVIOUS)
                .addVertex("decoder_input", new MergeVertex(), FORWARD, BACKWARD, SOURCE_MASK, PREVIOUS_EMBEDDING)
                .addLayer(DECODER, new AttentionDecoder.Builder().nIn(s.encoderSize() + 1 + s.embedding()).encoderSize(s.encoderSize())
                        .hidden(s.decoderSize()).attentionSize(s.attention()).build(), "decoder_input");
        int features = s.decoderSize() + (s.attention() > 0 ? s.encoderSize() : 0);
        g.addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(features).nOut(targetSymbols).dropOut(dropout(retain)).build(), DECODER);
        if (s.classes() > 0) {
            // the forward LSTM's last real state and the backward one's state at position 0 (the last of the reversed input)
            g.addVertex("forward_last", new LastTimeStepVertex(SOURCE), FORWARD)
                    .addVertex("backward_first", new LastTimeStepVertex(SOURCE), "encoder_backward_reversed")
                    .addVertex("encoder_final", new MergeVertex(), "forward_last", "backward_first")
                    .addLayer(CLASS, new OutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX)
                            .nIn(s.encoderSize()).nOut(s.classes()).dropOut(dropout(retain)).build(), "encoder_final");
            g.setOutputs(OUTPUT, CLASS);
        } else {
            g.setOutputs(OUTPUT);
        }
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static EmbeddingSequenceLayer embedding(int symbols, int dim) {
        return new EmbeddingSequenceLayer.Builder().nIn(symbols).nOut(dim).inferInputLength(true).outputDataFormat(RNNFormat.NCW).build();
    }

    /** DL4J's {@code dropOut} is the retain probability on the layer's input; none at all when everything is kept. */
    private static IDropout dropout(double retain) {
        return retain >= 1 ? null : new Dropout(retain);
    }

    private static LSTM lstm(int in, int out, double retain) {
        return new LSTM.Builder().nIn(in).nOut(out).activation(Activation.TANH).dataFormat(RNNFormat.NCW).dropOut(dropout(retain)).build();
    }
}
