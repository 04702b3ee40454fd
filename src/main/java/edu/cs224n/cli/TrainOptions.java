package edu.cs224n.cli;

import edu.cs224n.config.Configs;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every {@code train} command takes (a picocli mixin): config, overrides, output, resume, progress. */
final class TrainOptions {
    @Option(names = "--config", description = "YAML config (see conf/)")
    Path config;
    @Option(names = "--output", required = true, description = "output directory")
    Path output;
    @Option(names = "--set", description = "override one config key: --set epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();
    @Option(names = "--resume", description = "continue from DIR/checkpoint.zip if present")
    boolean resume;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    <T> T load(T defaults, Class<T> type) {
        if (config == null) throw new IllegalArgumentException("--config FILE is required (see conf/)");
        return Configs.load(config, overrides, defaults, type);
    }

    /** As {@link #load(Object, Class)}, with {@code fallback} as the config when none is given. */
    <T> T load(T defaults, Class<T> type, Path fallback) {
        if (config == null) config = fallback;
        return load(defaults, type);
    }

    boolean progressBar() {
        return !noProgress && System.console() != null;
    }
}
