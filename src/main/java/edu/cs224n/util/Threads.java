package edu.cs224n.util;

import org.nd4j.linalg.factory.Nd4j;

/** Sets how many threads ND4J's native ops and BLAS use (0 leaves ND4J's default). */
public final class Threads {
    private Threads() {}

    public static void set(int threads) {
        if (threads <= 0) return;
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** A thread count where 0 means every core. */
    public static int orAllCores(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
