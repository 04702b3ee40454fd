package edu.cs224n.tagger;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
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
import org.deeplearning4j.datasets.datavec.RecordReaderMultiDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Trains a tagger with the shared Trainer: best-on-dev UPOS model, checkpoints, resume, metrics, run.json. */
public final class TaggerTraining {
    public static final List<String> METRICS = List.of("dev_upos", "dev_xpos");

    public record Outcome(TaggerModel model, TaggerModel.Accuracy dev, TaggerModel.Accuracy test, TaggerModel.Accuracy baselineTest, TrainerState state) {}

    private final TaggerConfig config;
    private final Path outputDir;
    private final PrintStream out;

    public TaggerTraining(TaggerConfig config, Path outputDir, PrintStream out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    static List<Sentence> read(String path) {
        return path == null || path.isBlank() ? List.of() : ConllSequenceRecordReader.read(DataRoot.resolve(path), false);
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        Threads.set(config.threads());
        Files.createDirectories(outputDir);
        List<Sentence> train = read(config.train()), dev = read(config.dev()), test = read(config.test());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) train = train.subList(0, config.maxTrainSentences());
        if (dev.isEmpty()) throw new ConfigException("dev: a CoNLL-U file is required (the best model is chosen on it)");
        Path checkpoint = outputDir.resolve(Trainer.CHECKPOINT);
        TaggerModel model;
        TrainerState state = TrainerState.fresh();
        if (resume && Files.exists(checkpoint)) {
            TaggerModel.Loaded loaded = TaggerModel.loadWithState(checkpoint, true);
            if (!loaded.model().config().forResume(config.epochs(), config.threads()).equals(config)) {
                throw new ConfigException(checkpoint + " was written with a different config (only epochs and threads may change on resume)");
            }
            model = new TaggerModel(loaded.model().network(), loaded.model().vocabulary(), config);
            state = loaded.state();
            out.printf(Locale.ROOT, "resuming from %s after epoch %d%n", checkpoint, state.epochsDone());
        } else {
            TaggerVocabulary vocab = TaggerVocabulary.build(train, config.minWordCount());
            model = new TaggerModel(TaggerNetwork.build(vocab, config), vocab, config);
        }
        AtomicFiles.writeString(outputDir.resolve("config.yaml"), Configs.toYaml(config));
        TaggerVocabulary v = model.vocabulary();
        out.printf(Locale.ROOT, "train: %s, %d sentences; words %d, suffixes %d, shapes %d, UPOS %d, XPOS %d; parameters %d%n", config.train(),
                train.size(), v.words().size(), v.suffixes().size(), v.shapes().size(), v.upos().size(), v.xpos().size(), model.network().numParams());

        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", DataRoot.resolve(config.train()));
        files.put("dev", DataRoot.resolve(config.dev()));
        if (!test.isEmpty()) files.put("test", DataRoot.resolve(config.test()));
        Map<String, Object> provenance = Provenance.record(config.seed(), files);
        Trainer trainer = new Trainer(new Trainer.Options(config.epochs(), outputDir, "dev_upos", config.seed(), progressBar))
                .listen(new EpochTable(out, METRICS))
                .listen(new MetricsCsv(outputDir.resolve("metrics.csv"), METRICS))
                .listen(new CurvePlot(outputDir.resolve("curve.png"), "POS tagger: " + config.train(), METRICS));
        state = trainer.train(model.network(), new Task(model, train, dev, provenance), state);

        TaggerModel best = TaggerModel.load(outputDir.resolve(Trainer.MODEL));
        MostFrequentTag baseline = new MostFrequentTag(train);
        TaggerModel.Accuracy d = best.accuracy(dev), t = test.isEmpty() ? null : best.accuracy(test);
        TaggerModel.Accuracy bt = test.isEmpty() ? null : TaggerModel.accuracy(test, baseline.tag(test));
        Map<String, Object> run = new LinkedHashMap<>(provenance);
        run.put("config", config);
        run.put("parameters", best.network().numParams());
        run.put("best_epoch", state.bestEpoch());
        run.put("epochs", state.epochsDone());
        run.put("train_seconds", state.history().stream().mapToDouble(edu.cs224n.train.EpochResult::trainSeconds).sum());
        run.put("dev_upos", d.upos());
        run.put("dev_xpos", d.xpos());
        if (t != null) {
            run.put("test_upos", t.upos());
            run.put("test_xpos", t.xpos());
            run.put("baseline_test_upos", bt.upos());
            run.put("baseline_test_xpos", bt.xpos());
        }
        AtomicFiles.writeString(outputDir.resolve("run.json"), Provenance.toJson(run));
        out.printf(Locale.ROOT, "dev:  UPOS=%.2f XPOS=%.2f (%d tokens)%n", 100 * d.upos(), 100 * d.xpos(), d.tokens());
        if (t != null) {
            out.printf(Locale.ROOT, "test: UPOS=%.2f XPOS=%.2f (%d tokens); most-frequent-tag baseline UPOS=%.2f XPOS=%.2f%n",
                    100 * t.upos(), 100 * t.xpos(), t.tokens(), 100 * bt.upos(), 100 * bt.xpos());
        }
        return new Outcome(best, d, t, bt, state);
    }

