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
    static final String STATE = "trainer-state.json";
    static final String PROVENANCE = "provenance.json";

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

    /**
     * Parses (gold HEAD/DEPREL, if any, are ignored) and returns the sentences with predicted HEAD and DEPREL,
     * using the pre-computed inference path.
     */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize) {
        return parse(sentences, batchSize, new PrecomputedScorer(net, vocab, PRECOMPUTED_WORDS));
    }

    /** Parses with the given scorer (e.g. {@link GraphScorer}, the plain ComputationGraph). */
    public List<Sentence> parse(List<Sentence> sentences, int batchSize, TransitionScorer scorer) {
        List<ParserVocabulary.EncodedSentence> encoded = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) encoded.add(vocab.encode(s));
        ArcStandard system = vocab.transitionSystem();
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        PartialParse[] parses = new MinibatchParser(system, fx, scorer, batchSize).parse(encoded);
        List<Sentence> out = new ArrayList<>(sentences.size());
        List<String> labelNames = system.labels();
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
        String state = c.entries().get(STATE);
        return new Loaded(new ParserModel(c.network(), vocab, config), state == null ? null : TrainerState.fromJson(state), c.entries());
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
