package edu.cs224n.serve;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of {@code serve}, on Undertow: {@code POST /parse}, {@code GET /health}, {@code GET /metrics}.
 *
 * <p>A request's body is read on one of Undertow's worker threads (at most {@code max_body_bytes}, else 413), then
 * handed to the one parsing thread through a bounded queue: the model is shared and DL4J networks are not re-entrant,
 * so requests go through it one at a time, each parsing on every core it was given. A full queue answers 503 with
 * Retry-After at once; a request not answered within the timeout gets 503 too (its parse, if it has started, runs on
 * to the end, since DL4J has no way to stop a forward pass, and keeps its place so the queue bound still holds).
 * {@link #stop} refuses new requests (503), waits for those in flight, then closes.
 */
public final class ParseServer implements AutoCloseable {
    private static final HttpString RETRY_AFTER = new HttpString("Retry-After");

    /** One request's body to its answer; {@link ParseService#parse} (a test may slow it down to fill the queue). */
    interface RequestParser {
        ParseService.Answer parse(byte[] body, ParseService.Input input, boolean json);
    }

    private final ParseService service;
    private final RequestParser parser;
    private final ServerSettings settings;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final ThreadPoolExecutor parsing;
    private final GracefulShutdownHandler shutdown;
    private final Undertow undertow;

    private ParseServer(ParseService service, RequestParser parser, ServerSettings settings) {
        this.service = service;
        this.parser = parser;
        this.settings = settings;
        BlockingQueue<Runnable> queue = settings.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queue());
        this.parsing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "parse");
            t.setDaemon(true);
            return t;
        });
        HttpHandler routes = Handlers.routing()
                .post("/parse", this::parse)
                .get("/health", this::health)
                .get("/metrics", this::metrics)
                .setFallbackHandler(ex -> send(ex, 404, "no such endpoint: " + ex.getRequestPath() + " (POST /parse, GET /health, GET /metrics)", false))
                .setInvalidMethodHandler(ex -> send(ex, 405, ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath(), false));
        this.shutdown = Handlers.gracefulShutdown(routes);
        // Every waiting request holds a worker thread while its body is read and its parse awaited: queue + the one
        // parsing + a few for the requests being refused.
        this.undertow = Undertow.builder().addHttpListener(settings.port(), settings.host())
                .setIoThreads(2).setWorkerThreads(settings.queue() + 8).setHandler(shutdown).build();
    }

    /** Starts listening; the model is already loaded in {@code service}. */
    public static ParseServer start(ParseService service, ServerSettings settings) {
        return start(service, service::parse, settings);
    }

    static ParseServer start(ParseService service, RequestParser parser, ServerSettings settings) {
        ParseServer server = new ParseServer(service, parser, settings);
        server.undertow.start();
        return server;
    }

    /** The port listened on (the one picked when {@code port} was 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Refuses new requests, waits up to the drain time for those in flight (queued ones included), then closes. */
    public boolean stop() {
        shutdown.shutdown();
        boolean drained;
        try {
            drained = shutdown.awaitShutdown(settings.drain().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        undertow.stop();
        parsing.shutdownNow();
        return drained;
    }

    @Override
    public void close() {
        stop();
    }

    private void parse(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            ex.dispatch(this::parse);
            return;
        }
        long start = System.nanoTime();
        boolean json = wantsJson(ex);
        int status;
        int sentences = 0, words = 0;
        Runnable reply;
        try {
            byte[] body = readBody(ex);
            ParseService.Answer answer = await(ex, body, json, start);
            sentences = answer.sentences();
            words = answer.words();
            status = 200;
            reply = () -> {
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType());
                ex.getResponseSender().send(answer.body(), StandardCharsets.UTF_8);
            };
        } catch (ParseService.Refusal r) {
            int refused = status = r.status();
            reply = () -> send(ex, refused, r.getMessage(), json);
        } catch (RuntimeException | IOException e) {
            status = 500;
            org.slf4j.LoggerFactory.getLogger(ParseServer.class).error("request failed", e);
            reply = () -> send(ex, 500, "internal error: " + e, json);
        }
        // Counted before the answer goes out, so a client that has its answer sees it in /metrics.
        metrics.record(status, System.nanoTime() - start, sentences, words);
        reply.run();
    }

    /** The parse of {@code body} on the parsing thread, within what is left of the timeout. */
    private ParseService.Answer await(HttpServerExchange ex, byte[] body, boolean json, long start) {
        ParseService.Input input = input(ex);
        Future<ParseService.Answer> f;
        try {
            f = parsing.submit(() -> parser.parse(body, input, json));
        } catch (RejectedExecutionException e) {
            ex.getResponseHeaders().put(RETRY_AFTER, retryAfterSeconds());
            throw new ParseService.Refusal(503, "busy: " + settings.queue() + " requests are already waiting; retry later");
        }
        long left = settings.timeout().toNanos() - (System.nanoTime() - start);
        try {
            return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // A queued request leaves the queue; a running parse cannot be stopped, and finishes unread.
            f.cancel(false);
            parsing.remove((Runnable) f);
            ex.getResponseHeaders().put(RETRY_AFTER, retryAfterSeconds());
            throw new ParseService.Refusal(503, "not parsed within the request timeout of " + settings.timeout().toMillis()
                    + " ms; retry later or send fewer sentences");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseService.Refusal(503, "the server is shutting down");
        }
    }

    /** Seconds a refused client should wait: the time the queue ahead of it takes at the mean latency so far, at least 1. */
    private String retryAfterSeconds() {
        return Long.toString(Math.max(1, (long) Math.ceil(metrics.meanLatencyMillis() * (parsing.getQueue().size() + 1) / 1000)));
    }

    /** The body, refused with 413 past {@code max_body_bytes} (the rest is read and dropped, so the client sees the answer). */
    private byte[] readBody(HttpServerExchange ex) throws IOException {
        ex.startBlocking();
        long limit = settings.maxBodyBytes();
        long declared = ex.getRequestContentLength();
        InputStream in = ex.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), limit + 1));
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total <= limit) body.write(buffer, 0, n);
            else if (total > 64 * limit) break; // stop draining a body this large; the connection closes after the answer
        }
        if (total > limit || declared > limit) {
            throw new ParseService.Refusal(413, "request body of " + Math.max(total, declared) + " bytes is over the limit of " + limit
                    + " bytes (--max-body-bytes); split the text");
        }
        return body.toByteArray();
    }

    /** {@code ?input=text|conllu}, else a Content-Type naming CoNLL, else the model's own (text for a pipeline). */
    private static ParseService.Input input(HttpServerExchange ex) {
        Deque<String> param = ex.getQueryParameters().get("input");
        if (param != null && !param.isEmpty()) {
            return switch (param.getFirst().toLowerCase(java.util.Locale.ROOT)) {
                case "text" -> ParseService.Input.TEXT;
                case "conllu", "conll" -> ParseService.Input.CONLLU;
                default -> throw new ParseService.Refusal(400, "?input=" + param.getFirst() + ": expected text or conllu");
            };
        }
        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("conll") ? ParseService.Input.CONLLU : null;
    }

    /** JSON when the Accept header asks for it or {@code ?format=json}; CoNLL-U otherwise. */
    private static boolean wantsJson(HttpServerExchange ex) {
        Deque<String> format = ex.getQueryParameters().get("format");
        if (format != null && !format.isEmpty()) return format.getFirst().equalsIgnoreCase("json");
        String accept = ex.getRequestHeaders().getFirst(Headers.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("application/json");
    }

    private void health(HttpServerExchange ex) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        h.put("model", service.kind());
        h.put("reads", service.readsText() ? "text, conllu" : "conllu");
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, ParseService.JSON_TYPE);
        ex.getResponseSender().send(ParseService.json(h), StandardCharsets.UTF_8);
    }

    private void metrics(HttpServerExchange ex) {
        Map<String, Object> m = metrics.snapshot(parsing.getActiveCount(), parsing.getQueue().size());
        m.put("used_heap_bytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, ParseService.JSON_TYPE);
        ex.getResponseSender().send(ParseService.json(m), StandardCharsets.UTF_8);
    }

    private static void send(HttpServerExchange ex, int status, String message, boolean json) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, json ? ParseService.JSON_TYPE : "text/plain; charset=utf-8");
        ex.getResponseSender().send(ParseService.error(status, message, json), StandardCharsets.UTF_8);
    }
}
