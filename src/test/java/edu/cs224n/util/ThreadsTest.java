package edu.cs224n.util;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** The thread cap the test JVMs run under: a config's larger count is cut to it, and a bad cap is a clear error. */
class ThreadsTest {
    @Test
    void theCapLimitsWhatAConfigAsksFor() {
        String before = System.getProperty(Threads.CAP_PROPERTY);
        try {
            System.setProperty(Threads.CAP_PROPERTY, "1");
            Threads.set(2);
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            System.clearProperty(Threads.CAP_PROPERTY);
            Threads.set(2);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "without a cap the config's count holds");
            System.setProperty(Threads.CAP_PROPERTY, "none");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.set(2));
            assertTrue(e.getMessage().contains(Threads.CAP_PROPERTY) && e.getMessage().contains("none"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(Threads.CAP_PROPERTY); else System.setProperty(Threads.CAP_PROPERTY, before);
            Threads.set(1);
        }
    }
}
