package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** What every layer configuration of this package does in {@code instantiate} and {@code getMemoryReport}. */
final class LayerWiring {
    private LayerWiring() {}

    /** Connects a new runtime layer to its listeners, index, parameter view (initialised if asked) and configuration. */
    static Layer wire(Layer layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                      INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The input's type with {@code width} units per step (recurrent, same steps and format) or per example. */
    static InputType withWidth(InputType in, long width) {
        if (in.getType() == InputType.Type.RNN) {
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) in;
            return InputType.recurrent(width, r.getTimeSeriesLength(), r.getFormat());
        }
        return InputType.feedForward(width);
    }

    /** A memory report: parameters (and as many gradients), working memory per example for inference and training, no cache. */
    static LayerMemoryReport memory(String name, Class<? extends org.deeplearning4j.nn.conf.layers.Layer> type, InputType in,
                                    InputType out, long params, long inferencePerExample, long trainingPerExample) {
        return new LayerMemoryReport.Builder(name, type, in, out)
                .standardMemory(params, params)
                .workingMemory(0, 0, inferencePerExample, trainingPerExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
