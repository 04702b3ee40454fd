package edu.cs224n.config;

/** A configuration that cannot be used: names the file or key and what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    /** Throws unless {@code value} is a positive integer, naming the key. */
    public static void requirePositive(String key, int value) {
        if (value <= 0) throw new ConfigException(key + ": expected a positive integer, got " + value);
    }
}
