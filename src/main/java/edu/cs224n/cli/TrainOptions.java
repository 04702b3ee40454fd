package edu.cs224n.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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

    boolean progressBar() {
        return !noProgress && System.console() != null;
    }
}
