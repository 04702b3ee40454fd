package edu.cs224n.serve;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and the latency histogram behind {@code GET /metrics}; recorded from any thread without locks. */
final class ServiceMetrics {
    private final long startNanos = System.nanoTime();
    private final LongAdder requests = new LongAdder(), sentences = new LongAdder(), words = new LongAdder();
    /** Sum of the recorded latencies in microseconds, for the mean: a live ConcurrentHistogram cannot be iterated while written. */
    private final LongAdder latencyMicros = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    /** Latency of answered /parse requests in microseconds, 1 us to 1 hour, 3 significant digits. */
    private final ConcurrentHistogram latency = new ConcurrentHistogram(1, 3_600_000_000L, 3);

    /** One /parse request answered with {@code status} after {@code nanos}; {@code sentences}/{@code words} parsed (0 on error). */
    void record(int status, long nanos, int sentenceCount, int wordCount) {
        requests.increment();
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        sentences.add(sentenceCount);
        words.add(wordCount);
        long micros = Math.max(1, Math.min(nanos / 1000, latency.getHighestTrackableValue()));
        latencyMicros.add(micros);
        latency.recordValue(micros);
    }

    /** Mean latency of the answered requests so far, in milliseconds (0 before the first). */
    double meanLatencyMillis() {
        // The sum first: record() counts a request before it adds its latency, so every latency read here belongs to a
        // request the count read next includes. The other order let records land in between and gave a mean above
        // every latency recorded (seen once in CI).
        long micros = latencyMicros.sum();
        long n = requests.sum();
        return n == 0 ? 0 : micros / 1000.0 / n;
    }

    /** The figures as a JSON-ready map: counts, errors by status, latency percentiles in milliseconds. */
    Map<String, Object> snapshot(int inFlight, int queued) {
        Histogram h = latency.copy();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("uptime_seconds", (System.nanoTime() - startNanos) / 1e9);
        out.put("requests", requests.sum());
        long errors = 0;
        Map<String, Long> statuses = new TreeMap<>();
        for (var e : byStatus.entrySet()) {
            statuses.put(Integer.toString(e.getKey()), e.getValue().sum());
            if (e.getKey() >= 400) errors += e.getValue().sum();
        }
        out.put("errors", errors);
        out.put("responses_by_status", statuses);
        out.put("sentences_parsed", sentences.sum());
        out.put("words_parsed", words.sum());
        out.put("in_flight", inFlight);
        out.put("queued", queued);
        Map<String, Object> ms = new java.util.LinkedHashMap<>();
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            ms.put("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)), h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0);
        }
        ms.put("max", h.getMaxValue() / 1000.0);
        ms.put("mean", h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
        out.put("latency_ms", ms);
        return out;
    }
}
