package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;

/**
 * A stack of {@code layers} recurrent layers of width {@code nOut} as ONE DL4J layer, in three forms that share
 * the computation ({@link GatedFeedbackRnnLayer}):
 * <ul>
 * <li>{@code globalGates = false}: a conventional stacked RNN, h(t, j) = f(W(j-1->j) h(t, j-1) + U(j->j) h(t-1, j)).</li>
 * <li>{@code globalGates = true}: the Gated-Feedback RNN (Chung et al. 2015; the CS224n practice midterm section 3), where every layer
 * at t-1 feeds every layer at t through a scalar global reset gate
 * g(i->j) = sigmoid(w_g(i->j) . h(t, j-1) + u_g(i->j) . h*(t-1)), h*(t-1) = all layers' states concatenated:
 * h(t, j) = f(W(j-1->j) h(t, j-1) + sum_i g(i->j) U(i->j) h(t-1, i)).</li>
 * </ul>
 * f is a tanh unit, or a GRU unit (the CS224n practice midterm section 3): z = sigmoid(W_z x + U_z h(t-1)), r = sigmoid(W_r x + U_r h(t-1)),
 * candidate = tanh(W x + r o R) where R is the recurrent sum above, h = (1 - z) o h(t-1) + z o candidate. With one
 * layer, a GRU unit and no global gates this is exactly the practice midterm's GRU (plus biases, which {@code hasBias(false)}
 * removes). The output is the top layer's state, {@code [mb, nOut, T]} (NCW).
 */
public class GatedFeedbackRnn extends BaseRecurrentLayer {
    /** The unit each layer computes. */
    public enum Unit { TANH, GRU }

    private int layers = 1;
    private Unit unit = Unit.TANH;
    private boolean globalGates;
    private boolean hasBias = true;

    /** For JSON deserialisation. */
    public GatedFeedbackRnn() {}

    private GatedFeedbackRnn(Builder b) {
        super(b);
        this.layers = b.layers;
        this.unit = b.unit;
        this.globalGates = b.globalGates;
        this.hasBias = b.hasBias;
    }

    public int getLayers() { return layers; }

    public void setLayers(int layers) { this.layers = layers; }

    public Unit getUnit() { return unit; }

    public void setUnit(Unit unit) { this.unit = unit; }

    public boolean isGlobalGates() { return globalGates; }

    public void setGlobalGates(boolean globalGates) { this.globalGates = globalGates; }

    public boolean isHasBias() { return hasBias; }

    public void setHasBias(boolean hasBias) { this.hasBias = hasBias; }

    /** Pre-activation blocks per layer that the input feeds: 3 (z, r, candidate) for a GRU unit, 1 for tanh. */
    int blocks() { return unit == Unit.GRU ? 3 : 1; }

    /** The input width of layer j. */
    long inWidth(int j) { return j == 0 ? nIn : nOut; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new GatedFeedbackRnnLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GatedFeedbackRnnParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perStep = (long) layers * nOut * (unit == Unit.GRU ? 4 : 1) + (globalGates ? (long) layers * layers : 0);
        return LayerWiring.memory(layerName, GatedFeedbackRnn.class, inputType, getOutputType(-1, inputType),
                initializer().numParams(this), (long) layers * nOut, perStep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatedFeedbackRnn g && super.equals(o) && layers == g.layers && unit == g.unit
                && globalGates == g.globalGates && hasBias == g.hasBias;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), layers, unit, globalGates, hasBias);
    }

    public static final class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private int layers = 1;
        private Unit unit = Unit.TANH;
        private boolean globalGates;
        private boolean hasBias = true;

        public Builder layers(int layers) {
            if (layers < 1) throw new IllegalArgumentException("layers must be >= 1, got " + layers);
            this.layers = layers;
            return this;
        }

        public Builder unit(Unit unit) {
            this.unit = Objects.requireNonNull(unit);
            return this;
        }

        public Builder globalGates(boolean globalGates) {
            this.globalGates = globalGates;
            return this;
        }

        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        /** The practice midterm's GRU: one layer, GRU unit, no global gates. */
        public static Builder gru() {
            return new Builder().unit(Unit.GRU);
        }

        @Override
        @SuppressWarnings("unchecked")
        public GatedFeedbackRnn build() {
            return new GatedFeedbackRnn(this);
        }
    }
}
