package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.util.Threads;

import java.util.List;

/** How a trained parser is run on many sentences: which scorer, and on how many threads. */
public final class Parsing {
    private Parsing() {}

    /**
     * The pre-computed path on {@code threads} threads (0 = all cores), each running BLAS single-threaded; or, with
     * {@code graph}, the ComputationGraph itself (the slow reference) on one thread with ND4J using the threads.
     */
    public static List<Sentence> parse(ParserModel m, List<Sentence> sentences, int threads, boolean graph) {
        if (graph) {
            Threads.set(threads);
            return m.parse(sentences, m.config().evalBatchSize(), new GraphScorer(m.network(), m.featureExtractor()));
        }
        Threads.set(1);
        return m.parse(sentences, m.config().evalBatchSize(), threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), m.precompute());
    }
}
