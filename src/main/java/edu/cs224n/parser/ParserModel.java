package edu.cs224n.parser;

import edu.cs224n.config.Configs;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.train.ModelArchive;
import edu.cs224n.train.TrainerState;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trained parser: network, vocabularies and config, stored together in one model file. */
public final class ParserModel {
    static final String CONFIG = "config.yaml";

    private final ComputationGraph net;
    private final ParserVocabulary vocab;
    private final ParserConfig config;

    public ParserModel(ComputationGraph net, ParserVocabulary vocab, ParserConfig config) {
        this.net = net;
        this.vocab = vocab;
        this.config = config;
    }

    public ComputationGraph network() { return net; }

    public ParserVocabulary vocabulary() { return vocab; }

    public ParserConfig config() { return config; }

    /** Words whose hidden-layer products are pre-computed (Chen & Manning cache the 10,000 most frequent). */
    public static final int PRECOMPUTED_WORDS = 10_000;

    /** The pre-computed inference tables of the network as it is now (rebuild after training changes it). */
    public PrecomputedScorer.Tables precompute() {
        return new PrecomputedScorer.Tables(net, vocab, PRECOMPUTED_WORDS);
    }

    /**
     * Parses (gold HEAD/DEPREL, if any, are ignored) and returns the sentences with predicted HEAD and DEPREL,
     * using the pre-computed inference path on one thread.
     */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize) {
        return parse(sentences, batchSize, 1, precompute());
    }

    /**
     * Parses on {@code threads} threads, each taking a contiguous share of the sentences (balanced by length)
     * with its own scorer over the shared tables. The output does not depend on the thread count or batch size.
     */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize, int threads, PrecomputedScorer.Tables tables) {
        // Each parsing thread runs its small gemms itself; BLAS threads on top would only oversubscribe the cores.
        var blas = org.nd4j.linalg.factory.Nd4j.factory().blas();
        int blasThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            return parseOn(sentences, batchSize, threads, tables);
        } finally {
            blas.setMaxThreads(blasThreads);
        }
    }

    private List<Sentence> parseOn(List<Sentence> sentences, int batchSize, int threads, PrecomputedScorer.Tables tables) {
        List<ParserVocabulary.EncodedSentence> encoded = encode(sentences);
        PartialParse[] parses = new PartialParse[encoded.size()];
        int[] bounds = shares(encoded, Math.max(1, Math.min(threads, encoded.size())));
        ArcStandard system = vocab.transitionSystem();
        Thread[] workers = new Thread[bounds.length - 1];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < workers.length; i++) {
            int from = bounds[i];
            int to = bounds[i + 1];
            Runnable work = () -> {
                PartialParse[] part = new MinibatchParser(system, FeatureExtractor.of(vocab), new PrecomputedScorer(tables), batchSize)
                        .parse(encoded.subList(from, to));
                System.arraycopy(part, 0, parses, from, part.length);
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
        return withPredictions(sentences, parses);
    }

    /** Parses with the given scorer on the calling thread (e.g. {@link GraphScorer}, the plain ComputationGraph). */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize, TransitionScorer scorer) {
        PartialParse[] parses = new MinibatchParser(vocab.transitionSystem(), FeatureExtractor.of(vocab), scorer, batchSize)
                .parse(encode(sentences));
        return withPredictions(sentences, parses);
    }

    private List<ParserVocabulary.EncodedSentence> encode(List<Sentence> sentences) {
        List<ParserVocabulary.EncodedSentence> encoded = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) encoded.add(vocab.encode(s));
        return encoded;
    }

    /** Split points giving each of {@code parts} contiguous shares about the same number of words. */
    private static int[] shares(List<ParserVocabulary.EncodedSentence> encoded, int parts) {
        long total = 0;
        for (var e : encoded) total += e.n() + 1;
        int[] bounds = new int[parts + 1];
        long seen = 0;
        int part = 1;
        for (int i = 0; i < encoded.size() && part < parts; i++) {
            seen += encoded.get(i).n() + 1;
            if (seen * parts >= total * part) bounds[part++] = i + 1;
        }
        while (part < parts) bounds[part++] = encoded.size();
        bounds[parts] = encoded.size();
        return bounds;
    }

    private List<Sentence> withPredictions(List<Sentence> sentences, PartialParse[] parses) {
        List<Sentence> out = new ArrayList<>(sentences.size());
        List<String> labelNames = vocab.transitionSystem().labels();
        for (int i = 0; i < parses.length; i++) {
            int[] labelIds = parses[i].labels();
            String[] labels = new String[labelIds.length];
            for (int w = 0; w < labels.length; w++) labels[w] = labelNames.get(labelIds[w]);
            out.add(sentences.get(i).withPredictions(parses[i].heads(), labels));
        }
        return out;
    }

    public void save(Path target, boolean withUpdater, Map<String, String> extra) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(CONFIG, Configs.toYaml(config));
        entries.put("vocab/words.txt", String.join("\n", vocab.words().lines()));
        for (int i = 0; i < vocab.tagSets().size(); i++) {
            entries.put("vocab/tags_" + vocab.tagSets().get(i).name().toLowerCase() + ".txt", String.join("\n", vocab.tags().get(i).lines()));
        }
        entries.put("vocab/labels.txt", String.join("\n", vocab.labels().lines()));
        entries.putAll(extra);
        ModelArchive.write(target, net, withUpdater, entries);
    }

    public record Loaded(ParserModel model, TrainerState state, Map<String, String> entries) {}

    public static ParserModel load(Path file) throws IOException {
        return loadWithState(file, false).model();
    }

    public static Loaded loadWithState(Path file, boolean withUpdater) throws IOException {
        ModelArchive.Contents c = ModelArchive.read(file, withUpdater);
        ParserConfig config = Configs.fromYaml(file + "!" + CONFIG, c.entry(CONFIG, file), ParserConfig.defaults(), ParserConfig.class);
        Vocabulary words = Vocabulary.fromLines(lines(c.entry("vocab/words.txt", file)));
        List<Vocabulary> tags = new ArrayList<>();
        for (var t : config.tagSets()) tags.add(Vocabulary.fromLines(lines(c.entry("vocab/tags_" + t.name().toLowerCase() + ".txt", file))));
        Vocabulary labels = Vocabulary.fromLines(lines(c.entry("vocab/labels.txt", file)));
        ParserVocabulary vocab = new ParserVocabulary(words, config.tagSets(), tags, labels, config.lowercase());
        // The graph says which definition it is (files written before the config had a network key are plain).
        String kind = ParserNetwork.isFused(c.network()) ? "fused" : "plain";
        if (!kind.equals(config.network())) config = config.withNetwork(kind);
        String state = c.entries().get(ModelArchive.TRAINER_STATE);
        return new Loaded(new ParserModel(c.network(), vocab, config), state == null ? null : TrainerState.fromJson(state), c.entries());
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
