package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.shape.Shape;

/**
 * What this package's recurrent layers with hand-written backprop share: no pretraining or layer norm, a plain
 * backprop that is the truncated one over the whole sequence, and the input laid out as NCW in 'f' order.
 */
abstract class HandWrittenRecurrentLayer<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> extends BaseRecurrentLayer<C> {
    HandWrittenRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasLayerNorm() {
        return false;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        return tbpttBackpropGradient(epsilon, -1, mgr);
    }

    /** The input as NCW in 'f' order (the layout whose per-step slices gemm takes directly). */
    INDArray ncwF(INDArray in, LayerWorkspaceMgr mgr) {
        INDArray x = permuteIfNWC(in);
        return x.ordering() == 'f' && Shape.hasDefaultStridesForShape(x) ? x : mgr.dup(ArrayType.ACTIVATIONS, x, 'f');
    }

    /**
     * x [mb, n, T] as one column-major matrix [mb * T, n] whose row b + mb * t is example b at step t, so that a
     * product with every step's input is one large gemm rather than T small ones. A copy.
     */
    static INDArray stepRows(INDArray x) {
        long mb = x.size(0), n = x.size(1), steps = x.size(2);
        return x.permute(0, 2, 1).dup('f').reshape('f', mb * steps, n);
    }

    /** Step t of a {@link #stepRows} matrix: the view [mb, n] of its rows mb * t .. mb * (t + 1) - 1. */
    static INDArray step(INDArray rows, long t, long mb) {
        return rows.get(NDArrayIndex.interval(mb * t, mb * (t + 1)), NDArrayIndex.all());
    }

    /** The inverse of {@link #stepRows}: [mb * T, n] back to [mb, n, T] (a view of a column-major input). */
    static INDArray fromStepRows(INDArray rows, long mb, long steps) {
        return rows.reshape('f', mb, steps, rows.size(1)).permute(0, 2, 1);
    }
}
