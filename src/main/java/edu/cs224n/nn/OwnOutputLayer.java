package edu.cs224n.nn;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * What this package's output layers share: labels, no pretraining, and none of the classifier methods of
 * {@link IOutputLayer} (they are trained and scored through their ComputationGraph).
 */
abstract class OwnOutputLayer<C extends org.deeplearning4j.nn.conf.layers.FeedForwardLayer> extends BaseLayer<C> implements IOutputLayer {
    protected INDArray labels;

    OwnOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override public boolean isPretrainLayer() { return false; }

    @Override public boolean hasBias() { return true; }

    @Override public boolean needsLabels() { return true; }

    @Override public void setLabels(INDArray labels) { this.labels = labels; }

    @Override public INDArray getLabels() { return labels; }

    @Override
    public void clear() {
        super.clear();
        labels = null;
    }

    @Override public double f1Score(DataSet data) { throw unsupported(); }
    @Override public double f1Score(INDArray examples, INDArray labels) { throw unsupported(); }
    @Override public int numLabels() { return (int) layerConf().getNOut(); }
    @Override public void fit(DataSetIterator iter) { throw unsupported(); }
    @Override public int[] predict(INDArray examples) { throw unsupported(); }
    @Override public List<String> predict(DataSet dataSet) { throw unsupported(); }
    @Override public void fit(INDArray examples, INDArray labels) { throw unsupported(); }
    @Override public void fit(DataSet data) { throw unsupported(); }
    @Override public void fit(INDArray examples, int[] labels) { throw unsupported(); }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(layerId() + ": train and score a " + getClass().getSimpleName() + " through its ComputationGraph");
    }
}
