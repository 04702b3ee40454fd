package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;

/**
 * The output layer of a VAE: the reparameterised sample, an optional inverse autoregressive flow, the decoder MLP and
 * the negative evidence lower bound as the loss ({@link Elbo} has the equations and the hand-written gradients).
 * Input [mb, 3K + C]: the encoder's mu [0, K), log sigma^2 [K, 2K) and context h for the flow [2K, 2K + C), and the
 * noise eps ~ N(0, I) [2K + C, 3K + C), which is a network input so that the graph is a deterministic function of its inputs (a numeric gradient check needs that, and
 * a resumed run draws the same noise). Labels: the binary image [mb, D]. Output: the Bernoulli means at the sample.
 * The score is -ELBO per image averaged over the minibatch (with the {@link Elbo.Estimator}'s one-sample estimate).
 * Computation: {@link VariationalBoundLayer}; parameters {@link VariationalBoundParams}. (DL4J's own
 * {@code VariationalAutoencoder} layer trains only by layerwise pretraining, outside {@code fit}, and has no flow.)
 */
public class VariationalBound extends FeedForwardLayer {
    private int latent;
    private int hidden;
    private int flowSteps;
    private int flowHidden;
    private int context;
    private Elbo.Estimator estimator = Elbo.Estimator.ANALYTIC_KL;

    /** For JSON deserialisation. */
    public VariationalBound() {}

    private VariationalBound(Builder b) {
        super(b);
        this.latent = b.latent;
        this.hidden = b.hidden;
        this.flowSteps = b.flowSteps;
        this.flowHidden = b.flowHidden;
        this.context = b.context;
        this.estimator = b.estimator;
    }

    public int getLatent() { return latent; }

    public void setLatent(int latent) { this.latent = latent; }

    public int getHidden() { return hidden; }

    public void setHidden(int hidden) { this.hidden = hidden; }

    public int getFlowSteps() { return flowSteps; }

    public void setFlowSteps(int flowSteps) { this.flowSteps = flowSteps; }

    public int getFlowHidden() { return flowHidden; }

    public void setFlowHidden(int flowHidden) { this.flowHidden = flowHidden; }

    public int getContext() { return context; }

    public void setContext(int context) { this.context = context; }

    public Elbo.Estimator getEstimator() { return estimator; }

    public void setEstimator(Elbo.Estimator estimator) { this.estimator = estimator; }

    public Elbo.Sizes sizes() {
        return new Elbo.Sizes(latent, hidden, (int) nOut, flowSteps, flowHidden, context);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new VariationalBoundLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return VariationalBoundParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LayerWiring.memory(layerName, VariationalBound.class, inputType, getOutputType(-1, inputType), initializer().numParams(this),
                hidden + nOut, 2L * (hidden + nOut));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariationalBound v && super.equals(o) && latent == v.latent && hidden == v.hidden && flowSteps == v.flowSteps
                && flowHidden == v.flowHidden && context == v.context && estimator == v.estimator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latent, hidden, flowSteps, flowHidden, context, estimator);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private int latent;
        private int hidden;
        private int flowSteps;
        private int flowHidden;
        private int context;
        private Elbo.Estimator estimator = Elbo.Estimator.ANALYTIC_KL;

        /** K, the latent's dimension; nIn becomes 3K + C. */
        public Builder latent(int latent) {
            this.latent = latent;
            return this;
        }

        /** The decoder's hidden (tanh) units. */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** IAF steps (0 = the diagonal Gaussian posterior), the MADE's hidden width and the width C of the encoder's context for it. */
        public Builder flow(int steps, int hiddenUnits, int context) {
            this.flowSteps = steps;
            this.flowHidden = hiddenUnits;
            this.context = context;
            return this;
        }

        /** How the bound's gradient is estimated; a flow needs {@code MONTE_CARLO}. */
        public Builder estimator(Elbo.Estimator estimator) {
            this.estimator = estimator;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public VariationalBound build() {
            nIn = 3L * latent + context;
            new Elbo.Sizes(latent, hidden, (int) nOut, flowSteps, flowHidden, context); // validates
            if (flowSteps > 0 && estimator != Elbo.Estimator.MONTE_CARLO) {
                throw new IllegalStateException("VariationalBound: a flow has no closed-form KL; use the MONTE_CARLO estimator");
            }
            return new VariationalBound(this);
        }
    }
}
