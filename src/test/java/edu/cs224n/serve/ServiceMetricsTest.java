package edu.cs224n.serve;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** The counters behind /metrics and Retry-After: exact figures, and readable while other threads record. */
class ServiceMetricsTest {
    @Test
    void meanLatencyIsTheMeanOfWhatWasRecorded() {
        ServiceMetrics m = new ServiceMetrics();
        assertEquals(0, m.meanLatencyMillis());
        m.record(200, 2_000_000, 1, 5);
        m.record(503, 4_000_000, 0, 0);
        assertEquals(3.0, m.meanLatencyMillis(), 1e-9);
        Map<String, Object> s = m.snapshot(0, 0);
        assertEquals(2L, s.get("requests"));
        assertEquals(1L, s.get("errors"));
        assertEquals(5L, s.get("words_parsed"));
    }

    @Test
    void meanAndSnapshotCanBeReadWhileOtherThreadsRecord() throws Exception {
        ServiceMetrics m = new ServiceMetrics();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = new Thread(() -> {
                for (long i = 1; !stop.get(); i++) m.record(200, 1000 * (i % 5000 + 1), 1, 1);
            });
            writers[t].start();
        }
        try {
            for (int i = 0; i < 20_000; i++) {
                double mean = m.meanLatencyMillis();
                assertTrue(mean >= 0 && mean <= 5.001, "mean " + mean);
                if (i % 1000 == 0) assertNotNull(m.snapshot(0, 0).get("latency_ms"));
            }
        } finally {
            stop.set(true);
            for (Thread w : writers) w.join();
        }
        assertTrue(m.meanLatencyMillis() > 0);
    }
}
