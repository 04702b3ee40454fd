package edu.cs224n.parser;

import edu.cs224n.util.Threads;
import edu.cs224n.config.ConfigException;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.vectors.WordVectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parser run end to end: read the treebanks through the CoNLL reader, build vocabularies and oracle
 * examples, train with the shared {@link Trainer} (keeping the best-on-dev model), then score the best
 * model on dev and test and write predictions, per-label scores, metrics and provenance beside it.
 */
public final class ParserTraining implements TrainingRun.Recipe<ParserConfig, ParserModel> {
    public static final List<String> METRICS = List.of("dev_uas", "dev_las", "dev_uas_nopunct", "dev_las_nopunct");

    /** Final scores of the best model. */
    public record Outcome(ParserModel model, AttachmentScores dev, AttachmentScores test, TrainerState state) {}

    private final ParserConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    public ParserTraining(ParserConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    static List<Sentence> readTreebank(String path) {
        return ConllSequenceRecordReader.read(DataRoot.resolve(path), true);
    }

    /** The training treebank, cut to max_train_sentences, checked to have labels when the run is labelled. */
    public List<Sentence> readTrain() {
        List<Sentence> train = readTreebank(config.train());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) {
            train = train.subList(0, config.maxTrainSentences());
        }
        if (config.nonprojective().equals("pseudo")) {
            if (!config.labelled()) throw new ConfigException("nonprojective: pseudo encodes the lifts in the labels, so it needs labelled: true");
            train = PseudoProjective.projectivize(train);
        }
        if (config.labelled()) {
            for (Sentence s : train) {
                if (!s.isLabelled()) {
                    throw new ConfigException(s.source() + ":" + s.firstLine() + ": this treebank has no dependency labels (DEPREL '_'), "
                            + "so labelled training cannot apply; set labelled: false (--set labelled=false) for unlabelled training");
                }
            }
        }
        return train;
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        TrainingRun.Result<ParserModel> r = new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
        return new Outcome(r.model(), devScores, testScores, r.state());
    }

    // ---- the parser as a TrainingRun.Recipe: its data, a fresh network, its evaluation and its report

    private List<Sentence> train, dev;
    private AttachmentScores devScores, testScores;

    @Override public String kind() { return ParserModel.KIND; }

    @Override public ParserConfig config() { return config; }

    @Override public String title() { return "parser: " + config.train(); }

    @Override public String primaryMetric() { return "dev_uas"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public List<String> curveMetrics() { return List.of("dev_uas", "dev_las"); }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        train = readTrain();
        if (!config.test().isBlank() && !DataRoot.exists(config.test())) {
            throw new ConfigException("test: no such file " + DataRoot.resolve(config.test()) + " (leave test empty to train without one)");
        }
        dev = config.dev().isBlank() ? List.of() : readTreebank(config.dev());
        if (dev.isEmpty()) throw new ConfigException("dev: a development treebank is required (the best model is chosen on it)");
        Map<String, Path> dataFiles = new LinkedHashMap<>();
        dataFiles.put("train", DataRoot.resolve(config.train()));
        dataFiles.put("dev", DataRoot.resolve(config.dev()));
        if (!config.test().isBlank()) dataFiles.put("test", DataRoot.resolve(config.test()));
        if (config.hasContext()) dataFiles.put("context_tagger", DataRoot.resolve(config.contextTagger()));
        return dataFiles;
    }

    @Override
    public ParserModel fresh(PrintWriter out) throws IOException {
        ParserVocabulary vocab = ParserVocabulary.build(train, config.tagSets(), config.labelled(), config.lowercase(), config.minWordCount());
        TaggerContext context = loadContext();
        ParserModel model = new ParserModel(ParserNetwork.build(vocab, config, context == null ? 0 : context.width()), vocab, config, context);
        if (!config.pretrainedVectors().isBlank()) loadPretrained(model);
        return model;
    }

    @Override
    public ParserModel fromFile(ModelFile.Contents file) throws IOException {
        return ParserModel.from(file);
    }

    private TrainingExamples examples;

