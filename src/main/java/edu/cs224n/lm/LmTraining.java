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
        LmData data = LmData.load(config);
        Path checkpoint = outputDir.resolve(Trainer.CHECKPOINT);
        LmModel model;
        TrainerState state = TrainerState.fresh();
        if (resume && Files.exists(checkpoint)) {
            LmModel.Loaded loaded = LmModel.loadWithState(checkpoint, true);
            if (!loaded.model().config().forResume(config.epochs(), config.maxMinutes(), config.threads()).equals(config)) {
                throw new ConfigException(checkpoint + " was written with a different config (only epochs, max_minutes and threads may change on resume)");
            }
            model = new LmModel(loaded.model().network(), loaded.model().vocabulary(), config);
            state = loaded.state();
            out.printf(Locale.ROOT, "resuming from %s after round %d%n", checkpoint, state.epochsDone());
        } else {
            LmVocabulary vocab = LmVocabulary.build(data.train(), config.minCount(), config.maxVocab());
            long[] counts = new long[vocab.size()];
            for (int id : new TokenStream(vocab.encode(data.train())).tokens()) counts[id]++;
            ComputationGraph net = CarriedStateGraph.of(RnnLmNetwork.build(config, vocab.size(), counts));
            model = new LmModel(net, vocab, config);
        }
        AtomicFiles.writeString(outputDir.resolve("config.yaml"), Configs.toYaml(config));
        TokenStream stream = new TokenStream(model.vocabulary().encode(data.train()));
        out.printf(Locale.ROOT, "train: %s, %d %s, %d tokens; vocabulary %d; parameters %d%n", data.files().get("train"),
                data.train().size(), config.charLevel() ? "lines" : "sentences", stream.length(), model.vocabulary().size(), model.network().numParams());

        Map<String, Object> provenance = Provenance.record(config.seed(), data.files());
        Task task = new Task(model, stream.asBatch(config.streams()), data.valid(), provenance);
        Trainer trainer = new Trainer(new Trainer.Options(task.rounds(), outputDir, "valid_log_likelihood", config.seed(), progressBar,
                config.maxMinutes() * 60))
                .listen(new EpochTable(out, METRICS))
                .listen(new MetricsCsv(outputDir.resolve("metrics.csv"), METRICS))
                .listen(new CurvePlot(outputDir.resolve("curve.png"), "RNN LM (" + config.rnn() + "): " + config.train(), List.of("valid_ppl")));
        state = trainer.train(model.network(), task, state);

        LmModel best = LmModel.load(outputDir.resolve(Trainer.MODEL));
        Perplexity v = best.perplexity(data.valid());
        Perplexity t = data.test() == null ? null : best.perplexity(data.test());
        Map<String, Object> run = new LinkedHashMap<>(provenance);
        run.put("config", config);
        run.put("parameters", best.network().numParams());
        run.put("best_round", state.bestEpoch());
        run.put("rounds", state.epochsDone());
        run.put("train_seconds", state.history().stream().mapToDouble(edu.cs224n.train.EpochResult::trainSeconds).sum());
        run.put("valid_ppl", v.value());
        run.put("valid_nats_per_token", v.natsPerToken());
        if (t != null) {
            run.put("test_ppl", t.value());
            run.put("test_nats_per_token", t.natsPerToken());
        }
        AtomicFiles.writeString(outputDir.resolve("run.json"), Provenance.toJson(run));
        out.println("valid: " + best.summary(v));
        if (t != null) out.println("test:  " + best.summary(t));
        return new Outcome(best, v, t, state);
    }

    /**
     * The LM as a {@link Trainer.Task}: chunks of the batched stream, in order. A Trainer epoch is a round: a whole
     * pass, or {@code eval_every} chunks (the state is then carried from round to round and cleared at each pass).
     */
    private final class Task implements Trainer.Task {
        private final LmModel model;
        private final DataSet epoch;
        private final List<List<String>> valid;
        private final Map<String, Object> provenance;
        private final long steps;
        private final int chunksPerPass;
        private long cursor;
        private int chunksLeft;

        Task(LmModel model, DataSet epoch, List<List<String>> valid, Map<String, Object> provenance) {
            this.model = model;
            this.epoch = epoch;
            this.valid = valid;
            this.provenance = provenance;
            this.steps = epoch.getFeatures().size(2);
            this.chunksPerPass = (int) ((steps + config.chunk() - 1) / config.chunk());
        }

        /** Rounds in {@code epochs} passes. */
        int rounds() {
            return config.evalEvery() == 0 ? config.epochs() : (int) Math.ceil((double) config.epochs() * chunksPerPass / config.evalEvery());
        }

        @Override
        public void startEpoch(int round) {
            // Where the stream stands after round - 1 rounds (so a resumed run continues where it stopped).
            long chunksBefore = config.evalEvery() == 0 ? (long) (round - 1) * chunksPerPass : (long) (round - 1) * config.evalEvery();
            long inPass = chunksBefore % chunksPerPass;
            cursor = inPass * config.chunk();
            if (inPass == 0 || round == 1) model.network().rnnClearPreviousState();
            chunksLeft = batchesPerEpoch();
        }

        @Override
        public int batchesPerEpoch() {
            return config.evalEvery() == 0 ? chunksPerPass : config.evalEvery();
        }

        @Override
        public boolean hasNext() {
            return chunksLeft > 0;
        }

        @Override
        public MultiDataSet next() {
            if (cursor >= steps) { // a round that crosses the end of a pass starts the next pass
                cursor = 0;
                model.network().rnnClearPreviousState();
            }
            chunksLeft--;
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
            Perplexity p = model.perplexity(valid, config.evalStreams());
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
