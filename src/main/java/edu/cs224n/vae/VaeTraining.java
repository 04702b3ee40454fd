package edu.cs224n.vae;

import edu.cs224n.config.DataRoot;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A VAE run ({@link TrainingRun}): minibatches of training images with fresh noise (drawn from the run's seed and the
 * epoch, so a resumed run draws the same), the best validation ELBO kept; at the end the test ELBO and IWAE_k beside the
 * independent-pixel baseline, and the pictures (samples, reconstructions, the latent scatter).
 */
public final class VaeTraining implements TrainingRun.Recipe<VaeConfig, VaeModel> {
    public static final List<String> METRICS = List.of("valid_elbo");
    /** The validation noise: the same draws every epoch, so epochs differ only by the model. */
    static final long VALID_NOISE = 7;

    private final VaeConfig config;
    private final Path outputDir;
    private final PrintWriter out;
    private Digits.Split split;

    public VaeTraining(VaeConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public TrainingRun.Result<VaeModel> run(boolean resume, boolean progressBar) throws IOException {
        return new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
    }

    /** The config's split of the digits file. */
    public static Digits.Split split(VaeConfig config) {
        return Digits.split(Digits.read(DataRoot.require("data", config.data())), config.trainImages(), config.validImages(), config.splitSeed());
    }

    @Override public String kind() { return VaeModel.KIND; }

    @Override public VaeConfig config() { return config; }

    @Override public String title() { return "VAE on 8x8 digits (K = " + config.latent() + ", " + config.flowSteps() + " IAF steps): validation ELBO, nats"; }

    @Override public String primaryMetric() { return "valid_elbo"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public double maxTrainSeconds() { return config.maxTrainMinutes() * 60; }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        split = split(config);
        return Map.of("data", DataRoot.resolve(config.data()));
    }

    @Override
    public VaeModel fresh(PrintWriter out) {
        return new VaeModel(VaeModel.network(config), config);
    }

    @Override
    public VaeModel fromFile(ModelFile.Contents file) {
        return VaeModel.from(file);
    }

    @Override
    public void prepareTraining(VaeModel model, PrintWriter out) {
        out.printf(Locale.ROOT, "digits: %d train, %d validation, %d test images (binary 8x8); K = %d, hidden %d, %d IAF steps, %s estimator; parameters %d%n",
                split.train().size(), split.valid().size(), split.test().size(), config.latent(), config.hidden(), config.flowSteps(),
                config.trainingEstimator(), model.network().numParams());
    }

    /** One batch: the images, noise eps ~ N(0, I) [n, K], and the images again as the labels. */
    public static MultiDataSet batch(List<Digits.Image> images, int latent, Random random) {
        INDArray x = VaeModel.pixels(images);
        INDArray eps = Nd4j.create(DataType.DOUBLE, images.size(), latent);
        for (int i = 0; i < images.size(); i++) for (int j = 0; j < latent; j++) eps.putScalar(i, j, random.nextGaussian());
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x, eps}, new INDArray[] {x});
    }

    /** Epochs of shuffled minibatches of {@code images}. */
    public static Trainer.EpochBatches epochs(List<Digits.Image> images, int batchSize, int latent, long seed) {
        return new Trainer.EpochBatches() {
            @Override
            public BatchIterator epoch(int epoch) {
                Random random = new Random(seed * 1_000_003L + epoch);
                List<Digits.Image> order = new ArrayList<>(images);
                Collections.shuffle(order, random);
                List<List<Digits.Image>> batches = new ArrayList<>();
                for (int i = 0; i < order.size(); i += batchSize) batches.add(order.subList(i, Math.min(order.size(), i + batchSize)));
                return BatchIterator.over(batches, b -> batch(b, latent, random));
            }

            @Override
            public int batchesPerEpoch() {
                return (images.size() + batchSize - 1) / batchSize;
            }
        };
    }

    @Override
    public Trainer.EpochBatches batches(VaeModel model) {
        return epochs(split.train(), config.batchSize(), config.latent(), config.seed());
    }

    @Override
    public Trainer.Evaluation evaluation(VaeModel model) {
        return () -> Map.of("valid_elbo", model.bounds(split.valid(), config.validSamples(), VALID_NOISE).elbo());
    }

    @Override
    public Map<String, Object> finish(VaeModel best, TrainerState state, RunDirectory dir, PrintWriter out) throws IOException {
        VaeModel.Bounds test = best.bounds(split.test(), config.iwaeSamples(), VALID_NOISE + 1);
        double baseline = Digits.independentPixelLogLikelihood(split.train(), split.test());
        out.printf(Locale.ROOT, "test (%d images): ELBO=%.3f IWAE_%d=%.3f nats per image; independent-pixel Bernoulli log-likelihood %.3f%n",
                split.test().size(), test.elbo(), test.samples(), test.iwae(), baseline);
        VaePictures.write(best, split.test(), outputDir, config.seed());
        out.println("pictures: " + outputDir.resolve(VaePictures.SAMPLES) + ", " + outputDir.resolve(VaePictures.RECONSTRUCTIONS) + ", "
                + outputDir.resolve(VaePictures.LATENT));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("test_elbo", test.elbo());
        run.put("test_iwae", test.iwae());
        run.put("iwae_samples", test.samples());
        run.put("test_independent_pixels", baseline);
        return run;
    }
}