    /** Epochs of shuffled batches; sentences of similar length share a batch (less padding). */
    private final class Task implements Trainer.Task {
        private final TaggerModel model;
        private final List<Sentence> train, dev;
        private final Map<String, Object> provenance;
        private RecordReaderMultiDataSetIterator iterator;
        private int left;

        Task(TaggerModel model, List<Sentence> train, List<Sentence> dev, Map<String, Object> provenance) {
            this.model = model;
            this.train = train;
            this.dev = dev;
            this.provenance = provenance;
        }

        @Override
        public void startEpoch(int epoch) {
            List<Sentence> order = new ArrayList<>(train);
            Random random = new Random(config.seed() * 31 + epoch);
            Collections.shuffle(order, random);
            int bucket = config.batchSize() * 50;
            List<List<Sentence>> batches = new ArrayList<>();
            for (int from = 0; from < order.size(); from += bucket) {
                List<Sentence> chunk = new ArrayList<>(order.subList(from, Math.min(order.size(), from + bucket)));
                chunk.sort(Comparator.comparingInt(Sentence::size));
                for (int b = 0; b < chunk.size(); b += config.batchSize()) batches.add(chunk.subList(b, Math.min(chunk.size(), b + config.batchSize())));
            }
            Collections.shuffle(batches, random);
            List<Sentence> ordered = new ArrayList<>(order.size());
            batches.forEach(ordered::addAll);
            iterator = TaggerModel.iterator(ordered, model.vocabulary(), config.batchSize());
            left = batchesPerEpoch();
        }

        @Override
        public int batchesPerEpoch() {
            return (train.size() + config.batchSize() - 1) / config.batchSize();
        }

        @Override
        public boolean hasNext() {
            return left > 0 && iterator.hasNext();
        }

        @Override
        public MultiDataSet next() {
            left--;
            return iterator.next();
        }

        /** DL4J's score sums over steps and both outputs, averaged over sentences: per token and per output here. */
        @Override
        public double loss(ComputationGraph net, MultiDataSet batch) {
            return net.score() * batch.getFeatures(0).size(0) / examples(batch) / 2;
        }

        @Override
        public long examples(MultiDataSet batch) {
            return batch.getLabelsMaskArray(0) == null ? batch.getFeatures(0).size(0) * batch.getFeatures(0).size(2)
                    : batch.getLabelsMaskArray(0).sumNumber().longValue();
        }

        @Override
        public Map<String, Double> evaluate(ComputationGraph net) {
            TaggerModel.Accuracy a = model.accuracy(dev);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dev_upos", 100 * a.upos());
            m.put("dev_xpos", 100 * a.xpos());
            return m;
        }

        @Override
        public void save(Path target, ComputationGraph net, TrainerState state, boolean checkpoint) throws IOException {
            model.save(target, checkpoint, ModelArchive.trainingEntries(provenance, state, "dev", checkpoint));
        }
    }
}
