package edu.cs224n.vae;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.io.ModelFile;
import edu.cs224n.nn.Elbo;
import edu.cs224n.nn.VariationalBound;
import edu.cs224n.train.TrainableModel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A trained VAE: the graph pixels -> encoder (tanh) -> posterior (mu, log sigma^2) -> [merge with the noise input] ->
 * {@link VariationalBound} (sample, flow, decoder, -ELBO), in double precision, and what the commands and the
 * experiment ask of it: the posterior's parameters, log importance weights (ELBO and IWAE_k), decoding.
 */
public final class VaeModel implements TrainableModel {
    public static final String KIND = "vae";
    public static final String PIXELS = "pixels", NOISE = "noise", ENCODER = "encoder", POSTERIOR = "posterior", BOUND = "bound";

    private final ComputationGraph net;
    private final VaeConfig config;

    public VaeModel(ComputationGraph net, VaeConfig config) {
        this.net = net;
        this.config = config;
    }

    /** The network for {@code config}, with Adam at the config's learning rate. */
    public static ComputationGraph network(VaeConfig config) {
        return network(config, config.trainingEstimator(), new JavaAdam(config.learningRate()));
    }

    public static ComputationGraph network(VaeConfig c, Elbo.Estimator estimator, IUpdater updater) {
        int k = c.latent(), h = c.hidden();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(c.seed()).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs(PIXELS, NOISE)
                .addLayer(ENCODER, new DenseLayer.Builder().nIn(Digits.PIXELS).nOut(h).activation(Activation.TANH).build(), PIXELS)
                .addLayer(POSTERIOR, new DenseLayer.Builder().nIn(h).nOut(2L * k + c.flowContext()).activation(Activation.IDENTITY).build(), ENCODER)
                .addVertex("sample", new MergeVertex(), POSTERIOR, NOISE)
                .addLayer(BOUND, new VariationalBound.Builder().latent(k).hidden(h).flow(c.flowSteps(), c.flowHidden(), c.flowContext()).estimator(estimator)
                        .nOut(Digits.PIXELS).build(), "sample")
                .setOutputs(BOUND)
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Override
    public ComputationGraph network() { return net; }

    @Override
    public VaeConfig config() { return config; }

    public Elbo elbo() {
        return new Elbo(((VariationalBound) net.getLayer(BOUND).conf().getLayer()).sizes());
    }

    /** The flow's parameters (empty without a flow) and the decoder's, as {@link Elbo} reads them. */
    public double[] flowParams() {
        return Arrays.copyOfRange(boundParams(), 0, elbo().sizes().flowParams());
    }

    public double[] decoderParams() {
        double[] all = boundParams();
        return Arrays.copyOfRange(all, elbo().sizes().flowParams(), all.length);
    }

    private double[] boundParams() {
        return net.getLayer(BOUND).params().dup('c').data().asDouble();
    }

    public static INDArray pixels(List<Digits.Image> images) {
        double[][] rows = images.stream().map(Digits.Image::pixels).toArray(double[][]::new);
        return Nd4j.create(rows);
    }

    /** The approximate posterior's parameters for each image: mu [n][K], log sigma^2 [n][K] and the flow's context [n][C]. */
    public record Posterior(double[][] mu, double[][] logvar, double[][] context) {}

    public Posterior encode(List<Digits.Image> images) {
        int k = config.latent(), c = config.flowContext(), n = images.size();
        INDArray post = net.feedForward(new INDArray[] {pixels(images), Nd4j.zeros(DataType.DOUBLE, n, k)}, false).get(POSTERIOR);
        double[][] mu = new double[n][], logvar = new double[n][], context = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = post.getRow(i).dup().data().asDouble();
            mu[i] = Arrays.copyOfRange(row, 0, k);
            logvar[i] = Arrays.copyOfRange(row, k, 2 * k);
            context[i] = Arrays.copyOfRange(row, 2 * k, 2 * k + c);
        }
        return new Posterior(mu, logvar, context);
    }

    /** log w = log p(x, z) - log q(z | x) for {@code samples} draws of z per image (noise from {@code seed}): [n][samples]. */
    public double[][] logWeights(List<Digits.Image> images, int samples, long seed) {
        Posterior q = encode(images);
        Elbo elbo = elbo();
        double[] flow = flowParams(), decoder = decoderParams();
        Random random = new Random(seed);
        int k = config.latent();
        double[][] w = new double[images.size()][samples];
        for (int i = 0; i < images.size(); i++) {
            for (int s = 0; s < samples; s++) {
                double[] eps = new double[k];
                for (int j = 0; j < k; j++) eps[j] = random.nextGaussian();
                w[i][s] = elbo.terms(flow, decoder, images.get(i).pixels(), q.mu()[i], q.logvar()[i], q.context()[i], eps).logWeight();
            }
        }
        return w;
    }

    /** The bounds on a set of images in nats per image: the ELBO (mean log w) and IWAE_k (log mean exp w) over the same k draws. */
    public record Bounds(double elbo, double iwae, int samples) {}

    public Bounds bounds(List<Digits.Image> images, int samples, long seed) {
        double elbo = 0, iwae = 0;
        for (double[] w : logWeights(images, samples, seed)) {
            elbo += Arrays.stream(w).average().orElseThrow();
            iwae += Elbo.logMeanExp(w);
        }
        return new Bounds(elbo / images.size(), iwae / images.size(), samples);
    }

    /** The decoder's Bernoulli means for latent points z (z_T: after the flow), [n][64]. */
    public double[][] decode(double[][] z) {
        Elbo elbo = elbo();
        double[] decoder = decoderParams();
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double[] l = elbo.logits(decoder, z[i]);
            out[i] = new double[l.length];
            for (int p = 0; p < l.length; p++) out[i][p] = 1 / (1 + Math.exp(-l[p]));
        }
        return out;
    }

    /** Reconstructions: the decoder's means at each image's posterior mode z_T = flow(mu) (eps = 0). */
    public double[][] reconstruct(List<Digits.Image> images) {
        Posterior q = encode(images);
        Elbo elbo = elbo();
        double[] flow = flowParams();
        double[][] z = new double[images.size()][];
        for (int i = 0; i < z.length; i++) z[i] = elbo.flow(flow, q.context()[i], q.mu()[i].clone());
        return decode(z);
    }

    /** Samples of the model: the decoder's means at z ~ p(z) = N(0, I). */
    public double[][] sample(int count, long seed) {
        Random random = new Random(seed);
        double[][] z = new double[count][config.latent()];
        for (double[] row : z) for (int j = 0; j < row.length; j++) row[j] = random.nextGaussian();
        return decode(z);
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        return ModelFile.builder(KIND).network(net, withUpdater).config(config);
    }

    public static VaeModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    public static VaeModel from(ModelFile.Contents c) {
        return new VaeModel(c.requireNetwork(), c.config(VaeConfig.class));
    }
}
