package edu.cs224n.experiments;

/**
 * One claim or derivation of the source documents, computed with the project's own code. {@link #run} records its
 * checks, tables and charts in the report; the claim holds when every check does.
 */
public interface Experiment {
    /** The name used on the command line and for the report files, e.g. {@code softmax-cross-entropy}. */
    String name();

    /** One line: what the experiment shows. */
    String title();

    /** Where the claim comes from, e.g. "CS224n assignment 2 question 1". */
    String source();

    /** Fast experiments (seconds) also run as tests in CI. */
    boolean fast();

    void run(ExperimentReport report) throws Exception;

    /** This experiment read from a config file with {@code key=value} overrides; experiments without a config refuse. */
    default Experiment configured(java.nio.file.Path file, java.util.List<String> overrides) {
        throw new IllegalArgumentException("experiment " + name() + " takes no --config");
    }
}
