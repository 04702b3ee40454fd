package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.util.Threads;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers that decide together: at every step each model scores the configuration through its own vocabulary and
 * features, and the best legal transition under the mean of their probabilities is taken (one greedy parse, not a
 * vote over finished trees). The models must share the transition system (the same labels in the same order), which
 * holds for parsers trained on the same treebank's labels. One model is the plain parser.
 */
public final class ParserEnsemble implements DependencyParser {
    private final List<ParserModel> models;
    private final List<PrecomputedScorer.Tables> tables = new ArrayList<>();

    public ParserEnsemble(List<ParserModel> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one parser");
        this.models = List.copyOf(models);
        requireSameTransitions(this.models);
        for (ParserModel m : this.models) tables.add(m.precompute());
    }

    public List<ParserModel> models() { return models; }

    /** The first model's evaluation batch size. */
    public int evalBatchSize() { return models.get(0).config().evalBatchSize(); }

    public List<Sentence> parse(List<Sentence> sentences, int batchSize, int threads) {
        // Without a tagger context each parsing thread encodes its own share; a tagger's states are computed here first.
        boolean context = models.stream().anyMatch(m -> m.context() != null);
        return parse(models, tables, sentences, context ? encode(models, sentences) : null, batchSize, threads);
    }

    @Override
    public List<Sentence> parse(List<Sentence> sentences, int threads) {
        return parse(sentences, evalBatchSize(), Threads.orAllCores(threads));
    }

    @Override
    public String kind() { return ParserModel.KIND; }

    /** The first model's (every member reads its own; they share the labels). */
    @Override
    public ParserVocabulary vocabulary() { return models.get(0).vocabulary(); }

    /**
     * Each model's encoding of the sentences, on this thread (a tagger's network is not thread-safe). Parsers that read
     * the same tagger (the same model file) share its states, computed once.
     */
    static List<List<ParserVocabulary.EncodedSentence>> encode(List<ParserModel> models, List<Sentence> sentences) {
        Map<ByteBuffer, List<float[][]>> statesByTagger = new HashMap<>();
        List<List<ParserVocabulary.EncodedSentence>> encoded = new ArrayList<>();
        for (ParserModel m : models) {
            TaggerContext c = m.context();
            encoded.add(m.encode(sentences, c == null ? null : statesByTagger.computeIfAbsent(ByteBuffer.wrap(c.archive()), k -> c.states(sentences))));
        }
        return encoded;
    }

    /** Fails unless every model has the first one's transitions (what {@code new ParserEnsemble} checks, without its tables). */
    public static void requireSameTransitions(List<ParserModel> models) {
        ArcStandard first = models.get(0).vocabulary().transitionSystem();
        for (int i = 1; i < models.size(); i++) {
            ArcStandard other = models.get(i).vocabulary().transitionSystem();
            if (other.numTransitions() != first.numTransitions() || !other.labels().equals(first.labels())) {
                throw new IllegalArgumentException("parser " + (i + 1) + " has other transitions than parser 1 (" + other.numTransitions()
                        + " vs " + first.numTransitions() + "): ensemble members must be trained on the same label set");
            }
        }
    }

    /**
     * Parses on {@code threads} threads, each taking a contiguous share of the sentences (balanced by length) with
     * its own scorers over the shared tables, and encoding its share itself when {@code encoded} is null. The output
     * does not depend on the thread count or batch size.
     */
    static List<Sentence> parse(List<ParserModel> models, List<PrecomputedScorer.Tables> tables, List<Sentence> sentences,
                                List<List<ParserVocabulary.EncodedSentence>> encoded, int batchSize, int threads) {
        // Each parsing thread runs its small gemms itself; BLAS threads on top would only oversubscribe the cores.
        return Threads.withBlasThreads(1, () -> parseOn(models, tables, sentences, encoded, batchSize, threads));
    }

