package edu.cs224n.siamese;

import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.io.AtomicFiles;
import edu.cs224n.siamese.PseudoSiameseTraining.Dataset;
import edu.cs224n.train.EpochResult;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.vectors.WordVectors;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.io.PrintWriter;
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
    public record RunResult(PseudoSiameseNetwork.Trained trained, TrainerState state, double testAccuracy) {}

    public record Outcome(Dataset train, Dataset dev, Dataset test, double majorityBaseline, Map<PseudoSiameseNetwork.Trained, RunResult> runs) {}

    private final PseudoSiameseConfig config;
    private final PrintWriter out;

    public PseudoSiameseExperiment(PseudoSiameseConfig config, PrintWriter out) {
        this.config = config.validate();
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

    /** The config's vectors and treebanks (paths through the data root). */
    public Outcome run(Path outputDir) throws IOException {
        Path vectorsFile = DataRoot.require("vectors", config.vectors());
        List<Path> treebanks = config.treebanks().stream().map(t -> DataRoot.require("treebanks", t)).toList();
        return run(WordVectors.read(vectorsFile), treebanks, outputDir, Map.of("vectors", vectorsFile));
    }

    /** Three runs from the same initial weights (both matrices trained, W1 only, W2 only), each in its own folder. */
    public Outcome run(WordVectors vectors, List<Path> treebanks, Path outputDir, Map<String, Path> otherFiles) throws IOException {
        RunDirectory dir = RunDirectory.create(outputDir, config);
        Dataset[] d = taggedWords(treebanks, vectors, config.minCount(), config.seed());
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

        Map<String, Path> files = new LinkedHashMap<>(otherFiles);
        for (int i = 0; i < treebanks.size(); i++) files.put("treebank" + i, treebanks.get(i));
        dir.record(files);
        PseudoSiameseTraining.Data data = new PseudoSiameseTraining.Data(train, dev, test, files);
        Map<PseudoSiameseNetwork.Trained, RunResult> runs = new EnumMap<>(PseudoSiameseNetwork.Trained.class);
        List<double[]> steps = null;
        for (PseudoSiameseNetwork.Trained trained : PseudoSiameseNetwork.Trained.values()) {
            String name = trained.name().toLowerCase(Locale.ROOT).replace('_', '-');
            PseudoSiameseTraining recipe = new PseudoSiameseTraining(Configs.with(config, "trained", name), data);
            TrainerState state = new TrainingRun<>(recipe, outputDir.resolve(name), out).run(false, false).state();
            EpochResult last = state.history().get(state.history().size() - 1);
            runs.put(trained, new RunResult(trained, state, last.metrics().get("test_acc")));
            out.printf(Locale.ROOT, "%-8s test accuracy after %d epochs %.4f (best dev epoch %d)%n", trained, last.epoch(), last.metrics().get("test_acc"), state.bestEpoch());
            if (trained == PseudoSiameseNetwork.Trained.BOTH) steps = recipe.steps();
        }
        Outcome outcome = new Outcome(train, dev, test, baseline, runs);
        writeSteps(outputDir.resolve("steps.csv"), steps);
        plot(outcome, steps, outputDir);
        String report = report(outcome);
        dir.writeText("report.md", report);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("majority_baseline", baseline);
        runs.forEach((k, r) -> run.put(k.name().toLowerCase(Locale.ROOT), r.state().history().stream().map(EpochResult::metrics).toList()));
        dir.writeRunJson(run);
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
                .title("Relative update ||dW|| / ||W|| per step, both trained (" + config.optimizer() + ")").build();
        updates.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarkerSize(0);
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        updates.addSeries("W1 (sigmoid)", x, steps.stream().mapToDouble(s -> s[2]).toArray());
        updates.addSeries("W2 (ReLU)", x, steps.stream().mapToDouble(s -> s[3]).toArray());
        AtomicFiles.write(dir.resolve("updates.png"), out -> BitmapEncoder.saveBitmap(updates, out, BitmapEncoder.BitmapFormat.PNG));

        XYChart acc = new XYChartBuilder().width(800).height(450).xAxisTitle("epoch").yAxisTitle("test accuracy")
                .title("Test accuracy: which matrix learns (" + config.optimizer() + ")").build();
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
                config.optimizer(), config.learningRate(), config.hidden(), config.batch(), o.majorityBaseline()));
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
}