    @Override
    public void prepareTraining(ParserModel model, PrintWriter out) {
        ParserVocabulary vocab = model.vocabulary();
        examples = TrainingExamples.build(train, vocab, model.context());
        out.printf(Locale.ROOT, "train: %s, %d sentences, %d oracle examples; %d non-projective trees skipped (%.1f%%)%n",
                DataRoot.resolve(config.train()), train.size(), examples.count(), examples.nonProjective(), 100.0 * examples.nonProjective() / train.size());
        out.printf(Locale.ROOT, "vocabulary: %d words, tags %s, %d transitions; features %d; parameters %d%n",
                vocab.words().size(), vocab.tagSets(), vocab.transitionSystem().numTransitions(),
                FeatureExtractor.of(vocab).totalWidth(), model.network().numParams());
        for (int g = 0; g < vocab.tagSets().size(); g++) {
            if (!InputContract.readsValues(vocab, g)) {
                out.printf(Locale.ROOT, "note: %s is '_' on every training word, so its features carry nothing; leave it out of tags%n", vocab.tagSets().get(g));
            }
        }
        if (model.context() != null) {
            out.printf(Locale.ROOT, "tagger states: %s at %s, %d floats each (%d per configuration)%n", config.contextTagger(),
                    config.contextPositions(), model.context().dim(), model.context().width());
        }
    }

    @Override
    public Trainer.EpochBatches batches(ParserModel model) {
        ParserVocabulary v = model.vocabulary();
        ExampleIterator iterator = new ExampleIterator(examples, ParserNetwork.inputWidths(model.network(), FeatureExtractor.of(v)),
                v.transitionSystem().numTransitions(), config.batchSize(), config.seed());
        return new Trainer.EpochBatches() {
            @Override
            public org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator epoch(int epoch) {
                iterator.setEpoch(epoch);
                return iterator;
            }

            @Override
            public int batchesPerEpoch() {
                return iterator.batchesPerEpoch();
            }
        };
    }

    @Override
    public Trainer.Evaluation evaluation(ParserModel model) {
        // The vocabulary and any context tagger are fixed while training, so dev is encoded (tagger states and all) once.
        List<ParserVocabulary.EncodedSentence> devEncoded = model.encode(dev);
        return () -> AttachmentScores.score(dev, model.parse(dev, devEncoded, config.evalBatchSize(), parseThreads(), model.precompute()))
                .asMetrics("dev_");
    }

    @Override
    public Map<String, Object> finish(ParserModel best, TrainerState state, RunDirectory dir, PrintWriter out) throws IOException {
        List<Sentence> test = config.test().isBlank() ? null : readTreebank(config.test());
        FinalScores scores = FinalScores.of("Parser scores (best epoch " + state.bestEpoch() + " of " + state.epochsDone() + ")", best,
                parseThreads(), dev, test, dir, out);
        devScores = scores.dev();
        testScores = scores.test();
        return scores.fields();
    }

    private int parseThreads() {
        return Threads.orAllCores(config.threads());
    }

    /** The config's context tagger, or null when it names none. */
    public TaggerContext loadContext() throws IOException {
        return config.hasContext() ? TaggerContext.load(DataRoot.resolve(config.contextTagger()), config) : null;
    }

    private void loadPretrained(ParserModel model) throws IOException {
        Path file = DataRoot.resolve(config.pretrainedVectors());
        WordVectors vectors = WordVectors.readText(file);
        if (vectors.dim() != config.wordDim()) {
            throw new ConfigException("pretrained_vectors: " + file + " has dimension " + vectors.dim() + " but word_dim is " + config.wordDim());
        }
        INDArray table = ParserNetwork.table(model.network(), model.vocabulary(), 0);
        var words = model.vocabulary().words();
        int found = 0;
        for (int id = 3; id < words.size(); id++) {
            String w = words.get(id);
            float[] v = vectors.vectors().get(w);
            if (v == null) v = vectors.vectors().get(w.toLowerCase(Locale.ROOT));
            if (v == null) continue;
            table.putRow(id, Nd4j.create(v));
            found++;
        }
        out.printf(Locale.ROOT, "pretrained vectors: %s, %d of %d words initialised%n", file, found, words.size() - 3);
    }
}
