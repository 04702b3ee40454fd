package edu.cs224n.parser;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.train.AtomicFiles;
import edu.cs224n.train.CurvePlot;
import edu.cs224n.train.EpochTable;
import edu.cs224n.train.MetricsCsv;
import edu.cs224n.train.ModelArchive;
import edu.cs224n.train.Provenance;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.util.Threads;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
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
public final class ParserTraining {
    public static final List<String> METRICS = List.of("dev_uas", "dev_las", "dev_uas_nopunct", "dev_las_nopunct");

    /** Final scores of the best model. */
    public record Outcome(ParserModel model, AttachmentScores dev, AttachmentScores test, TrainerState state) {}

    private final ParserConfig config;
    private final Path outputDir;
    private final PrintStream out;

    public ParserTraining(ParserConfig config, Path outputDir, PrintStream out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    static List<Sentence> readTreebank(String path) {
        return ConllSequenceRecordReader.read(DataRoot.resolve(path), true);
    }

    /** The training treebank, cut to max_train_sentences, checked to have labels when the run is labelled. */
    private List<Sentence> readTrain() {
        List<Sentence> train = readTreebank(config.train());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) {
            train = train.subList(0, config.maxTrainSentences());
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

    /** What {@link #benchmark} measured. */
    public record Speed(long steps, long examples, double seconds, double meanLoss, int features, long parameters, String tables, int classes) {}

    /**
     * Trains a fresh network on the config's training data for {@code seconds} (after {@code warmup} untimed steps)
     * with the same step as {@link #run}, and reports the throughput; data loading and set-up are not timed.
     */
    public Speed benchmark(double seconds, int warmup) {
        return benchmark(seconds, warmup, (step, elapsed, loss) -> {});
    }

    /** Called after every timed training step with the minibatch's loss. */
    public interface StepObserver {
        void onStep(long step, double seconds, double loss);
    }

    /** {@link #benchmark(double, int)}, reporting every step's loss to {@code observer} (its time is not excluded). */
    public Speed benchmark(double seconds, int warmup, StepObserver observer) {
        Threads.set(config.threads());
        List<Sentence> train = readTrain();
        ParserVocabulary vocab = ParserVocabulary.build(train, config.tagSets(), config.labelled(), config.lowercase(), config.minWordCount());
        TaggerContext context;
        try {
            context = loadContext();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ComputationGraph net = ParserNetwork.build(vocab, config, context == null ? 0 : context.width());
        TrainingExamples examples = TrainingExamples.build(train, vocab, context);
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        ExampleIterator it = new ExampleIterator(examples, ParserNetwork.inputWidths(net, fx), vocab.transitionSystem().numTransitions(),
                config.batchSize(), config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        for (int i = 0; i < warmup; i++) {
            if (!it.hasNext()) it.reset();
            net.fit(it.next());
        }
        long steps = 0;
        long count = 0;
        double lossSum = 0;
        long t0 = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        while (System.nanoTime() - t0 < limit) {
            if (!it.hasNext()) it.reset();
            MultiDataSet batch = it.next();
            net.fit(batch);
            long rows = batch.getFeatures(0).size(0);
            lossSum += net.score() * rows;
            count += rows;
            steps++;
            observer.onStep(steps, (System.nanoTime() - t0) / 1e9, net.score());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        StringBuilder tables = new StringBuilder();
        for (int g = 0; g < fx.groups(); g++) {
            INDArray t = ParserNetwork.table(net, vocab, g);
            tables.append(g == 0 ? "" : ",").append(t.size(0)).append('x').append(fx.width(g)).append('x').append(t.size(1));
        }
        return new Speed(steps, count, elapsed, lossSum / Math.max(1, count), fx.totalWidth(), net.numParams(), tables.toString(),
                vocab.transitionSystem().numTransitions());
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        Threads.set(config.threads());
        Files.createDirectories(outputDir);
        Path trainPath = DataRoot.resolve(config.train());
        List<Sentence> train = readTrain();
        if (!config.test().isBlank() && !DataRoot.exists(config.test())) {
            throw new ConfigException("test: no such file " + DataRoot.resolve(config.test()) + " (leave test empty to train without one)");
        }
        List<Sentence> dev = config.dev().isBlank() ? List.of() : readTreebank(config.dev());
        if (dev.isEmpty()) throw new ConfigException("dev: a development treebank is required (the best model is chosen on it)");

        Path checkpoint = outputDir.resolve(Trainer.CHECKPOINT);
        ParserModel model;
        TrainerState state = TrainerState.fresh();
        ParserVocabulary vocab;
        if (resume && Files.exists(checkpoint)) {
            ParserModel.Loaded loaded = ParserModel.loadWithState(checkpoint, true);
            if (!loaded.model().config().forResume(config.epochs(), config.threads()).equals(config)) {
                throw new ConfigException(checkpoint + " was written with a different config (only epochs and threads may change "
                        + "on resume); resume with the same config or use a new --output");
            }
            model = new ParserModel(loaded.model().network(), loaded.model().vocabulary(), config, loaded.model().context());
            vocab = model.vocabulary();
            state = loaded.state();
            out.printf(Locale.ROOT, "resuming from %s after epoch %d (best dev_uas %.2f at epoch %d)%n", checkpoint,
                    state.epochsDone(), state.best(), state.bestEpoch());
        } else {
            if (Files.exists(checkpoint)) out.println("note: " + checkpoint + " exists; starting afresh (--resume continues it)");
            vocab = ParserVocabulary.build(train, config.tagSets(), config.labelled(), config.lowercase(), config.minWordCount());
            TaggerContext context = loadContext();
            model = new ParserModel(ParserNetwork.build(vocab, config, context == null ? 0 : context.width()), vocab, config, context);
            if (!config.pretrainedVectors().isBlank()) loadPretrained(model);
        }
        AtomicFiles.writeString(outputDir.resolve("config.yaml"), Configs.toYaml(config));

        TrainingExamples examples = TrainingExamples.build(train, vocab, model.context());
        out.printf(Locale.ROOT, "train: %s, %d sentences, %d oracle examples; %d non-projective trees skipped (%.1f%%)%n",
                trainPath, train.size(), examples.count(), examples.nonProjective(), 100.0 * examples.nonProjective() / train.size());
        out.printf(Locale.ROOT, "vocabulary: %d words, tags %s, %d transitions; features %d; parameters %d%n",
                vocab.words().size(), vocab.tagSets(), vocab.transitionSystem().numTransitions(),
                FeatureExtractor.of(vocab).totalWidth(), model.network().numParams());
        if (model.context() != null) {
            out.printf(Locale.ROOT, "tagger states: %s at %s, %d floats each (%d per configuration)%n", config.contextTagger(),
                    config.contextPositions(), model.context().dim(), model.context().width());
        }

        Map<String, Path> dataFiles = new LinkedHashMap<>();
        dataFiles.put("train", trainPath);
        dataFiles.put("dev", DataRoot.resolve(config.dev()));
        if (!config.test().isBlank()) dataFiles.put("test", DataRoot.resolve(config.test()));
        if (config.hasContext()) dataFiles.put("context_tagger", DataRoot.resolve(config.contextTagger()));

        // Commit, machine and data checksums are taken once, when the run starts.
        Map<String, Object> provenance = Provenance.record(config.seed(), dataFiles);
        Task task = new Task(model, examples, dev, provenance);
        Trainer trainer = new Trainer(new Trainer.Options(config.epochs(), outputDir, "dev_uas", config.seed(), progressBar))
                .listen(new EpochTable(out, METRICS))
                .listen(new MetricsCsv(outputDir.resolve("metrics.csv"), METRICS))
                .listen(new CurvePlot(outputDir.resolve("curve.png"), "parser: " + config.train(), List.of("dev_uas", "dev_las")));
        state = trainer.train(model.network(), task, state);

        ParserModel best = ParserModel.load(outputDir.resolve(Trainer.MODEL));
        return finish(best, dev, state, provenance, dataFiles.containsKey("test"));
    }

    private Outcome finish(ParserModel best, List<Sentence> dev, TrainerState state, Map<String, Object> provenance,
                           boolean hasTest) throws IOException {
        PrecomputedScorer.Tables tables = best.precompute();
        List<Sentence> devPred = best.parse(dev, config.evalBatchSize(), parseThreads(), tables);
        AttachmentScores devScores = AttachmentScores.score(dev, devPred);
        writeConll(outputDir.resolve("dev.predicted.conll"), devPred);
        AttachmentScores testScores = null;
        StringBuilder report = new StringBuilder("# Parser scores (best epoch " + state.bestEpoch() + " of " + state.epochsDone() + ")\n\n");
        report.append("dev: ").append(devScores.summary()).append("\n");
        if (hasTest) {
            List<Sentence> test = readTreebank(config.test());
            List<Sentence> testPred = best.parse(test, config.evalBatchSize(), parseThreads(), tables);
            testScores = AttachmentScores.score(test, testPred);
            writeConll(outputDir.resolve("test.predicted.conll"), testPred);
            report.append("test: ").append(testScores.summary()).append("\n\n## Per label (test)\n\n").append(testScores.perLabelTable());
        } else {
            report.append("\n## Per label (dev)\n\n").append(devScores.perLabelTable());
        }
        AtomicFiles.writeString(outputDir.resolve("scores.md"), report.toString());
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        prov.put("config", config);
        prov.put("best_epoch", state.bestEpoch());
        prov.put("epochs", state.epochsDone());
        prov.put("dev", devScores.asMetrics(""));
        if (testScores != null) prov.put("test", testScores.asMetrics(""));
        AtomicFiles.writeString(outputDir.resolve("run.json"), Provenance.toJson(prov));
        out.println("dev:  " + devScores.summary());
        if (testScores != null) out.println("test: " + testScores.summary());
        return new Outcome(best, devScores, testScores, state);
    }

    private int parseThreads() {
        return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
    }

    private static void writeConll(Path file, List<Sentence> sentences) throws IOException {
        StringWriter w = new StringWriter();
        ConllWriter.write(sentences, w);
        AtomicFiles.writeString(file, w.toString());
    }

    /** The config's context tagger, or null when it names none. */
    private TaggerContext loadContext() throws IOException {
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

    /** The parser as a {@link Trainer.Task}. */
    private final class Task implements Trainer.Task {
        private final ParserModel model;
        private final ExampleIterator iterator;
        private final List<Sentence> dev;
        private final Map<String, Object> provenance;
        private List<ParserVocabulary.EncodedSentence> devEncoded;

        Task(ParserModel model, TrainingExamples examples, List<Sentence> dev, Map<String, Object> provenance) {
            this.model = model;
            this.dev = dev;
            this.provenance = provenance;
            ParserVocabulary v = model.vocabulary();
            this.iterator = new ExampleIterator(examples, ParserNetwork.inputWidths(model.network(), FeatureExtractor.of(v)), v.transitionSystem().numTransitions(),
                    config.batchSize(), config.seed());
        }

        @Override
        public void startEpoch(int epoch) {
            iterator.setEpoch(epoch);
        }

        @Override
        public int batchesPerEpoch() {
            return iterator.batchesPerEpoch();
        }

        @Override
        public boolean hasNext() {
            return iterator.hasNext();
        }

        @Override
        public MultiDataSet next() {
            return iterator.next();
        }

        @Override
        public Map<String, Double> evaluate(ComputationGraph net) {
            // The vocabulary and any context tagger are fixed while training, so dev is encoded (tagger states and all) once.
            if (devEncoded == null) devEncoded = model.encode(dev);
            return AttachmentScores.score(dev, model.parse(dev, devEncoded, config.evalBatchSize(), parseThreads(), model.precompute()))
                    .asMetrics("dev_");
        }

        @Override
        public void save(Path target, ComputationGraph net, TrainerState state, boolean checkpoint) throws IOException {
            model.save(target, checkpoint, ModelArchive.trainingEntries(provenance, state, "dev", checkpoint));
        }
    }
}
