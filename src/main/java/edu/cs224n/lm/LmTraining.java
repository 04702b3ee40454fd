package edu.cs224n.lm;

import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.PrintWriter;
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
public final class LmTraining implements TrainingRun.Recipe<LmConfig, LmModel> {
    public static final List<String> METRICS = List.of("valid_ppl", "valid_log_likelihood");

    public record Outcome(LmModel model, Perplexity valid, Perplexity test, TrainerState state) {}

    private final LmConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    public LmTraining(LmConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        TrainingRun.Result<LmModel> r = new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
        return new Outcome(r.model(), validScore, testScore, r.state());
    }

    // ---- the LM as a TrainingRun.Recipe. A Trainer epoch is a round: a whole pass, or eval_every chunks (the state is
    // then carried from round to round and cleared at each pass).

    private LmData data;
    private DataSet stream;
    private Perplexity validScore, testScore;

    @Override public String kind() { return LmModel.KIND; }

    @Override public LmConfig config() { return config; }

    @Override public String title() { return "RNN LM (" + config.rnn() + "): " + config.train(); }

    @Override public String primaryMetric() { return "valid_log_likelihood"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public List<String> curveMetrics() { return List.of("valid_ppl"); }

    @Override public double maxTrainSeconds() { return config.maxMinutes() * 60; }

    @Override public Trainer.Clock clock() { return Trainer.Clock.named(config.budgetClock()); }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) throws IOException {
        data = LmData.load(config);
        return data.files();
    }

    @Override
    public LmModel fresh(PrintWriter out) {
        LmVocabulary vocab = LmVocabulary.build(data.train(), config.minCount(), config.maxVocab());
        long[] counts = new long[vocab.size()];
        for (int id : new TokenStream(vocab.encode(data.train())).tokens()) counts[id]++;
        return new LmModel(CarriedStateGraph.of(RnnLmNetwork.build(config, vocab.size(), counts)), vocab, config);
    }

    @Override
    public LmModel fromFile(ModelFile.Contents file) {
        return LmModel.from(file);
    }

    @Override
    public void prepareTraining(LmModel model, PrintWriter out) {
        TokenStream tokens = new TokenStream(model.vocabulary().encode(data.train()));
        stream = tokens.asBatch(config.streams());
        out.printf(Locale.ROOT, "train: %s, %d %s, %d tokens; vocabulary %d; parameters %d%n", data.files().get("train"),
                data.train().size(), config.charLevel() ? "lines" : "sentences", tokens.length(), model.vocabulary().size(), model.network().numParams());
    }

    private long steps() {
        return stream.getFeatures().size(2);
    }

    private int chunksPerPass() {
        return (int) ((steps() + config.chunk() - 1) / config.chunk());
    }

    /** Chunks in one Trainer epoch: a pass, or {@code eval_every}. */
    private int chunksPerRound() {
        return config.evalEvery() == 0 ? chunksPerPass() : config.evalEvery();
    }

    /** Rounds in {@code epochs} passes. */
    @Override
    public int epochs(LmModel model) {
        return config.evalEvery() == 0 ? config.epochs() : (int) Math.ceil((double) config.epochs() * chunksPerPass() / config.evalEvery());
    }

    @Override
    public Trainer.EpochBatches batches(LmModel model) {
        return new Trainer.EpochBatches() {
            @Override
            public MultiDataSetIterator epoch(int round) {
                return new Chunks(model, round);
            }

            @Override
            public int batchesPerEpoch() {
                return chunksPerRound();
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
        };
    }

    /** One round's chunks of the batched stream, in order. */
    private final class Chunks extends BatchIterator {
        private final LmModel model;
        private long cursor;
        private int chunksLeft;

        Chunks(LmModel model, int round) {
            this.model = model;
            // Where the stream stands after round - 1 rounds (so a resumed run continues where it stopped).
            long inPass = (long) (round - 1) * chunksPerRound() % chunksPerPass();
            cursor = inPass * config.chunk();
            if (inPass == 0 || round == 1) model.network().rnnClearPreviousState();
            chunksLeft = chunksPerRound();
        }

        @Override
        public boolean hasNext() {
            return chunksLeft > 0;
        }

        @Override
        public MultiDataSet next() {
            if (cursor >= steps()) { // a round that crosses the end of a pass starts the next pass
                cursor = 0;
                model.network().rnnClearPreviousState();
            }
            chunksLeft--;
            long to = Math.min(steps(), cursor + config.chunk());
            INDArray x = stream.getFeatures().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(cursor, to)).dup('c');
            INDArray y = stream.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(cursor, to)).dup('c');
            cursor = to;
            return new org.nd4j.linalg.dataset.MultiDataSet(x, y);
        }
    }

    @Override
    public Trainer.Evaluation evaluation(LmModel model) {
        return () -> {
            Perplexity p = model.perplexity(data.valid(), config.evalStreams());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("valid_ppl", p.value());
            m.put("valid_log_likelihood", -p.natsPerToken());
            return m;
        };
    }

    @Override
    public Map<String, Object> finish(LmModel best, TrainerState state, RunDirectory dir, PrintWriter out) {
        validScore = best.perplexity(data.valid());
        testScore = data.test() == null ? null : best.perplexity(data.test());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("valid_ppl", validScore.value());
        run.put("valid_nats_per_token", validScore.natsPerToken());
        if (testScore != null) {
            run.put("test_ppl", testScore.value());
            run.put("test_nats_per_token", testScore.natsPerToken());
        }
        out.println("valid: " + best.summary(validScore));
        if (testScore != null) out.println("test:  " + best.summary(testScore));
        return run;
    }
}
