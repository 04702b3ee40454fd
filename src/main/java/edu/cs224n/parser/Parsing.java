package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.util.Threads;

import java.util.List;

/** How a trained parser is run on many sentences: which scorer, and on how many threads; user input checked first. */
public final class Parsing {
    private Parsing() {}

    /** Parsed sentences, and what the input held that the model never saw. */
    public record Parsed(List<Sentence> sentences, InputContract.Report report) {}

    /**
     * User input ({@code where} names it) through the {@link InputContract} (refused when it lacks a tag column the model
     * reads), then parsed ({@link #parse} for a transition parser).
     */
    public static Parsed parseInput(DependencyParser m, List<Sentence> sentences, String where, int threads, boolean graph) {
        InputContract.Report report = InputContract.check(m.vocabulary(), sentences, where);
        if (graph && !(m instanceof ParserModel)) throw new IllegalArgumentException("--graph: only a transition parser has a pre-computed path to compare with");
        return new Parsed(graph ? parse((ParserModel) m, sentences, threads, true) : m.parse(sentences, threads), report);
    }

    /**
     * The pre-computed path on {@code threads} threads (0 = all cores), each running BLAS single-threaded; or, with
     * {@code graph}, the ComputationGraph itself (the slow reference) on one thread with ND4J using the threads.
     */
    public static List<Sentence> parse(ParserModel m, List<Sentence> sentences, int threads, boolean graph) {
        if (graph) {
            Threads.set(threads);
            return m.parse(sentences, m.config().evalBatchSize(), new GraphScorer(m.network(), m.featureExtractor()));
        }
        if (m.context() != null) Threads.set(1); // the tagger's ops; without one, parsing uses no ND4J op (and need not start it)
        return m.parse(sentences, m.config().evalBatchSize(), Threads.orAllCores(threads), m.precompute());
    }
}
