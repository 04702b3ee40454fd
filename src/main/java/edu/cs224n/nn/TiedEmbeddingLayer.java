package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link TiedEmbedding}. Forward: out[b, :, t] = the output layer's vector of word ids[b, 0, t].
 * Backward: that vector's gradient += dL/dout[b, :, t], added into the output layer's gradient view, so the updater
 * sees the sum of the two uses of the one array. Reads and writes go through the views' buffers directly (a gather
 * and a scatter-add of batch x steps vectors), on the host.
 */
public class TiedEmbeddingLayer extends ParameterlessLayer<TiedEmbedding> {
    private INDArray weights;      // the output layer's W view
    private INDArray weightGrads;  // and its gradient view
    private boolean rowPerWord;    // W [|V|, width] (class-factored) rather than [width, |V|]
    private int[] ids;             // the forward pass's word ids, reused by its backward pass

    public TiedEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Points every tied embedding of {@code net} at its output layer's current parameter and gradient views. Needed
     * after the network is built, loaded or copied: DL4J makes new views then.
     */
    public static void tie(ComputationGraph net) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (!(l instanceof TiedEmbeddingLayer t)) continue;
            org.deeplearning4j.nn.api.Layer out = net.getLayer(t.layerConf().getOutputLayer());
            if (out == null) throw new IllegalStateException("tied embedding: no layer named " + t.layerConf().getOutputLayer());
            INDArray w = out.getParam("W");
            long width = t.layerConf().getWidth();
            boolean rows = out instanceof ClassFactoredSoftmaxLayer;
            if (w == null || w.rank() != 2 || w.size(rows ? 1 : 0) != width) {
                throw new IllegalStateException("tied embedding: layer " + t.layerConf().getOutputLayer() + " has no W with input width " + width
                        + " (tying needs the embedding width to equal the output layer's nIn)");
            }
            if (net.getFlattenedGradients() == null) net.initGradientsView();
            INDArray g = out.conf().getLayer().initializer().getGradientsFromFlattened(out.conf(), out.getGradientsViewArray()).get("W");
            if (!java.util.Arrays.equals(g.stride(), w.stride())) throw new IllegalStateException("tied embedding: W and its gradient are laid out differently");
            t.weights = w;
            t.weightGrads = g;
            t.rowPerWord = rows;
        }
    }

    private void requireTied() {
        if (weights == null) throw new IllegalStateException("tied embedding " + layerConf().getLayerName() + " is not tied: call TiedEmbeddingLayer.tie(net)");
    }

    /**
     * Where word w's vector starts in the view's buffer (a view's buffer starts at the view, so no offset is added;
     * the parameter and gradient views share their layout), and the stride between its components.
     */
    private long start(int w) {
        return rowPerWord ? w * weights.stride(0) : w * weights.stride(1);
    }

    private long step() {
        return rowPerWord ? weights.stride(1) : weights.stride(0);
    }

    /** The word ids of the input, batch-major then step, checked against the vocabulary. */
    private int[] ids() {
        int[] ids = input.castTo(DataType.INT).dup('c').data().asInt();
        int vocab = (int) weights.size(rowPerWord ? 0 : 1);
        for (int id : ids) {
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("tied embedding: word id " + id + " outside [0, " + vocab + ")");
        }
        return ids;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        requireTied();
        int mb = (int) input.size(0), steps = (int) input.size(2);
        int width = (int) layerConf().getWidth();
        int[] ids = this.ids = ids();
        DataBuffer w = weights.data();
        long step = step();
        double[] o = new double[mb * width * steps];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                long at = start(ids[b * steps + t]);
                for (int k = 0; k < width; k++) o[(b * width + k) * steps + t] = w.getDouble(at + k * step);
            }
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), new long[] {mb, width, steps}, 'c');
        return out.assign(Nd4j.create(o, new long[] {mb, width, steps}, 'c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        requireTied();
        int mb = (int) input.size(0), steps = (int) input.size(2);
        int width = (int) layerConf().getWidth();
        int[] ids = this.ids != null ? this.ids : ids();
        double[] e = epsilon.dup('c').data().asDouble(); // [mb, width, steps]
        DataBuffer g = weightGrads.data();
        long step = step();
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                long at = start(ids[b * steps + t]);
                for (int k = 0; k < width; k++) {
                    long i = at + k * step;
                    g.put(i, g.getDouble(i) + e[(b * width + k) * steps + t]);
                }
            }
        }
        // Word ids get no gradient.
        return new Pair<>(new DefaultGradient(), mgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'f'));
    }

    @Override
    public void clear() {
        super.clear();
        ids = null;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
