package edu.cs224n.serve;

import java.time.Duration;

/**
 * What {@code serve} is told; every limit is one of these, and each has a command-line option.
 *
 * @param host             interface to listen on (default 127.0.0.1: only this machine; 0.0.0.0 for every interface)
 * @param port             TCP port (default 9000, CoreNLP's; 0 picks a free one, and the ready line says which)
 * @param threads          parsing threads per request (default 0: every core); requests go through the model one at a
 *                         time, since DL4J networks are not re-entrant
 * @param queue            requests allowed to wait for the model (default 64); one more gets 503 with Retry-After
 * @param maxBodyBytes     largest request body (default 1 MiB, about 1,300 EWT sentences of CoNLL-U); larger: 413
 * @param maxSentenceWords longest sentence (default 250 words; EWT's longest has 159); longer: 400 naming it
 * @param timeout          how long a request may wait and be parsed (default 30 s); past it: 503 with Retry-After
 * @param drain            how long SIGTERM waits for the requests in flight (default 30 s)
 */
public record ServerSettings(String host, int port, int threads, int queue, long maxBodyBytes, int maxSentenceWords,
                             Duration timeout, Duration drain) {
    public static final ServerSettings DEFAULT = new ServerSettings("127.0.0.1", 9000, 0, 64, 1 << 20, 250,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    public ServerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port: expected 0-65535, got " + port);
        if (threads < 0) throw new IllegalArgumentException("--threads: expected >= 0 (0: every core), got " + threads);
        if (queue < 0) throw new IllegalArgumentException("--queue: expected >= 0, got " + queue);
        if (maxBodyBytes < 1) throw new IllegalArgumentException("--max-body-bytes: expected >= 1, got " + maxBodyBytes);
        if (maxSentenceWords < 1) throw new IllegalArgumentException("--max-sentence-words: expected >= 1, got " + maxSentenceWords);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--timeout: expected > 0, got " + timeout);
        if (drain.isNegative()) throw new IllegalArgumentException("--drain: expected >= 0, got " + drain);
    }
}
