package edu.cs224n.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.cs224n.api.Training;
import edu.cs224n.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code serve} on a free port with a pipeline and a parser trained in seconds on the bundled sample: every endpoint,
 * every limit and every kind of bad request, concurrent clients, draining on stop, and SIGTERM's exit code 0.
 */
class ServeTest {
    @TempDir
    static Path dir;
    static Path pipelineFile, parserFile;
    static ParseService pipeline, parser;
    static ParseServer server, parserServer;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper json = new ObjectMapper();
    static final String TEXT = "I parsed this sentence correctly. Didn't I?\n\nThe U.S. economy grew 2.5% in 2004.";

    @BeforeAll
    static void start() throws Exception {
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        parserFile = Training.parser(Path.of("conf/parser-sample.yaml"), dir.resolve("parser"), quiet, "epochs=2", "threads=1");
        Path tagger = Training.tagger(Path.of("conf/tagger-ewt.yaml"), dir.resolve("tagger"), quiet, "train=corpora/sample/train.conllu",
                "dev=corpora/sample/dev.conllu", "test=", "epochs=1", "hidden=16", "word_dim=16", "min_word_count=1", "threads=1");
        pipelineFile = Training.pipeline(List.of(tagger), List.of(parserFile), null, dir.resolve("pipeline.zip"));
        pipeline = ParseService.load(pipelineFile, 1, 40);
        parser = ParseService.load(parserFile, 1, 40);
        server = ParseServer.start(pipeline, settings(8, 65536, 30));
        parserServer = ParseServer.start(parser, settings(8, 65536, 30));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (parserServer != null) parserServer.close();
    }

    static ServerSettings settings(int queue, long maxBody, double timeoutSeconds) {
        return new ServerSettings("127.0.0.1", 0, 1, queue, maxBody, 40, Duration.ofMillis((long) (timeoutSeconds * 1000)), Duration.ofSeconds(20));
    }

