package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a layer of this package as named row-major matrices, one after another in the layer's flat view:
 * a subclass lists them in order with their shapes, says which are biases, and initialises them; the views, counts
 * and key lists DL4J asks for follow.
 */
abstract class ShapedParams implements ParamInitializer {
    /** Each parameter's name and [rows, columns], in their order in the flat view. */
    abstract Map<String, long[]> shapes(Layer layer);

    abstract List<String> biases(Layer layer);

    /** Sets fresh values into the views (called only when DL4J asks for initialisation). */
    abstract void initialise(Layer layer, Map<String, INDArray> views);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return shapes(layer).values().stream().mapToLong(s -> s[0] * s[1]).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.copyOf(shapes(layer).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> biases = biases(layer);
        return paramKeys(layer).stream().filter(k -> !biases.contains(k)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return biases(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biases(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> views = views(conf.getLayer(), paramsView);
        if (initializeParams) initialise(conf.getLayer(), views);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(Layer layer, INDArray flat) {
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long o = 0;
        for (var e : shapes(layer).entrySet()) {
            long n = e.getValue()[0] * e.getValue()[1];
            out.put(e.getKey(), row.get(NDArrayIndex.interval(o, o + n)).reshape('c', e.getValue()));
            o += n;
        }
        return out;
    }
}
