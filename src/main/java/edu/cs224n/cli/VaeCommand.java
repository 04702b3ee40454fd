package edu.cs224n.cli;

import edu.cs224n.vae.Digits;
import edu.cs224n.vae.VaeConfig;
import edu.cs224n.vae.VaeModel;
import edu.cs224n.vae.VaePictures;
import edu.cs224n.vae.VaeTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code vae train | eval | sample}: the variational autoencoder on the 8x8 digits. */
@Command(name = "vae", mixinStandardHelpOptions = true, description = "A variational autoencoder on the 8x8 handwritten digits.",
        subcommands = {VaeCommand.Train.class, VaeCommand.Eval.class, VaeCommand.Sample.class})
public final class VaeCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a config (default conf/vae-digits.yaml); writes DIR/model.zip (best validation ELBO), checkpoint.zip, metrics.csv, "
                    + "curve.png, config.yaml, run.json, and samples.png, reconstructions.png, latent.png.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            return options.train(VaeConfig.class, Path.of("conf/vae-digits.yaml"), c -> new VaeTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "The ELBO and the IWAE bound with k samples, in nats per image, on a split of the model's digits split "
                    + "(the same k draws give both: ELBO = mean log w, IWAE_k = log mean w); the independent-pixel baseline beside them.")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--split", description = "train, valid or test (default: test)")
        String split = "test";
        @Option(names = "--samples", description = "k, importance samples per image (default: 500)")
        int samples = 500;
        @Option(names = "--seed", description = "noise seed (default: 1)")
        long seed = 1;

        @Override
        public Integer call() throws Exception {
            if (samples < 1) throw new IllegalArgumentException("--samples: expected >= 1, got " + samples);
            VaeModel m = VaeModel.load(model);
            Digits.Split s = VaeTraining.split(m.config());
            List<Digits.Image> images = switch (split) {
                case "train" -> s.train();
                case "valid" -> s.valid();
                case "test" -> s.test();
                default -> throw new IllegalArgumentException("--split: expected train, valid or test, got '" + split + "'");
            };
            VaeModel.Bounds b = m.bounds(images, samples, seed);
            out().printf(Locale.ROOT, "ELBO=%.3f IWAE_%d=%.3f independent-pixels=%.3f images=%d split=%s%n", b.elbo(), samples, b.iwae(),
                    Digits.independentPixelLogLikelihood(s.train(), images), images.size(), split);
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Write a PNG grid of the decoder's means at z ~ N(0, I).")
    static final class Sample extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--output", required = true, description = "PNG file")
        Path output;
        @Option(names = "--count", description = "images (default: 100, ten a row)")
        int count = 100;
        @Option(names = "--seed", description = "seed of z (default: 1)")
        long seed = 1;

        @Override
        public Integer call() throws Exception {
            if (count < 1) throw new IllegalArgumentException("--count: expected >= 1, got " + count);
            VaePictures.grid(VaeModel.load(model).sample(count, seed), 10, output);
            out().println("wrote " + output);
            return 0;
        }
    }
}
