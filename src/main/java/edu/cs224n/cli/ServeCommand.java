package edu.cs224n.cli;

import edu.cs224n.serve.ParseServer;
import edu.cs224n.serve.ParseService;
import edu.cs224n.serve.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the parser as an HTTP service ({@link ParseServer}); SIGTERM or SIGINT drain it and exit 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Parse over HTTP: POST /parse (raw text with a pipeline file, or CoNLL-U; answers CoNLL-U, or JSON with "
                + "Accept: application/json), GET /health, GET /metrics. Logs one line when ready; SIGTERM finishes the requests in flight and exits 0.")
final class ServeCommand extends CliCommand {
    private static final ServerSettings D = ServerSettings.DEFAULT;

    @Option(names = "--model", required = true, description = "a pipeline file (reads raw text and CoNLL-U) or a parser model file (CoNLL-U with tags)")
    Path model;
    @Option(names = "--host", description = "interface to listen on (default ${DEFAULT-VALUE}; 0.0.0.0: every interface)")
    String host = D.host();
    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0: a free one)")
    int port = D.port();
    @Option(names = "--threads", description = "parsing threads per request (default: every core)")
    int threads = D.threads();
    @Option(names = "--queue", description = "requests that may wait for the model; one more gets 503 (default ${DEFAULT-VALUE})")
    int queue = D.queue();
    @Option(names = "--max-body-bytes", description = "largest request body; larger gets 413 (default ${DEFAULT-VALUE})")
    long maxBodyBytes = D.maxBodyBytes();
    @Option(names = "--max-sentence-words", description = "longest sentence; longer gets 400 naming it (default ${DEFAULT-VALUE})")
    int maxSentenceWords = D.maxSentenceWords();
    @Option(names = "--timeout", description = "seconds a request may wait and be parsed; past it 503 (default ${DEFAULT-VALUE})")
    double timeoutSeconds = D.timeout().toMillis() / 1000.0;
    @Option(names = "--drain", description = "seconds SIGTERM waits for the requests in flight (default ${DEFAULT-VALUE})")
    double drainSeconds = D.drain().toMillis() / 1000.0;

    @Override
    public Integer call() throws Exception {
        ServerSettings settings = new ServerSettings(host, port, threads, queue, maxBodyBytes, maxSentenceWords, seconds(timeoutSeconds), seconds(drainSeconds));
        long t0 = System.nanoTime();
        ParseService service = ParseService.load(model, threads, maxSentenceWords);
        CountDownLatch stop = new CountDownLatch(1);
        onSignals(stop);
        try (ParseServer server = ParseServer.start(service, settings)) {
            out().printf(Locale.ROOT, "ready: %s model %s on http://%s:%d (loaded in %.1f s; queue %d, max body %d bytes, max sentence %d words, timeout %.0f s)%n",
                    service.kind(), model, host, server.port(), (System.nanoTime() - t0) / 1e9, queue, maxBodyBytes, maxSentenceWords, timeoutSeconds);
            out().flush();
            stop.await();
            out().println("stopping: finishing the requests in flight");
            out().flush();
            boolean drained = server.stop();
            out().println(drained ? "stopped" : "stopped after " + drainSeconds + " s with requests still in flight");
        }
        return 0;
    }

    /**
     * SIGTERM and SIGINT release {@code stop} instead of exiting the JVM, so the server drains and the command returns 0
     * (a shutdown hook could drain too, but the JVM would then exit 143).
     */
    @SuppressWarnings("restriction")
    private static void onSignals(CountDownLatch stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.countDown());
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
