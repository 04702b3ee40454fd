package edu.cs224n.util;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/** Sets how many threads ND4J's native ops and BLAS use (0 leaves ND4J's default). */
public final class Threads {
    /**
     * System property that caps every native thread count a config or option asks for. The test JVMs set it to 1: two
     * of them share a 2-core machine, and ND4J's settings are global to a JVM, so one test's {@code threads: 2} would
     * otherwise stay in force for every later test in that JVM, and two 2-thread BLAS pools on 2 cores spin-wait on each
     * other. (Under OMP_NUM_THREADS=1 ND4J's own environment stays at 1 thread whatever is asked; OpenBLAS's pool follows.)
     */
    public static final String CAP_PROPERTY = "cs224n.max.threads";

    private Threads() {}

    public static void set(int threads) {
        if (threads <= 0) return;
        int n = Math.min(threads, cap());
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /**
     * {@code work} with OpenBLAS on {@code threads} threads, its count restored after (for callers that run their own
     * gemms on their own threads). OpenBLAS directly, as ND4J's blas() does: asking ND4J would start it, about a second.
     */
    public static <T> T withBlasThreads(int threads, java.util.function.Supplier<T> work) {
        int before = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(threads);
        try {
            return work.get();
        } finally {
            openblas_nolapack.blas_set_num_threads(before);
        }
    }

    /** A thread count where 0 means every core. */
    public static int orAllCores(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private static int cap() {
        String v = System.getProperty(CAP_PROPERTY);
        if (v == null || v.isBlank()) return Integer.MAX_VALUE;
        try {
            int cap = Integer.parseInt(v.trim());
            if (cap >= 1) return cap;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + CAP_PROPERTY + ": expected a whole number >= 1, got '" + v + "'");
    }
}
