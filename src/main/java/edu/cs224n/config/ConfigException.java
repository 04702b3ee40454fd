package edu.cs224n.config;

/** A configuration that cannot be used: names the file or key and what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
