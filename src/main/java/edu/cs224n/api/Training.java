package edu.cs224n.api;

import edu.cs224n.config.Configs;
import edu.cs224n.pipeline.Parsers;
import edu.cs224n.lemma.LemmatizerConfig;
import edu.cs224n.lemma.LemmatizerTraining;
import edu.cs224n.tagger.TaggerConfig;
import edu.cs224n.tagger.TaggerTraining;
import edu.cs224n.train.Trainer;
import edu.cs224n.vae.VaeConfig;
import edu.cs224n.vae.VaeTraining;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Training from a program, as {@code parser train} and {@code tagger train} do from the command line: a YAML config,
 * {@code key=value} overrides, an output folder (best model, checkpoints, metrics, run.json). Each returns the best model's file.
 */
public final class Training {
    private Training() {}

    /** A parser of the kind the config's {@code parser} key names (transition, the default, or biaffine). */
    public static Path parser(Path config, Path outputDir, PrintWriter log, String... overrides) throws IOException {
        return Parsers.train(config, List.of(overrides), outputDir, log);
    }

    public static Path tagger(Path config, Path outputDir, PrintWriter log, String... overrides) throws IOException {
        new TaggerTraining(Configs.load(config, List.of(overrides), TaggerConfig.class), outputDir, log).run(false, false);
        return outputDir.resolve(Trainer.MODEL);
    }

    /** A lemmatizer (dictionary + character seq2seq, {@code conf/lemmatizer-ewt.yaml}); returns its model file. */
    public static Path lemmatizer(Path config, Path outputDir, PrintWriter log, String... overrides) throws IOException {
        new LemmatizerTraining(Configs.load(config, List.of(overrides), LemmatizerConfig.class), outputDir, log).run(false, false);
        return outputDir.resolve(Trainer.MODEL);
    }

    /** A variational autoencoder on the 8x8 digits ({@code conf/vae-digits.yaml}); returns its model file. */
    public static Path vae(Path config, Path outputDir, PrintWriter log, String... overrides) throws IOException {
        new VaeTraining(Configs.load(config, List.of(overrides), VaeConfig.class), outputDir, log).run(false, false);
        return outputDir.resolve(Trainer.MODEL);
    }

    /** A pipeline file from trained taggers and parsers (several of either form an ensemble) and a lemmatizer (null: none). */
    public static Path pipeline(List<Path> taggers, List<Path> parsers, Path lemmatizer, Path target) throws IOException {
        edu.cs224n.pipeline.Pipeline.build(taggers, parsers, lemmatizer, target);
        return target;
    }
}
