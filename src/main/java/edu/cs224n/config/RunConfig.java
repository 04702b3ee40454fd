package edu.cs224n.config;

import java.util.Set;

/** What every training run's config record has: a seed, a thread count, an epoch budget and its own checks. */
public interface RunConfig {
    long seed();

    /** ND4J threads (0 = all cores). */
    int threads();

    int epochs();

    /** Checks ranges; throws a {@link ConfigException} naming the key. Returns this config. */
    RunConfig validate();

    /** The keys a resumed run may change; every other key must match the checkpoint's config. */
    default Set<String> resumableKeys() {
        return Set.of("epochs", "threads");
    }
}
