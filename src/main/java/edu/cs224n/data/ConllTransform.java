package edu.cs224n.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * A CoNLL file through a function a batch at a time (parsing, tagging), overlapped: while one batch is worked on, the
 * next is read and the previous written, each on its own thread, so neither waits for the other. Batches are written
 * in input order; memory holds at most three. The first error (a malformed line, a refused input) stops it.
 */
public final class ConllTransform {
    private ConllTransform() {}

    /** Reads {@code in} to its end, {@code batchSize} sentences at a time, and writes {@code work} of each batch to {@code out}. */
    public static void run(ConllStream in, Writer out, int batchSize, UnaryOperator<List<Sentence>> work) throws IOException {
        ExecutorService io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "conll-io");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<Sentence>> next = io.submit(() -> in.next(batchSize));
            Future<?> written = CompletableFuture.completedFuture(null);
            while (true) {
                List<Sentence> batch = result(next);
                if (batch.isEmpty()) break;
                next = io.submit(() -> in.next(batchSize));
                List<Sentence> done = work.apply(batch);
                result(written);
                written = io.submit(() -> {
                    ConllWriter.write(done, out);
                    return null;
                });
            }
            result(written);
            out.flush();
        } finally {
            io.shutdownNow();
        }
    }

    /** The value of a finished task, its exception rethrown as it was. */
    private static <T> T result(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