    private static List<Sentence> parseOn(List<ParserModel> models, List<PrecomputedScorer.Tables> tables, List<Sentence> sentences,
                                          List<List<ParserVocabulary.EncodedSentence>> encoded, int batchSize, int threads) {
        Sentence[] parsed = new Sentence[sentences.size()];
        // A thread takes at least MIN_SHARE sentences: a few sentences on two threads cost two thread starts and two
        // half-empty gemms per step (a server's small requests); the parses do not depend on the thread count.
        int[] bounds = shares(sentences, Math.max(1, Math.min(threads, (sentences.size() + MIN_SHARE - 1) / MIN_SHARE)));
        ArcStandard system = models.get(0).vocabulary().transitionSystem();
        List<String> labelNames = system.labels();
        Thread[] workers = new Thread[bounds.length - 1];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < workers.length; i++) {
            int from = bounds[i];
            int to = bounds[i + 1];
            Runnable work = () -> {
                List<MinibatchParser.Member> members = new ArrayList<>();
                List<PrecomputedScorer> scorers = new ArrayList<>();
                List<List<ParserVocabulary.EncodedSentence>> share = new ArrayList<>();
                for (int k = 0; k < models.size(); k++) {
                    scorers.add(new PrecomputedScorer(tables.get(k)));
                    members.add(new MinibatchParser.Member(models.get(k).featureExtractor(), scorers.get(k)));
                    share.add(encoded == null ? models.get(k).encode(sentences.subList(from, to)) : encoded.get(k).subList(from, to));
                }
                try {
                    PartialParse[] part = new MinibatchParser(system, members, batchSize).parseTogether(share);
                    withPredictions(labelNames, sentences, from, part, parsed);
                } finally {
                    scorers.forEach(PrecomputedScorer::close);
                }
            };
            if (workers.length == 1) {
                work.run();
                break;
            }
            workers[i] = new Thread(work, "parser-" + i);
            workers[i].setUncaughtExceptionHandler((t, e) -> {
                synchronized (failure) {
                    if (failure[0] == null) failure[0] = e;
                }
            });
            workers[i].start();
        }
        if (workers.length > 1) {
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while parsing", e);
                }
            }
            if (failure[0] instanceof RuntimeException re) throw re;
            if (failure[0] instanceof Error err) throw err;
            if (failure[0] != null) throw new IllegalStateException(failure[0]);
        }
        return deprojectivized(labelNames, Arrays.asList(parsed));
    }

    /** The fewest sentences worth a parsing thread of their own. */
    static final int MIN_SHARE = 64;

    /** Split points giving each of {@code parts} contiguous shares about the same number of words. */
    private static int[] shares(List<Sentence> sentences, int parts) {
        long total = 0;
        for (Sentence s : sentences) total += s.size() + 1;
        int[] bounds = new int[parts + 1];
        long seen = 0;
        int part = 1;
        for (int i = 0; i < sentences.size() && part < parts; i++) {
            seen += sentences.get(i).size() + 1;
            if (seen * parts >= total * part) bounds[part++] = i + 1;
        }
        while (part < parts) bounds[part++] = sentences.size();
        bounds[parts] = sentences.size();
        return bounds;
    }

    /** One sentence's predictions (a method of its own: the JIT compiles it once, not again inside each long loop). */
    private static Sentence withPrediction(List<String> labelNames, Sentence sentence, PartialParse parse) {
        int[] labelIds = parse.labels();
        String[] labels = new String[labelIds.length];
        for (int w = 0; w < labels.length; w++) labels[w] = labelNames.get(labelIds[w]);
        return sentence.withPredictions(parse.heads(), labels);
    }

    static List<Sentence> withPredictions(ArcStandard system, List<Sentence> sentences, PartialParse[] parses) {
        List<String> labelNames = system.labels();
        Sentence[] out = new Sentence[parses.length];
        withPredictions(labelNames, sentences, 0, parses, out);
        return deprojectivized(labelNames, Arrays.asList(out));
    }

    /** Sentences {@code from ..} with the predictions of {@code parses}, into {@code out} at the same indices. */
    private static void withPredictions(List<String> labelNames, List<Sentence> sentences, int from, PartialParse[] parses, Sentence[] out) {
        for (int j = 0; j < parses.length; j++) out[from + j] = withPrediction(labelNames, sentences.get(from + j), parses[j]);
    }

    /** A parser trained on projectivized trees (nonprojective: pseudo) has lift-marked labels: its lifts undone. */
    private static List<Sentence> deprojectivized(List<String> labelNames, List<Sentence> parsed) {
        return labelNames.stream().anyMatch(l -> l.contains(PseudoProjective.LIFT)) ? PseudoProjective.deprojectivize(parsed) : parsed;
    }
}
