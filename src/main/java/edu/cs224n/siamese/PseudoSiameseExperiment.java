package edu.cs224n.siamese;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.io.AtomicFiles;
import edu.cs224n.train.EpochResult;
import edu.cs224n.train.MetricsCsv;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.io.Provenance;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.util.Threads;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Midterm question 6 with data: which of W1 (sigmoid branch) and W2 (ReLU branch) of the pseudo-Siamese net learns
 * faster? The task is real: a word's most frequent universal POS tag in a treebank, predicted from its vector (words
 * split into train / dev / test, so test words are unseen). Three runs from the same initial weights: both branches
 * trained (recording per step each matrix's gradient norm and relative update ||dW|| / ||W||), W1 only, W2 only.
 */
public final class PseudoSiameseExperiment {
    public static final String KIND = "pseudo-siamese";

    public record Options(int hidden, String optimizer, double learningRate, int batch, int epochs, int minCount, long seed, int threads) {
        public IUpdater updater() {
            return edu.cs224n.train.Updaters.updater(optimizer, learningRate);
        }
    }

    /** Words with their majority tag, as rows of a matrix. */
    public record Dataset(List<String> classes, INDArray x, int[] labels, List<String> words) {
        int size() {
            return labels.length;
        }

        INDArray oneHot(int[] rows) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, classes.size());
            for (int i = 0; i < rows.length; i++) y.putScalar(i, labels[rows[i]], 1f);
            return y;
        }
    }

    public record RunResult(PseudoSiameseNetwork.Trained trained, TrainerState state, double testAccuracy) {}

    public record Outcome(Dataset train, Dataset dev, Dataset test, double majorityBaseline, Map<PseudoSiameseNetwork.Trained, RunResult> runs) {}

    private final Options options;
    private final PrintStream out;

    public PseudoSiameseExperiment(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Every word of the treebank seen at least {@code minCount} times (lowercased) with a vector, labelled with its most
     * frequent UPOS, split by word 80 / 10 / 10.
     */
    public static Dataset[] taggedWords(List<Path> treebanks, WordVectors vectors, int minCount, long seed) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Path f : treebanks) {
            for (Sentence s : ConllSequenceRecordReader.read(f, false)) {
                for (Token t : s.tokens()) {
                    counts.computeIfAbsent(t.form().toLowerCase(Locale.ROOT), k -> new HashMap<>()).merge(t.upos(), 1, Integer::sum);
                }
            }
        }
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        TreeSet<String> classes = new TreeSet<>();
        counts.forEach((w, c) -> {
            if (!vectors.contains(w) || c.values().stream().mapToInt(Integer::intValue).sum() < minCount) return;
            String best = c.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            words.add(w);
            tags.add(best);
            classes.add(best);
        });
        if (words.size() < 30) throw new IllegalArgumentException("only " + words.size() + " treebank words have vectors: too few for the experiment");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        List<String> classList = new ArrayList<>(classes);
        int nDev = words.size() / 10, nTest = words.size() / 10;
        return new Dataset[] {subset(order.subList(nDev + nTest, order.size()), words, tags, classList, vectors),
                subset(order.subList(0, nDev), words, tags, classList, vectors), subset(order.subList(nDev, nDev + nTest), words, tags, classList, vectors)};
    }

    private static Dataset subset(List<Integer> idx, List<String> words, List<String> tags, List<String> classes, WordVectors vectors) {
        List<String> w = idx.stream().map(words::get).toList();
        int[] y = idx.stream().mapToInt(i -> classes.indexOf(tags.get(i))).toArray();
        return new Dataset(classes, SiameseModel.normalizeRows(vectors.matrix(w)), y, w);
    }

    public Outcome run(WordVectors vectors, List<Path> treebanks, Path outputDir) throws IOException {
        Threads.set(options.threads());
        Files.createDirectories(outputDir);
        Dataset[] d = taggedWords(treebanks, vectors, options.minCount(), options.seed());
        Dataset train = d[0], dev = d[1], test = d[2];
        int[] perClass = new int[train.classes().size()];
        for (int y : train.labels()) perClass[y]++;
        int majority = 0;
        for (int c = 1; c < perClass.length; c++) if (perClass[c] > perClass[majority]) majority = c;
        int majorityTest = 0;
        for (int y : test.labels()) if (y == majority) majorityTest++;
        double baseline = (double) majorityTest / test.size();
        out.printf(Locale.ROOT, "words: train %d, dev %d, test %d; %d classes; majority class %s = %.4f of test words%n",
                train.size(), dev.size(), test.size(), train.classes().size(), train.classes().get(majority), baseline);

        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < treebanks.size(); i++) files.put("treebank" + i, treebanks.get(i));
        Map<String, Object> provenance = Provenance.record(options.seed(), files);
        Map<PseudoSiameseNetwork.Trained, RunResult> runs = new EnumMap<>(PseudoSiameseNetwork.Trained.class);
        List<double[]> steps = null;
        for (PseudoSiameseNetwork.Trained trained : PseudoSiameseNetwork.Trained.values()) {
            Path dir = outputDir.resolve(trained.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            ComputationGraph net = PseudoSiameseNetwork.build(vectors.dim(), options.hidden(), train.classes().size(), options.updater(),
                    trained, options.seed(), DataType.FLOAT);
            Task task = new Task(net, train, dev, test, provenance);
            TrainerState state = new Trainer(new Trainer.Options(options.epochs(), dir, "dev_acc", options.seed(), false))
                    .listen(new MetricsCsv(dir.resolve("metrics.csv"), Task.METRICS))
                    .train(net, task, task::evaluate, task::save, TrainerState.fresh());
            EpochResult last = state.history().get(state.history().size() - 1);
            runs.put(trained, new RunResult(trained, state, last.metrics().get("test_acc")));
            out.printf(Locale.ROOT, "%-8s test accuracy after %d epochs %.4f (best dev epoch %d)%n", trained, last.epoch(), last.metrics().get("test_acc"), state.bestEpoch());
            if (trained == PseudoSiameseNetwork.Trained.BOTH) steps = task.steps;
        }
        Outcome outcome = new Outcome(train, dev, test, baseline, runs);
        writeSteps(outputDir.resolve("steps.csv"), steps);
        plot(outcome, steps, outputDir);
        String report = report(outcome);
        AtomicFiles.writeString(outputDir.resolve("report.md"), report);
        Map<String, Object> run = new LinkedHashMap<>(provenance);
        run.put("options", options);
        run.put("majority_baseline", baseline);
        runs.forEach((k, r) -> run.put(k.name().toLowerCase(Locale.ROOT), r.state().history().stream().map(EpochResult::metrics).toList()));
        AtomicFiles.writeString(outputDir.resolve("run.json"), Provenance.toJson(run));
        out.print(report);
        return outcome;
    }

    private static void writeSteps(Path file, List<double[]> steps) throws IOException {
        StringBuilder sb = new StringBuilder("step,grad_norm_w1,grad_norm_w2,rel_update_w1,rel_update_w2\n");
        for (int i = 0; i < steps.size(); i++) {
            double[] s = steps.get(i);
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.6g%n", i + 1, s[0], s[1], s[2], s[3]));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private void plot(Outcome o, List<double[]> steps, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart updates = new XYChartBuilder().width(800).height(450).xAxisTitle("step")
                .title("Relative update ||dW|| / ||W|| per step, both trained (" + options.optimizer() + ")").build();
        updates.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarkerSize(0);
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        updates.addSeries("W1 (sigmoid)", x, steps.stream().mapToDouble(s -> s[2]).toArray());
        updates.addSeries("W2 (ReLU)", x, steps.stream().mapToDouble(s -> s[3]).toArray());
        AtomicFiles.write(dir.resolve("updates.png"), out -> BitmapEncoder.saveBitmap(updates, out, BitmapEncoder.BitmapFormat.PNG));

        XYChart acc = new XYChartBuilder().width(800).height(450).xAxisTitle("epoch").yAxisTitle("test accuracy")
                .title("Test accuracy: which matrix learns (" + options.optimizer() + ")").build();
        acc.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double[] epochs = null;
        for (RunResult r : o.runs().values()) {
            epochs = r.state().history().stream().mapToDouble(EpochResult::epoch).toArray();
            acc.addSeries(label(r.trained()), epochs, r.state().history().stream().mapToDouble(e -> e.metrics().get("test_acc")).toArray());
        }
        double[] base = new double[epochs.length];
        java.util.Arrays.fill(base, o.majorityBaseline());
        acc.addSeries("majority class", epochs, base);
        AtomicFiles.write(dir.resolve("accuracy.png"), out -> BitmapEncoder.saveBitmap(acc, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static String label(PseudoSiameseNetwork.Trained t) {
        return switch (t) {
            case BOTH -> "W1 and W2 trained";
            case W1_ONLY -> "W1 only (W2 frozen)";
            case W2_ONLY -> "W2 only (W1 frozen)";
        };
    }

    String report(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nPseudo-Siamese net, %s lr %s, hidden %d, batch %d; majority-class test accuracy %.4f%n%n",
                options.optimizer(), options.learningRate(), options.hidden(), options.batch(), o.majorityBaseline()));
        sb.append("| epoch | both: test acc | W1 only | W2 only | both: grad W1 | grad W2 | rel. update W1 | rel. update W2 |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<EpochResult> both = o.runs().get(PseudoSiameseNetwork.Trained.BOTH).state().history();
        List<EpochResult> w1 = o.runs().get(PseudoSiameseNetwork.Trained.W1_ONLY).state().history();
        List<EpochResult> w2 = o.runs().get(PseudoSiameseNetwork.Trained.W2_ONLY).state().history();
        for (int e = 0; e < both.size(); e++) {
            Map<String, Double> m = both.get(e).metrics();
            sb.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4g | %.4g | %.4g | %.4g |%n", e + 1, m.get("test_acc"),
                    w1.get(e).metrics().get("test_acc"), w2.get(e).metrics().get("test_acc"),
                    m.get("grad_norm_w1"), m.get("grad_norm_w2"), m.get("rel_update_w1"), m.get("rel_update_w2")));
        }
        return sb.toString();
    }

    /** One run as a Trainer task; with both branches trained it measures each step's gradients and updates. */
    private final class Task extends BatchIterator implements Trainer.EpochBatches {
        static final List<String> METRICS = List.of("dev_acc", "test_acc", "grad_norm_w1", "grad_norm_w2", "rel_update_w1", "rel_update_w2");
        private final ComputationGraph net;
        private final Dataset train, dev, test;
        private final Map<String, Object> provenance;
        final List<double[]> steps = new ArrayList<>();
        private int[] order;
        private int cursor, epochStart;
        private INDArray w1Before, w2Before;
        private double[] pending;

        Task(ComputationGraph net, Dataset train, Dataset dev, Dataset test, Map<String, Object> provenance) {
            this.net = net;
            this.train = train;
            this.dev = dev;
            this.test = test;
            this.provenance = provenance;
        }

        @Override
        public Task epoch(int epoch) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) idx.add(i);
            Collections.shuffle(idx, new Random(options.seed() * 31 + epoch));
            order = idx.stream().mapToInt(Integer::intValue).toArray();
            cursor = 0;
            epochStart = steps.size();
            return this;
        }

        @Override
        public int batchesPerEpoch() {
            return (order.length + options.batch() - 1) / options.batch();
        }

        @Override
        public boolean hasNext() {
            return cursor < order.length;
        }

        /** Before handing out a batch: close the previous step's update, then take this step's raw gradients. */
        @Override
        public MultiDataSet next() {
            finishStep();
            int[] rows = java.util.Arrays.copyOfRange(order, cursor, Math.min(order.length, cursor + options.batch()));
            cursor += rows.length;
            MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.pullRows(train.x(), 1, rows), train.oneHot(rows));
            net.setInputs(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
            double g1 = norm(net.gradient().getGradientFor(PseudoSiameseNetwork.SIGMOID + "_W"));
            double g2 = norm(net.gradient().getGradientFor(PseudoSiameseNetwork.RELU + "_W"));
            w1Before = weights(PseudoSiameseNetwork.SIGMOID).dup();
            w2Before = weights(PseudoSiameseNetwork.RELU).dup();
            pending = new double[] {g1, g2};
            return batch;
        }

        /** A frozen branch has no gradient entry: NaN, not a number that could be read as "no learning". */
        private static double norm(INDArray gradient) {
            return gradient == null ? Double.NaN : gradient.norm2Number().doubleValue();
        }

        private INDArray weights(String layer) {
            return net.getLayer(layer).getParam("W");
        }

        private void finishStep() {
            if (pending == null) return;
            double r1 = weights(PseudoSiameseNetwork.SIGMOID).sub(w1Before).norm2Number().doubleValue() / w1Before.norm2Number().doubleValue();
            double r2 = weights(PseudoSiameseNetwork.RELU).sub(w2Before).norm2Number().doubleValue() / w2Before.norm2Number().doubleValue();
            steps.add(new double[] {pending[0], pending[1], r1, r2});
            pending = null;
        }

        double accuracy(Dataset d) {
            INDArray p = net.outputSingle(d.x());
            int[] argmax = p.argMax(1).toIntVector();
            int correct = 0;
            for (int i = 0; i < argmax.length; i++) if (argmax[i] == d.labels()[i]) correct++;
            return (double) correct / d.size();
        }

        Map<String, Double> evaluate() {
            finishStep();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dev_acc", accuracy(dev));
            m.put("test_acc", accuracy(test));
            List<double[]> epoch = steps.subList(epochStart, steps.size());
            for (int k = 0; k < 4; k++) {
                final int c = k;
                m.put(METRICS.get(2 + k), epoch.stream().mapToDouble(s -> s[c]).average().orElse(Double.NaN));
            }
            return m;
        }

        void save(Path target, TrainerState state, boolean checkpoint) throws IOException {
            ModelFile.Builder f = ModelFile.builder(KIND).network(net, checkpoint).text(ModelFile.PROVENANCE, Provenance.toJson(provenance));
            if (checkpoint) f.text(ModelFile.TRAINER_STATE, state.toJson());
            f.write(target);
        }
    }
}
