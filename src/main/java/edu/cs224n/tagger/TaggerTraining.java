package edu.cs224n.tagger;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.vectors.WordVectors;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** A tagger run ({@link TrainingRun}): best-on-dev UPOS model, checkpoints, resume, metrics, run.json; the most-frequent-tag baseline on test. */
public final class TaggerTraining implements TrainingRun.Recipe<TaggerConfig, TaggerModel> {
    public static final List<String> METRICS = List.of("dev_upos", "dev_xpos");

    public record Outcome(TaggerModel model, TaggerModel.Accuracy dev, TaggerModel.Accuracy test, TaggerModel.Accuracy baselineTest, TrainerState state) {}

    private final TaggerConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    public TaggerTraining(TaggerConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    static List<Sentence> read(String path) {
        return path == null || path.isBlank() ? List.of() : ConllSequenceRecordReader.read(DataRoot.resolve(path), false);
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        TrainingRun.Result<TaggerModel> r = new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
        return new Outcome(r.model(), devAccuracy, testAccuracy, baselineTest, r.state());
    }

    // ---- the tagger as a TrainingRun.Recipe

    private List<Sentence> train, dev, test;
    private TaggerModel.Accuracy devAccuracy, testAccuracy, baselineTest;

    @Override public String kind() { return TaggerModel.KIND; }

    @Override public TaggerConfig config() { return config; }

    @Override public String title() { return "POS tagger: " + config.train(); }

    @Override public String primaryMetric() { return "dev_upos"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        train = read(config.train());
        dev = read(config.dev());
        test = read(config.test());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) train = train.subList(0, config.maxTrainSentences());
        if (dev.isEmpty()) throw new ConfigException("dev: a CoNLL-U file is required (the best model is chosen on it)");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", DataRoot.resolve(config.train()));
        files.put("dev", DataRoot.resolve(config.dev()));
        if (!test.isEmpty()) files.put("test", DataRoot.resolve(config.test()));
        return files;
    }

    @Override
    public TaggerModel fresh(PrintWriter out) throws IOException {
        TaggerVocabulary vocab = TaggerVocabulary.build(train, config.minWordCount(), config.charDim() > 0);
        if (config.pretrainedWords() == 0) return new TaggerModel(TaggerNetwork.build(vocab, null, config), vocab, null, config);
        Path file = DataRoot.require("pretrained_vectors", config.pretrainedVectors());
        WordVectors vectors = WordVectors.read(file);
        PretrainedWords words = PretrainedWords.of(vectors, config.pretrainedWords());
        ComputationGraph net = TaggerNetwork.build(vocab, words, config);
        words.fill(net, vectors);
        out.println(words.summary(file, vectors, config.wordDim(), train));
        return new TaggerModel(net, vocab, words, config);
    }

    @Override
    public TaggerModel fromFile(ModelFile.Contents file) {
        return TaggerModel.from(file);
    }

    @Override
    public void prepareTraining(TaggerModel model, PrintWriter out) {
        TaggerVocabulary v = model.vocabulary();
        out.printf(Locale.ROOT, "train: %s, %d sentences; words %d, suffixes %d, shapes %d, characters %d, UPOS %d, XPOS %d; parameters %d%n",
                config.train(), train.size(), v.words().size(), v.suffixes().size(), v.shapes().size(), v.chars() == null ? 0 : v.chars().size(),
                v.upos().size(), v.xpos().size(), model.network().numParams());
    }

    @Override
    public Trainer.Evaluation evaluation(TaggerModel model) {
        return () -> {
            TaggerModel.Accuracy a = model.accuracy(dev);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dev_upos", 100 * a.upos());
            m.put("dev_xpos", 100 * a.xpos());
            return m;
        };
    }

    @Override
    public Map<String, Object> finish(TaggerModel best, TrainerState state, RunDirectory dir, PrintWriter out) {
        MostFrequentTag baseline = new MostFrequentTag(train);
        devAccuracy = best.accuracy(dev);
        testAccuracy = test.isEmpty() ? null : best.accuracy(test);
        baselineTest = test.isEmpty() ? null : TaggerModel.accuracy(test, baseline.tag(test));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("dev_upos", devAccuracy.upos());
        run.put("dev_xpos", devAccuracy.xpos());
        if (testAccuracy != null) {
            run.put("test_upos", testAccuracy.upos());
            run.put("test_xpos", testAccuracy.xpos());
            run.put("baseline_test_upos", baselineTest.upos());
            run.put("baseline_test_xpos", baselineTest.xpos());
        }
        out.printf(Locale.ROOT, "dev:  UPOS=%.2f XPOS=%.2f (%d tokens)%n", 100 * devAccuracy.upos(), 100 * devAccuracy.xpos(), devAccuracy.tokens());
        if (testAccuracy != null) {
            out.printf(Locale.ROOT, "test: UPOS=%.2f XPOS=%.2f (%d tokens); most-frequent-tag baseline UPOS=%.2f XPOS=%.2f%n",
                    100 * testAccuracy.upos(), 100 * testAccuracy.xpos(), testAccuracy.tokens(), 100 * baselineTest.upos(), 100 * baselineTest.xpos());
        }
        return run;
    }

    /**
     * Epochs of shuffled batches of sentences of one length (nothing padded: DL4J 1.0.0-M2.1's bidirectional LSTM gives a
     * padded sentence other backward states, masks or not).
     */
    @Override
    public Trainer.EpochBatches batches(TaggerModel model) {
        List<List<Integer>> groups = TaggerModel.sameLength(train, config.batchSize());
        return new Trainer.EpochBatches() {
            @Override
            public MultiDataSetIterator epoch(int epoch) {
                Random random = new Random(config.seed() * 31 + epoch);
                List<List<Sentence>> batches = new ArrayList<>();
                for (List<Integer> same : TaggerModel.sameLength(train, Integer.MAX_VALUE)) {
                    List<Sentence> shuffled = new ArrayList<>(same.size());
                    for (int i : same) shuffled.add(train.get(i));
                    Collections.shuffle(shuffled, random);
                    for (int b = 0; b < shuffled.size(); b += config.batchSize()) {
                        batches.add(shuffled.subList(b, Math.min(shuffled.size(), b + config.batchSize())));
                    }
                }
                Collections.shuffle(batches, random);
                return BatchIterator.over(batches, batch -> model.batch(batch));
            }

            @Override
            public int batchesPerEpoch() {
                return groups.size();
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
        };
    }
}
