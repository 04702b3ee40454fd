package edu.cs224n.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.ConcurrentHistogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator of {@code scripts/load-test.sh}: C clients, each sending requests of K consecutive sentences of a
 * CoNLL-U file one after another, for at most S seconds and N requests in all (every loop bounded). Each answer is
 * compared with the same sentences of {@code parser parse}'s output on the whole file. With {@code --malformed P}, a
 * share P of the requests is malformed (bad CoNLL-U, over the body limit, bad UTF-8, empty, in turn) and must get a
 * 4xx. Prints one JSON object: counts by status, wrong answers, sentences/s, latency percentiles.
 *
 * <pre>{@code java -cp target/test-classes:target/cs224n-dl4j.jar edu.cs224n.serve.LoadGenerator URL INPUT EXPECTED
 *      CLIENTS SECONDS MAX_REQUESTS SENTENCES_PER_REQUEST MALFORMED_SHARE MAX_BODY_BYTES}</pre>
 */
public final class LoadGenerator {
    private record Chunk(String body, String expected, int sentences) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: LoadGenerator URL INPUT EXPECTED CLIENTS SECONDS MAX_REQUESTS SENTENCES_PER_REQUEST MALFORMED_SHARE MAX_BODY_BYTES");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        List<String> in = blocks(Files.readString(Path.of(args[1]))), out = blocks(Files.readString(Path.of(args[2])));
        if (in.size() != out.size()) throw new IllegalArgumentException(in.size() + " input sentences, " + out.size() + " expected");
        int clients = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + (long) (Double.parseDouble(args[4]) * 1e9);
        long maxRequests = Long.parseLong(args[5]);
        int k = Integer.parseInt(args[6]);
        double malformed = Double.parseDouble(args[7]);
        long maxBody = Long.parseLong(args[8]);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i + k <= in.size(); i += k) {
            chunks.add(new Chunk(String.join("", in.subList(i, i + k)), String.join("", out.subList(i, i + k)), k));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentHistogram latency = new ConcurrentHistogram(1, 3_600_000_000L, 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> badByKind = new ConcurrentHashMap<>();
        LongAdder wrong = new LongAdder(), sentences = new LongAdder(), failures = new LongAdder(), malformedUnexpected = new LongAdder();
        AtomicLong issued = new AtomicLong();
        List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                java.util.Random rng = new java.util.Random(client);
                while (System.nanoTime() < deadline) {
                    long n = issued.getAndIncrement();
                    if (n >= maxRequests) break;
                    Chunk chunk = chunks.get((int) (n % chunks.size()));
                    boolean bad = rng.nextDouble() < malformed;
                    String kind = bad ? List.of("bad-conllu", "oversize", "bad-utf8", "empty").get((int) (n % 4)) : "good";
                    byte[] body = switch (kind) {
                        case "bad-conllu" -> (chunk.body() + "1\tnine\tcolumns\tonly\t_\t_\t_\t_\t_\n\n").getBytes(StandardCharsets.UTF_8);
                        case "oversize" -> new byte[(int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1)];
                        case "bad-utf8" -> concat(chunk.body().getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28});
                        case "empty" -> new byte[0];
                        default -> chunk.body().getBytes(StandardCharsets.UTF_8);
                    };
                    if (kind.equals("oversize")) java.util.Arrays.fill(body, (byte) 'x');
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "text/x-conllu").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        statuses.computeIfAbsent(r.statusCode(), s -> new LongAdder()).increment();
                        if (bad) {
                            badByKind.computeIfAbsent(kind + " -> " + r.statusCode(), s -> new LongAdder()).increment();
                            if (r.statusCode() < 400 || r.statusCode() >= 500) malformedUnexpected.increment();
                        } else if (r.statusCode() == 200) {
                            if (r.body().equals(chunk.expected())) sentences.add(chunk.sentences());
                            else {
                                wrong.increment();
                                if (examples.size() < 3) examples.add("request " + n + ": answer differs from parser parse");
                            }
                        }
                    } catch (Exception e) {
                        failures.increment();
                        if (examples.size() < 3) examples.add(kind + ": " + e);
                    }
                }
            }, "client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("clients", clients);
        report.put("seconds", seconds);
        report.put("requests", Math.min(issued.get(), maxRequests));
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(Integer.toString(s), n.sum()));
        report.put("responses_by_status", byStatus);
        Map<String, Long> bad = new TreeMap<>();
        badByKind.forEach((s, n) -> bad.put(s, n.sum()));
        report.put("malformed_by_kind", bad);
        report.put("malformed_without_4xx", malformedUnexpected.sum());
        report.put("wrong_answers", wrong.sum());
        report.put("connection_failures", failures.sum());
        report.put("correct_sentences", sentences.sum());
        report.put("sentences_per_second", sentences.sum() / seconds);
        report.put("latency_ms", Map.of("p50", latency.getValueAtPercentile(50) / 1000.0, "p95", latency.getValueAtPercentile(95) / 1000.0,
                "p99", latency.getValueAtPercentile(99) / 1000.0, "max", latency.getMaxValue() / 1000.0));
        report.put("examples", examples);
        System.out.println(new ObjectMapper().writeValueAsString(report));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The sentences of a CoNLL text, each with its lines and the blank line after it. */
    static List<String> blocks(String conll) {
        List<String> out = new ArrayList<>();
        for (String b : conll.split("\n\n")) {
            if (!b.isBlank()) out.add(b.strip() + "\n\n");
        }
        return out;
    }
}
