package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The computation of {@link VariationalBound}: one {@link Elbo} per image, in double precision. The gradient is of the
 * summed negative bound (DL4J's updater divides by the minibatch), the score the mean.
 */
public class VariationalBoundLayer extends OwnOutputLayer<VariationalBound> {
    private INDArray scoredInput, scoredLabels; // what the cached per-image bounds were computed for
    private double[] bounds;

    public VariationalBoundLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Per-image bounds and, with {@code dInput} non-null, the gradients of minus their sum. */
    private double[] compute(double[] dParams, double[] dInput) {
        VariationalBound conf = layerConf();
        Elbo elbo = new Elbo(conf.sizes());
        int k = conf.getLatent(), c = conf.getContext(), w = 3 * k + c, d = (int) conf.getNOut(), mb = (int) input.size(0);
        if (input.size(1) != w) throw new IllegalArgumentException(layerId() + ": expected input [mb, " + w + "] (mu, logvar, context, eps), got " + Arrays.toString(input.shape()));
        if (labels == null || labels.size(0) != mb || labels.size(1) != d) {
            throw new IllegalArgumentException(layerId() + ": expected labels [" + mb + ", " + d + "] (the image), got " + (labels == null ? "none" : Arrays.toString(labels.shape())));
        }
        double[] in = input.dup('c').data().asDouble(), x = labels.dup('c').data().asDouble();
        double[] all = params().dup('c').data().asDouble();
        int nf = conf.sizes().flowParams();
        double[] flow = Arrays.copyOfRange(all, 0, nf), decoder = Arrays.copyOfRange(all, nf, all.length);
        double[] gFlow = dParams == null ? null : new double[nf], gDecoder = dParams == null ? null : new double[decoder.length];
        double[] out = new double[mb];
        for (int b = 0; b < mb; b++) {
            int o = b * w;
            double[] mu = Arrays.copyOfRange(in, o, o + k), logvar = Arrays.copyOfRange(in, o + k, o + 2 * k),
                    context = Arrays.copyOfRange(in, o + 2 * k, o + 2 * k + c), eps = Arrays.copyOfRange(in, o + 2 * k + c, o + w),
                    image = Arrays.copyOfRange(x, b * d, (b + 1) * d);
            Elbo.Gradients g = dParams == null ? null : new Elbo.Gradients(gFlow, gDecoder, new double[k], new double[k], new double[c]);
            out[b] = elbo.bound(flow, decoder, image, mu, logvar, context, eps, conf.getEstimator(), g);
            if (g != null) {
                for (int j = 0; j < k; j++) {
                    dInput[o + j] = -g.mu()[j];
                    dInput[o + k + j] = -g.logvar()[j];
                }
                for (int q = 0; q < c; q++) dInput[o + 2 * k + q] = -g.context()[q];
            }
        }
        if (dParams != null) {
            for (int i = 0; i < nf; i++) dParams[i] = -gFlow[i];
            for (int i = 0; i < gDecoder.length; i++) dParams[nf + i] = -gDecoder[i];
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        double[] dParams = new double[(int) numParams()], dInput = new double[(int) input.length()];
        bounds = compute(dParams, dInput);
        scoredInput = input;
        scoredLabels = labels;
        gradientsFlattened.assign(Nd4j.create(dParams, gradientsFlattened.shape()).castTo(gradientsFlattened.dataType()));
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : VariationalBoundParams.INSTANCE.paramKeys(layerConf())) g.gradientForVariable().put(key, gradientViews.get(key));
        INDArray eps = Nd4j.create(dInput, input.shape(), 'c').castTo(input.dataType());
        return new Pair<>(g, mgr.dup(ArrayType.ACTIVATION_GRAD, eps, 'f'));
    }

    private double[] imageBounds() {
        if (bounds != null && scoredInput == input && scoredLabels == labels) return bounds; // backprop already computed them
        return compute(null, null);
    }

    @Override
    public double computeScore(double fullNetworkRegScore, boolean training, LayerWorkspaceMgr mgr) {
        double sum = 0;
        for (double b : imageBounds()) sum -= b;
        score = sum / input.size(0) + fullNetworkRegScore;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetworkRegScore, LayerWorkspaceMgr mgr) {
        double[] b = imageBounds();
        double[] neg = new double[b.length];
        for (int i = 0; i < b.length; i++) neg[i] = -b[i] + fullNetworkRegScore;
        return mgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.create(neg, new long[] {b.length, 1}, input.dataType()));
    }

    /** The Bernoulli means p(x_i = 1 | z) at each image's sample z = mu + sigma eps (after the flow), [mb, D]. */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        VariationalBound conf = layerConf();
        Elbo elbo = new Elbo(conf.sizes());
        int k = conf.getLatent(), c = conf.getContext(), w = 3 * k + c, d = (int) conf.getNOut(), mb = (int) input.size(0);
        double[] in = input.dup('c').data().asDouble(), all = params().dup('c').data().asDouble();
        int nf = conf.sizes().flowParams();
        double[] flow = Arrays.copyOfRange(all, 0, nf), decoder = Arrays.copyOfRange(all, nf, all.length);
        double[] means = new double[mb * d];
        for (int b = 0; b < mb; b++) {
            int o = b * w;
            double[] z = Elbo.sample(Arrays.copyOfRange(in, o, o + k), Arrays.copyOfRange(in, o + k, o + 2 * k), Arrays.copyOfRange(in, o + 2 * k + c, o + w));
            double[] l = elbo.logits(decoder, elbo.flow(flow, Arrays.copyOfRange(in, o + 2 * k, o + 2 * k + c), z));
            for (int i = 0; i < d; i++) means[b * d + i] = Elbo.sigmoid(l[i]);
        }
        return mgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.create(means, new long[] {mb, d}, 'c').castTo(input.dataType()));
    }

    @Override
    public void clear() {
        super.clear();
        bounds = null;
        scoredInput = scoredLabels = null;
    }
}
