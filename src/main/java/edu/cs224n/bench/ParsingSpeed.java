package edu.cs224n.bench;

import edu.cs224n.util.RankStatistics;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.biaffine.BiaffineModel;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.parser.GraphScorer;
import edu.cs224n.pipeline.Parsers;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.PrecomputedScorer;
import edu.cs224n.util.Threads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The parser's speed on a CoNLL file: the median of {@code repeat} timed parses after {@code warmup} untimed ones (so
 * the JIT has compiled the hot loops), timed inside the process; model loading and pre-computation are timed apart, and
 * the first parse's end is also reported including JVM start-up.
 */
public final class ParsingSpeed {
    private ParsingSpeed() {}

    /** What one measurement found. */
    public record Speed(String path, int threads, int batch, int sentences, long tokens, int warmup, int repeat, double medianSeconds,
                        double loadSeconds, double precomputeSeconds, double withStartupSeconds) {
        public List<String> lines() {
            return List.of(
                    String.format(Locale.ROOT, "path=%s threads=%d batch=%d sentences=%d tokens=%d warmup=%d repeat=%d",
                            path, threads, batch, sentences, tokens, warmup, repeat),
                    String.format(Locale.ROOT, "sentences_per_second=%.0f tokens_per_second=%.0f %smedian_seconds=%.4f",
                            sentences / medianSeconds, tokens / medianSeconds,
                            path.equals(BIAFFINE) ? "" : String.format(Locale.ROOT, "transitions_per_second=%.0f ", 2 * tokens / medianSeconds), medianSeconds),
                    String.format(Locale.ROOT, "model_load_seconds=%.2f precompute_seconds=%.2f", loadSeconds, precomputeSeconds),
                    String.format(Locale.ROOT, "including_startup: seconds=%.2f sentences_per_second=%.0f (JVM start, data and model "
                            + "loading, pre-computation, first parse; ND4J's start where the path needs it)", withStartupSeconds, sentences / withStartupSeconds));
        }
    }

    /**
     * @param batch sentences parsed together (null: the model's eval_batch_size)
     * @param graph time the plain ComputationGraph (one thread, ND4J using {@code threads}) instead of the pre-computed path
     */
    public static Speed measure(Path model, Path data, int threads, int repeat, int warmup, Integer batch, boolean graph) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("--threads: expected >= 1, got " + threads);
        if (repeat < 1) throw new IllegalArgumentException("--repeat: expected >= 1, got " + repeat);
        List<Sentence> sentences = ConllSequenceRecordReader.read(data, false);
        long t0 = System.nanoTime();
        DependencyParser parser = Parsers.load(model);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        if (parser instanceof BiaffineModel b) return measure(b, sentences, threads, repeat, warmup, batch, loadSeconds);
        ParserModel m = (ParserModel) parser;
        // The pre-computed path runs no ND4J op unless the parser reads a tagger's states (and then ND4J has one thread).
        if (graph || m.context() != null) Threads.set(graph ? threads : 1);
        int size = batch != null ? batch : m.config().evalBatchSize();
        long t1 = System.nanoTime();
        PrecomputedScorer.Tables tables = graph ? null : m.precompute();
        double precomputeSeconds = (System.nanoTime() - t1) / 1e9;
        Timing t = time(repeat, warmup, graph ? () -> m.parse(sentences, size, new GraphScorer(m.network(), m.featureExtractor()))
                : () -> m.parse(sentences, size, threads, tables));
        return new Speed(graph ? "graph" : "precomputed", threads, size, sentences.size(), tokens(sentences), t.warmup(), repeat, t.median(),
                loadSeconds, precomputeSeconds, t.withStartup());
    }

    /** The path name of a biaffine parser's measurement (its graph runs on ND4J's {@code threads} threads). */
    static final String BIAFFINE = "biaffine";

    private static Speed measure(BiaffineModel m, List<Sentence> sentences, int threads, int repeat, int warmup, Integer batch, double loadSeconds) {
        BiaffineModel model = batch == null ? m : m.withEvalBatchSize(batch);
        Timing t = time(repeat, warmup, () -> model.parse(sentences, threads));
        return new Speed(BIAFFINE, threads, model.config().evalBatchSize(), sentences.size(), tokens(sentences), t.warmup(), repeat, t.median(),
                loadSeconds, 0, t.withStartup());
    }

    private static long tokens(List<Sentence> sentences) {
        return sentences.stream().mapToLong(Sentence::size).sum();
    }

    /** The median of {@code repeat} timed parses, the (at least one) warm-ups run first, and when the first warm-up ended after JVM start. */
    private record Timing(double median, int warmup, double withStartup) {}

    private static Timing time(int repeat, int warmup, Runnable parse) {
        double[] seconds = new double[repeat];
        double withStartup = 0;
        int warm = Math.max(1, warmup);
        for (int i = -warm; i < repeat; i++) {
            long t = System.nanoTime();
            parse.run();
            if (i >= 0) seconds[i] = (System.nanoTime() - t) / 1e9;
            else if (withStartup == 0) withStartup = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        }
        return new Timing(RankStatistics.median(seconds), warm, withStartup);
    }
}
