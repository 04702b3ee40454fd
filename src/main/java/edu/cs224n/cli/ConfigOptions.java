package edu.cs224n.cli;

import edu.cs224n.config.Configs;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of every command run from a config (a picocli mixin): the YAML file and {@code --set key=value} overrides. */
final class ConfigOptions {
    @Option(names = "--config", description = "YAML config (see conf/)")
    Path config;
    @Option(names = "--set", description = "override one config key: --set epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    /** The config record: every key's default, then the file's keys, then the overrides; {@code fallback} when no --config is given (null: required). */
    <T extends Record> T load(Class<T> type, Path fallback) {
        Path file = config != null ? config : fallback;
        if (file == null) throw new IllegalArgumentException("--config FILE is required (see conf/)");
        return Configs.load(file, overrides, type);
    }
}
