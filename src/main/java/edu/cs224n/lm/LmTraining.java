package edu.cs224n.lm;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.train.AtomicFiles;
import edu.cs224n.train.CurvePlot;
import edu.cs224n.train.EpochTable;
import edu.cs224n.train.MetricsCsv;
import edu.cs224n.train.ModelArchive;
import edu.cs224n.train.Provenance;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.util.Threads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word-level RNN LM run: read the texts, build the vocabulary, train with the shared {@link Trainer} on the
 * training stream in chunks of {@code chunk} steps (truncated BPTT of {@code tau} inside, the state carried
 * across chunks within an epoch), keep the best model on validation perplexity, then score it on valid and test.
 */
public final class LmTraining {
    public static final List<String> METRICS = List.of("valid_ppl", "valid_log_likelihood");

    public record Outcome(LmModel model, Perplexity valid, Perplexity test, TrainerState state) {}

    private final LmConfig config;
    private final Path outputDir;
    private final PrintStream out;

    public LmTraining(LmConfig config, Path outputDir, PrintStream out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        Threads.set(config.threads());
        Files.createDirectories(outputDir);
        List<List<String>> train = LmText.readWords(DataRoot.resolve(config.train()));
        List<List<String>> valid = LmText.readWords(DataRoot.resolve(config.valid()));
        if (!config.test().isBlank() && !DataRoot.exists(config.test())) {
            throw new ConfigException("test: no such file " + DataRoot.resolve(config.test()) + " (leave test empty to train without one)");
        }
        Path checkpoint = outputDir.resolve(Trainer.CHECKPOINT);
        LmModel model;
        TrainerState state = TrainerState.fresh();
        if (resume && Files.exists(checkpoint)) {
            LmModel.Loaded loaded = LmModel.loadWithState(checkpoint, true);
            if (!loaded.model().config().forResume(config.epochs(), config.threads()).equals(config)) {
                throw new ConfigException(checkpoint + " was written with a different config (only epochs and threads may change on resume)");
            }
            model = new LmModel(loaded.model().network(), loaded.model().vocabulary(), config);
            state = loaded.state();
            out.printf(Locale.ROOT, "resuming from %s after epoch %d%n", checkpoint, state.epochsDone());
        } else {
            LmVocabulary vocab = LmVocabulary.build(train, config.minCount(), config.maxVocab());
            ComputationGraph net = CarriedStateGraph.of(RnnLmNetwork.build(vocab.size(), config.embedding(), config.hidden(), config.tau(),
                    config.learningRate(), config.seed()));
            model = new LmModel(net, vocab, config);
        }
        AtomicFiles.writeString(outputDir.resolve("config.yaml"), Configs.toYaml(config));
        TokenStream stream = new TokenStream(model.vocabulary().encode(train));
        out.printf(Locale.ROOT, "train: %s, %d sentences, %d tokens; vocabulary %d; parameters %d%n", DataRoot.resolve(config.train()),
                train.size(), stream.length(), model.vocabulary().size(), model.network().numParams());

        Map<String, Path> dataFiles = new LinkedHashMap<>();
        dataFiles.put("train", DataRoot.resolve(config.train()));
        dataFiles.put("valid", DataRoot.resolve(config.valid()));
        if (!config.test().isBlank()) dataFiles.put("test", DataRoot.resolve(config.test()));
        Map<String, Object> provenance = Provenance.record(config.seed(), dataFiles);
        Task task = new Task(model, stream.asBatch(config.streams()), valid, provenance);
        Trainer trainer = new Trainer(new Trainer.Options(config.epochs(), outputDir, "valid_log_likelihood", config.seed(), progressBar))
                .listen(new EpochTable(out, METRICS))
                .listen(new MetricsCsv(outputDir.resolve("metrics.csv"), METRICS))
                .listen(new CurvePlot(outputDir.resolve("curve.png"), "RNN LM: " + config.train(), List.of("valid_ppl")));
        state = trainer.train(model.network(), task, state);

        LmModel best = LmModel.load(outputDir.resolve(Trainer.MODEL));
        Perplexity v = best.perplexity(valid);
        Perplexity t = config.test().isBlank() ? null : best.perplexity(LmText.readWords(DataRoot.resolve(config.test())));
        Map<String, Object> run = new LinkedHashMap<>(provenance);
        run.put("config", config);
        run.put("best_epoch", state.bestEpoch());
        run.put("epochs", state.epochsDone());
        run.put("valid_ppl", v.value());
        if (t != null) run.put("test_ppl", t.value());
        AtomicFiles.writeString(outputDir.resolve("run.json"), Provenance.toJson(run));
        out.println("valid: " + v.summary());
        if (t != null) out.println("test:  " + t.summary());
        return new Outcome(best, v, t, state);
    }

    /** The LM as a {@link Trainer.Task}: chunks of the batched stream, in order. */
    private final class Task implements Trainer.Task {
        private final LmModel model;
        private final DataSet epoch;
        private final List<List<String>> valid;
        private final Map<String, Object> provenance;
        private final long steps;
        private long cursor;

        Task(LmModel model, DataSet epoch, List<List<String>> valid, Map<String, Object> provenance) {
            this.model = model;
            this.epoch = epoch;
            this.valid = valid;
            this.provenance = provenance;
            this.steps = epoch.getFeatures().size(2);
        }

        @Override
        public void startEpoch(int e) {
            model.network().rnnClearPreviousState();
            cursor = 0;
        }

        @Override
        public int batchesPerEpoch() {
            return (int) ((steps + config.chunk() - 1) / config.chunk());
        }

        @Override
        public boolean hasNext() {
            return cursor < steps;
        }

        @Override
        public MultiDataSet next() {
            long to = Math.min(steps, cursor + config.chunk());
            INDArray x = epoch.getFeatures().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(cursor, to)).dup('c');
            INDArray y = epoch.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(cursor, to)).dup('c');
            cursor = to;
            return new org.nd4j.linalg.dataset.MultiDataSet(x, y);
        }

        /** DL4J sums an RNN's loss over the steps of the last segment: per token, divide by its length. */
        @Override
        public double loss(ComputationGraph net, MultiDataSet batch) {
            long t = batch.getFeatures(0).size(2);
            long last = t % config.tau() == 0 ? config.tau() : t % config.tau();
            return net.score() / last;
        }

        @Override
        public long examples(MultiDataSet batch) {
            return batch.getFeatures(0).size(0) * batch.getFeatures(0).size(2);
        }

        @Override
        public Map<String, Double> evaluate(ComputationGraph net) {
            Perplexity p = model.perplexity(valid);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("valid_ppl", p.value());
            m.put("valid_log_likelihood", -p.natsPerToken());
            return m;
        }

        @Override
        public void save(Path target, ComputationGraph net, TrainerState state, boolean checkpoint) throws IOException {
            model.save(target, checkpoint, ModelArchive.trainingEntries(provenance, state, "valid", checkpoint));
        }
    }
}
