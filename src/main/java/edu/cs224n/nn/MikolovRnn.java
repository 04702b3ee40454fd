package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The recurrent layer of Mikolov's RNN LM (CS224n assignment 2 section 3): h(t) = sigmoid(h(t-1) H + e(t) I + b1), with
 * DL4J SimpleRnn's parameters ({@code W} = I {@code [nIn, nOut]}, {@code RW} = H {@code [nOut, nOut]}, {@code b})
 * and activation (sigmoid unless set). Its own computation ({@link MikolovRnnLayer}) because DL4J's SimpleRnn
 * backpropagates each truncated-BPTT segment as if it had started from a zero state: its gradients are wrong under
 * TBPTT in M2.1. Data format NCW, masks, TBPTT and {@code rnnTimeStep} are supported.
 */
public class MikolovRnn extends SimpleRnn {
    /** For JSON deserialisation. */
    public MikolovRnn() {
        super(new SimpleRnn.Builder().activation(Activation.SIGMOID));
    }

    private MikolovRnn(Builder b) {
        super(b);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (hasLayerNorm()) throw new IllegalArgumentException("MikolovRnn has no layer norm");
        return LayerWiring.wire(new MikolovRnnLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perStep = 2 * getNOut(); // activations and pre-activations
        return LayerWiring.memory(layerName, MikolovRnn.class, inputType, getOutputType(-1, inputType), initializer().numParams(this), getNOut(), perStep);
    }

    public static final class Builder extends SimpleRnn.Builder {
        public Builder() {
            activation(Activation.SIGMOID);
        }

        @Override
        public MikolovRnn build() {
            return new MikolovRnn(this);
        }
    }
}