    static HttpResponse<String> post(ParseServer s, String query, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/parse" + query))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(ParseServer s, String body, String... headers) throws Exception {
        return post(s, "", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpResponse<String> get(ParseServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void textGivesTheSameConlluAsTheCommandLineByteForByte() throws Exception {
        HttpResponse<String> r = post(server, TEXT);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/x-conllu"));
        Cli.Result cli = Cli.run(TEXT, "parser", "parse", "--text", "--model", pipelineFile.toString());
        assertEquals(0, cli.code(), cli.err());
        assertEquals(cli.out(), r.body());
        assertTrue(r.body().contains("1-2\tDidn't"), r.body());
    }

    @Test
    void jsonHasSentencesThenWordsWithOffsetsIntoTheText() throws Exception {
        HttpResponse<String> r = post(server, TEXT, "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode sentences = json.readTree(r.body()).get("sentences");
        assertEquals(3, sentences.size());
        for (JsonNode s : sentences) {
            int roots = 0;
            for (JsonNode w : s.get("words")) {
                assertEquals(w.get("form").asText(), TEXT.substring(w.get("start").asInt(), w.get("end").asInt()), w.toString());
                for (String f : List.of("id", "lemma", "upos", "xpos", "head", "deprel")) assertTrue(w.has(f), f + " in " + w);
                if (w.get("head").asInt() == 0) roots++;
            }
            assertEquals(1, roots, s.toString());
        }
        assertEquals("Did", sentences.get(1).get("words").get(0).get("form").asText());
    }

    @Test
    void conlluGoesToAPipelineOrAParser() throws Exception {
        String conllu = Files.readString(Path.of("corpora/sample/test.conllu"));
        HttpResponse<String> viaPipeline = post(server, conllu, "Content-Type", "text/x-conllu");
        assertEquals(200, viaPipeline.statusCode(), viaPipeline.body());
        Cli.Result cli = Cli.run(conllu, "parser", "parse", "--model", pipelineFile.toString());
        assertEquals(cli.out(), viaPipeline.body(), "the pipeline re-tags CoNLL-U as parser parse does");
        HttpResponse<String> viaParser = post(parserServer, conllu);
        assertEquals(200, viaParser.statusCode(), viaParser.body());
        assertEquals(Cli.run(conllu, "parser", "parse", "--model", parserFile.toString()).out(), viaParser.body());
        HttpResponse<String> text = post(parserServer, "", "Just some text.".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        assertEquals(400, post(parserServer, "?input=text", "Just some text.".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, text.statusCode(), "a parser model reads CoNLL-U; plain text is refused as malformed CoNLL-U: " + text.body());
    }

    @Test
    void badRequestsGet400WithAMessageAndTheServerStaysUp() throws Exception {
        HttpResponse<String> malformed = post(server, "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n2\tcat only nine columns\n\n", "Content-Type", "text/x-conllu");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().startsWith("request:2: expected 10 tab-separated columns"), malformed.body());
        HttpResponse<String> utf8 = post(server, "", new byte[] {'T', 'h', 'e', ' ', (byte) 0xC3, '(', '.'});
        assertEquals(400, utf8.statusCode());
        assertTrue(utf8.body().contains("not valid UTF-8: byte 0xC3 at offset 4"), utf8.body());
        HttpResponse<String> empty = post(server, "");
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().startsWith("empty request body"), empty.body());
        String longSentence = "Word" + " word".repeat(40) + ".";
        HttpResponse<String> tooLong = post(server, "Short one. " + longSentence);
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("sentence 2 (\"Word word") && tooLong.body().contains("has 42 words; the limit is 40"), tooLong.body());
        HttpResponse<String> tooBig = post(server, "x ".repeat(35000));
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.body().contains("70000 bytes is over the limit of 65536"), tooBig.body());
        HttpResponse<String> asJson = post(server, "", new byte[0], "Accept", "application/json");
        assertEquals(400, json.readTree(asJson.body()).get("status").asInt(), "errors are JSON for JSON clients");
        assertEquals(404, get(server, "/nothing").statusCode());
        assertEquals(405, get(server, "/parse").statusCode());
        assertEquals(200, post(server, "Still here.").statusCode(), "the server still parses after bad requests");
        JsonNode metrics = json.readTree(get(server, "/metrics").body());
        assertTrue(metrics.get("responses_by_status").get("400").asInt() >= 4, metrics.toString());
        assertTrue(metrics.get("responses_by_status").get("413").asInt() >= 1, metrics.toString());
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> h = get(server, "/health");
        assertEquals(200, h.statusCode());
        assertEquals("ok", json.readTree(h.body()).get("status").asText());
        assertEquals("pipeline", json.readTree(h.body()).get("model").asText());
        long before = json.readTree(get(server, "/metrics").body()).get("sentences_parsed").asLong();
        assertEquals(200, post(server, TEXT).statusCode());
        JsonNode m = json.readTree(get(server, "/metrics").body());
        assertEquals(before + 3, m.get("sentences_parsed").asLong(), "three sentences more");
        assertTrue(m.get("requests").asLong() >= 1 && m.get("latency_ms").get("p99").asDouble() > 0, m.toString());
        for (String p : List.of("p50", "p95", "p99")) assertTrue(m.get("latency_ms").has(p), m.toString());
    }

    @Test
    void concurrentClientsGetTheirOwnCorrectAnswers() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) texts.add("Sentence number " + i + " is here. The cat " + "sat ".repeat(i % 4 + 1) + "on the mat.");
        List<String> expected = new ArrayList<>();
        for (String t : texts) expected.add(post(server, t).body());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String t : texts) answers.add(clients.submit(() -> post(server, t).body()));
            }
            for (int i = 0; i < answers.size(); i++) assertEquals(expected.get(i % texts.size()), answers.get(i).get(60, TimeUnit.SECONDS));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aFullQueueGets503WithRetryAfterAndASlowParseTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ParseServer.RequestParser slow = held(started, release);
        try (ParseServer s = ParseServer.start(pipeline, slow, settings(1, 4096, 4))) {
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                Future<HttpResponse<String>> first = clients.submit(() -> post(s, "First one."));
                assertTrue(started.await(20, TimeUnit.SECONDS));
                Future<HttpResponse<String>> queued = clients.submit(() -> post(s, "Second one."));
                for (int i = 0; i < 200 && json.readTree(get(s, "/metrics").body()).get("queued").asInt() < 1; i++) Thread.sleep(20);
                HttpResponse<String> refused = post(s, "Third one.");
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.body().startsWith("busy: 1 requests are already waiting"), refused.body());
                assertNotNull(refused, "a request past the queue is refused");
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
                HttpResponse<String> timedOut = first.get(20, TimeUnit.SECONDS);
                assertEquals(503, timedOut.statusCode(), timedOut.body());
                assertTrue(timedOut.body().contains("request timeout of 4000 ms"), timedOut.body());
                release.countDown();
                HttpResponse<String> second = queued.get(20, TimeUnit.SECONDS);
                assertTrue(second.statusCode() == 200 || second.statusCode() == 503, second.body());
            } finally {
                release.countDown();
                clients.shutdownNow();
            }
            HttpResponse<String> after = post(s, "After the jam.");
            assertEquals(200, after.statusCode(), "the server recovers: " + after.body());
        }
    }

    @Test
    void stopFinishesTheRequestsInFlightAndRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ParseServer.RequestParser slow = held(started, release);
        ParseServer s = ParseServer.start(pipeline, slow, settings(4, 4096, 30));
        int port = s.port();
        ExecutorService background = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> inFlight = background.submit(() -> post(s, "In flight."));
            assertTrue(started.await(20, TimeUnit.SECONDS));
            Future<Boolean> stopped = background.submit(s::stop);
            Thread.sleep(300);
            HttpResponse<String> late = post(s, "Too late.");
            assertEquals(503, late.statusCode(), "new requests are refused while draining");
            assertFalse(stopped.isDone(), "stop waits for the request in flight");
            release.countDown();
            assertEquals(200, inFlight.get(20, TimeUnit.SECONDS).statusCode());
            assertTrue(stopped.get(20, TimeUnit.SECONDS), "drained");
            assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()), "closed after stop");
        } finally {
            release.countDown();
            background.shutdownNow();
        }
    }

    /** The pipeline's parse, held until {@code release} once {@code started} says it has begun (to fill the queue, to time out). */
    static ParseServer.RequestParser held(CountDownLatch started, CountDownLatch release) {
        return (body, input, asJson) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return pipeline.parse(body, input, asJson);
        };
    }

    /** The command as a user starts it: one line when ready, SIGTERM, exit 0. */
    @Test
    void serveCommandLogsReadyAndExitsZeroOnSigterm() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "edu.cs224n.cli.Main", "serve", "--model", pipelineFile.toString(), "--port", "0", "--threads", "1");
        Path log = dir.resolve("serve.out");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(log.toFile()).start();
        try {
            String ready = "";
            for (int i = 0; i < 600 && ready.isEmpty() && p.isAlive(); i++) {
                Thread.sleep(100);
                ready = Files.readString(log).lines().findFirst().orElse("");
            }
            Matcher m = Pattern.compile("^ready: pipeline model .* on http://127\\.0\\.0\\.1:(\\d+) ").matcher(ready);
            assertTrue(m.find(), "the ready line: " + ready);
            int port = Integer.parseInt(m.group(1));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/parse"))
                    .POST(HttpRequest.BodyPublishers.ofString(TEXT)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops after SIGTERM");
            assertEquals(0, p.exitValue());
            assertTrue(Files.readString(log).contains("\nstopped"), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }
}
