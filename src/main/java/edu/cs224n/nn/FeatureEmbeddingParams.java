package edu.cs224n.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a {@link FeatureEmbedding}: {@code E0, E1, ...}, laid one after another in the layer's
 * parameter view, each {@code [size, dim]} in row-major order. Initialised by the layer's weight init with
 * fan-in 1 and fan-out dim, as DL4J initialises its own embedding layers.
 */
public final class FeatureEmbeddingParams implements ParamInitializer {
    public static final FeatureEmbeddingParams INSTANCE = new FeatureEmbeddingParams();

    private FeatureEmbeddingParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeatureEmbedding f = (FeatureEmbedding) layer;
        long n = 0;
        for (int g = 0; g < f.groups(); g++) n += (long) f.size(g) * f.dim(g);
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        FeatureEmbedding f = (FeatureEmbedding) layer;
        List<String> keys = new ArrayList<>();
        for (int g = 0; g < f.groups(); g++) keys.add(FeatureEmbedding.table(g));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return paramKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeatureEmbedding f = (FeatureEmbedding) conf.getLayer();
        Map<String, INDArray> tables = views(f, paramsView);
        if (initializeParams) {
            for (int g = 0; g < f.groups(); g++) {
                INDArray t = tables.get(FeatureEmbedding.table(g));
                f.getWeightInitFn().init(1, f.dim(g), t.shape(), 'c', t);
            }
        }
        return tables;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FeatureEmbedding) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FeatureEmbedding f, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray row = flat.reshape(flat.length());
        long offset = 0;
        for (int g = 0; g < f.groups(); g++) {
            long n = (long) f.size(g) * f.dim(g);
            out.put(FeatureEmbedding.table(g), row.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', f.size(g), f.dim(g)));
            offset += n;
        }
        return out;
    }
}
