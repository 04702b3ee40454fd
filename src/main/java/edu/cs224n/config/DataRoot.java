package edu.cs224n.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where corpora live: the one setting is the environment variable {@code CS224N_DATA} (default
 * {@code ../shared}). A relative data path in a config is looked up in the working directory first
 * (so {@code corpora/...} finds the repository's own samples and fetched corpora), then under the data root.
 */
public final class DataRoot {
    public static final String ENV = "CS224N_DATA";

    private DataRoot() {}

    public static Path root() {
        String env = System.getenv(ENV);
        return Path.of(env == null || env.isBlank() ? "../shared" : env);
    }

    /** The first existing location of {@code path}, or the data-root location if none exists. */
    public static Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p)) return p;
        return root().resolve(path);
    }

    /** Whether {@code path} exists anywhere it is looked for. */
    public static boolean exists(String path) {
        return path != null && !path.isBlank() && Files.exists(resolve(path));
    }

    /** {@link #resolve}, or a clear error naming where it looked and the setting that moves it. */
    public static Path require(String path) {
        Path p = resolve(path);
        if (!Files.exists(p)) throw new IllegalArgumentException("corpus file not found: " + p.toAbsolutePath() + " (set " + ENV + ", default ../shared)");
        return p;
    }

    /** The file a config key names, {@link #resolve}d; a {@link ConfigException} naming the key when it is empty or not found. */
    public static Path require(String key, String path) {
        if (path == null || path.isBlank()) throw new ConfigException(key + ": a file is required");
        Path p = resolve(path);
        if (!Files.exists(p)) throw new ConfigException(key + ": no such file " + p + " (set " + ENV + ", default ../shared)");
        return p;
    }
}
