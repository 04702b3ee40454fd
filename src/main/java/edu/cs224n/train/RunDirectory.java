package edu.cs224n.train;

import edu.cs224n.config.Configs;
import edu.cs224n.config.RunConfig;
import edu.cs224n.io.AtomicFiles;
import edu.cs224n.io.Provenance;
import edu.cs224n.util.Threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output folder of any run, trained or not: it sets the run's thread count, holds {@code config.yaml}, takes the
 * provenance (commit, machine, seed, data files with their SHA-256) once when the run starts, and writes {@code run.json}
 * and every other file atomically.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.yaml";
    public static final String RUN = "run.json";

    private final Path dir;
    private final RunConfig config;
    private Map<String, Object> provenance;

    private RunDirectory(Path dir, RunConfig config) {
        this.dir = dir;
        this.config = config;
    }

    /** Creates the folder and sets the config's thread count; {@link #record} follows once the data files are known. */
    public static RunDirectory create(Path dir, RunConfig config) throws IOException {
        Threads.set(config.threads());
        Files.createDirectories(dir);
        return new RunDirectory(dir, config);
    }

    /** Writes {@code config.yaml} and takes the provenance of the run over {@code dataFiles}. */
    public RunDirectory record(Map<String, Path> dataFiles) throws IOException {
        AtomicFiles.writeString(dir.resolve(CONFIG), Configs.toYaml(config));
        provenance = Provenance.record(config.seed(), dataFiles);
        return this;
    }

    public Path dir() { return dir; }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Commit, machine, seed and data files, as taken when the run started. */
    public Map<String, Object> provenance() {
        if (provenance == null) throw new IllegalStateException("record(dataFiles) first");
        return provenance;
    }

    public void writeText(String name, String text) throws IOException {
        AtomicFiles.writeString(dir.resolve(name), text);
    }

    /** {@code run.json}: the provenance, the config, then {@code fields} (figures, epochs, ...). */
    public void writeRunJson(Map<String, Object> fields) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>(provenance());
        run.put("config", config);
        run.putAll(fields);
        AtomicFiles.writeString(dir.resolve(RUN), Provenance.toJson(run));
    }
}
