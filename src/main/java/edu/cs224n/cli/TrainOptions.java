package edu.cs224n.cli;

import edu.cs224n.config.RunConfig;
import edu.cs224n.train.TrainableModel;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainingRun;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/** The options every run command takes (a picocli mixin): config and overrides, output, resume, progress. */
final class TrainOptions {
    @Mixin
    ConfigOptions config;
    @Option(names = "--output", required = true, description = "output directory")
    Path output;
    @Option(names = "--resume", description = "continue from DIR/checkpoint.zip if present")
    boolean resume;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    <T extends Record> T load(Class<T> type) {
        return config.load(type, null);
    }

    /** As {@link #load(Class)}, with {@code fallback} as the config when none is given. */
    <T extends Record> T load(Class<T> type, Path fallback) {
        return config.load(type, fallback);
    }

    /**
     * The one train command: loads the config ({@code fallback} when no --config is given), runs the model's recipe as a
     * {@link TrainingRun} in --output (resuming with --resume), prints where the best model is.
     */
    <C extends Record & RunConfig, M extends TrainableModel> int train(Class<C> type, Path fallback, Function<C, TrainingRun.Recipe<C, M>> recipe,
                                                                        PrintWriter out) throws IOException {
        new TrainingRun<>(recipe.apply(load(type, fallback)), output, out).run(resume, progressBar());
        out.println("model: " + output.resolve(Trainer.MODEL));
        return 0;
    }

    boolean progressBar() {
        return !noProgress && System.console() != null;
    }
}
