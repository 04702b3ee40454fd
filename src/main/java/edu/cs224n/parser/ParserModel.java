package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.TrainableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained parser: network, vocabularies and config, stored together in one model file, with the tagger whose
 * states it reads when it has a {@link TaggerContext}. A model file also holds the network's {@link InferenceWeights}:
 * a parser loaded from one parses from them and restores its DL4J graph only when something asks for the
 * {@link #network()} (training, the plain-graph path); from then on its tables come from the graph, which may change.
 */
public final class ParserModel implements TrainableModel, DependencyParser {
    public static final String KIND = "parser";

    private ComputationGraph net;                        // null until restored from the file
    private final java.util.function.Supplier<ComputationGraph> restore;
    private final InferenceWeights fileWeights;          // the file's weights (null: none stored); unused once net is restored
    private final ParserVocabulary vocab;
    private final ParserConfig config;
    private final TaggerContext context;

    public ParserModel(ComputationGraph net, ParserVocabulary vocab, ParserConfig config) {
        this(net, vocab, config, null);
    }

    /** @param context the tagger whose states the network reads (null: none) */
    public ParserModel(ComputationGraph net, ParserVocabulary vocab, ParserConfig config, TaggerContext context) {
        this(net, null, null, vocab, config, context, net.getConfiguration().getNetworkInputs().contains(ParserNetwork.CONTEXT));
    }

    private ParserModel(ComputationGraph net, java.util.function.Supplier<ComputationGraph> restore, InferenceWeights fileWeights,
                        ParserVocabulary vocab, ParserConfig config, TaggerContext context, boolean dense) {
        if (dense != (context != null)) {
            throw new IllegalArgumentException(dense ? "this parser network reads tagger states, and no tagger was given" : "this parser network reads no tagger states");
        }
        this.net = net;
        this.restore = restore;
        this.fileWeights = fileWeights;
        this.vocab = vocab;
        this.config = config;
        this.context = context;
    }

    /** The tagger whose states the parser reads, or null. */
    public TaggerContext context() { return context; }

    /** The feature extractor of this parser (one per thread). */
    public FeatureExtractor featureExtractor() {
        return FeatureExtractor.of(vocab, context);
    }

    /** The sentences as this parser reads them: its ids, and its tagger's states when it has a context. */
    public List<ParserVocabulary.EncodedSentence> encode(List<Sentence> sentences) {
        return encode(sentences, context == null ? null : context.states(sentences));
    }

    /** {@link #encode(List)} with the context tagger's states already computed ({@code states}; null without a context). */
    List<ParserVocabulary.EncodedSentence> encode(List<Sentence> sentences, List<float[][]> states) {
        List<ParserVocabulary.EncodedSentence> encoded = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            ParserVocabulary.EncodedSentence e = vocab.encode(sentences.get(i));
            encoded.add(states == null ? e : e.withContext(states.get(i)));
        }
        return encoded;
    }

    @Override
    public synchronized ComputationGraph network() {
        if (net == null) net = restore.get();
        return net;
    }

    /** Whether the DL4J graph is in memory (a parser loaded from a model file restores it only when asked for it). */
    synchronized boolean networkRestored() { return net != null; }

    @Override
    public ParserVocabulary vocabulary() { return vocab; }

    @Override
    public ParserConfig config() { return config; }

    /** Words whose hidden-layer products are pre-computed (Chen & Manning cache the 10,000 most frequent). */
    public static final int PRECOMPUTED_WORDS = 10_000;

    /** The pre-computed inference tables of the network as it is now (rebuild after training changes it). */
    public PrecomputedScorer.Tables precompute() {
        InferenceWeights w;
        synchronized (this) {
            w = net == null ? fileWeights : InferenceWeights.of(net, vocab);
        }
        return new PrecomputedScorer.Tables(w, FeatureExtractor.of(vocab), PRECOMPUTED_WORDS);
    }

    /**
     * Parses (gold HEAD/DEPREL, if any, are ignored) and returns the sentences with predicted HEAD and DEPREL, using the
     * pre-computed inference path on {@code threads} threads (0 = all cores), {@code eval_batch_size} sentences at a time.
     */
    @Override
    public List<Sentence> parse(List<Sentence> sentences, int threads) {
        return Parsing.parse(this, sentences, threads, false);
    }

    @Override
    public String kind() { return KIND; }

    /**
     * Parses on {@code threads} threads, each taking a contiguous share of the sentences (balanced by length)
     * with its own scorer over the shared tables. The output does not depend on the thread count or batch size.
     */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize, int threads, PrecomputedScorer.Tables tables) {
        return parse(sentences, encode(sentences), batchSize, threads, tables);
    }

    /** {@link #parse(List, int, int, PrecomputedScorer.Tables)} of sentences already {@link #encode encoded} (e.g. a dev set parsed every epoch). */
    public List<Sentence> parse(List<Sentence> sentences, List<ParserVocabulary.EncodedSentence> encoded, int batchSize, int threads,
                                PrecomputedScorer.Tables tables) {
        return ParserEnsemble.parse(List.of(this), List.of(tables), sentences, List.of(encoded), batchSize, threads);
    }

    /** Parses with the given scorer on the calling thread (e.g. {@link GraphScorer}, the plain ComputationGraph). */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize, TransitionScorer scorer) {
        PartialParse[] parses = new MinibatchParser(vocab.transitionSystem(), featureExtractor(), scorer, batchSize).parse(encode(sentences));
        return ParserEnsemble.withPredictions(vocab.transitionSystem(), sentences, parses);
    }

    /** This parser as a model file: network, config, vocabularies, and the tagger it reads (nested) if any. */
    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        ModelFile.Builder f = vocab.writeTo(ModelFile.builder(KIND).network(network(), withUpdater).config(config));
        if (!withUpdater) f.binary(InferenceWeights.ENTRY, InferenceWeights.of(network(), vocab).toBytes());
        if (context != null) f.nested(TaggerContext.ENTRY, context.archive());
        return f;
    }

    public static ParserModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    /** A parser from a model file's bytes (one carried inside a pipeline); {@code where} names it in errors. */
    public static ParserModel load(byte[] modelFile, String where) throws IOException {
        return from(ModelFile.read(modelFile, where, KIND, false));
    }

    public static ParserModel from(ModelFile.Contents c) throws IOException {
        ParserConfig config = c.config(ParserConfig.class);
        ParserVocabulary vocab = ParserVocabulary.readFrom(c, config.tagSets(), config.lowercase());
        byte[] tagger = c.optionalNested(TaggerContext.ENTRY);
        if (config.hasContext() && tagger == null) throw new IllegalArgumentException(c.where() + ": the parser reads tagger states, and its tagger (" + TaggerContext.ENTRY + ") is missing");
        byte[] weights = c.optionalBinary(InferenceWeights.ENTRY);
        if (weights != null) {
            // Written by this build, so its config names its network kind; the graph is restored if anything asks for it.
            InferenceWeights w = InferenceWeights.fromBytes(weights, c.where() + "!" + InferenceWeights.ENTRY);
            TaggerContext context = tagger == null ? null : TaggerContext.of(tagger, c.where() + "!" + TaggerContext.ENTRY, config);
            return new ParserModel(null, c::requireNetwork, w, vocab, config, context, w.denseWidth(FeatureExtractor.of(vocab)) > 0);
        }
        ComputationGraph net = c.requireNetwork();
        // The graph says which definition it is (files written before the config had a network key are plain).
        String kind = ParserNetwork.isFused(net) ? "fused" : "plain";
        if (!kind.equals(config.network())) config = config.withNetwork(kind);
        TaggerContext context = tagger == null ? null : TaggerContext.of(tagger, c.where() + "!" + TaggerContext.ENTRY, config);
        return new ParserModel(net, vocab, config, context);
    }
}
