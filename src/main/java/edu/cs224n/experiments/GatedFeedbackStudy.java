package edu.cs224n.experiments;

import edu.cs224n.config.Configs;
import edu.cs224n.experiments.GatedFeedbackStudyConfig.Model;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.lm.LmData;
import edu.cs224n.lm.LmTraining;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.lm.TokenStream;
import edu.cs224n.train.EpochResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chung et al. (2015) compare gated-feedback RNNs with stacked RNNs of the same unit at equal parameter counts. This
 * study does the same on tiny-shakespeare: stacked tanh, GF tanh, stacked GRU and GF GRU of about equal size, each
 * with its own learning-rate search on short runs, then final runs with several seeds on one equal CPU budget. The claim:
 * within each unit type the gated-feedback model reaches the lower validation nats per character.
 */
public final class GatedFeedbackStudy implements Experiment {
    private static final Logger LOG = LoggerFactory.getLogger(GatedFeedbackStudy.class);

    /** One finished run: its best model's one-stream validation figure and its curve (CPU minutes, nats/char). */
    record Run(Model model, double learningRate, long seed, long parameters, double validNats, double cpuMinutes, List<double[]> curve) {}

    private final GatedFeedbackStudyConfig config;

    public GatedFeedbackStudy() {
        this(Configs.defaults(GatedFeedbackStudyConfig.class));
    }

    public GatedFeedbackStudy(GatedFeedbackStudyConfig config) {
        this.config = config.validate();
    }

    @Override public String name() { return "gfrnn"; }

    @Override public String title() { return "Gated-feedback against stacked RNNs of the same unit, size and CPU time (character LM)"; }

    @Override public String source() { return "Chung et al. 2015, Gated Feedback Recurrent Neural Networks, section 4 (character-level LM)"; }

    @Override public boolean fast() { return false; }

    @Override
    public Experiment configured(Path file, List<String> overrides) {
        return new GatedFeedbackStudy(Configs.load(file, overrides, GatedFeedbackStudyConfig.class));
    }

    @Override
    public void run(ExperimentReport report) throws Exception {
        Path work = Path.of(config.work());
        List<Model> models = config.parsedModels();
        long firstSeed = config.seeds().get(0);

        // 1. Learning-rate search: short runs, first seed; the best one-stream validation figure chooses.
        List<Job> search = new ArrayList<>();
        for (Model m : models) {
            for (double lr : config.learningRates()) {
                search.add(new Job(m, lr, firstSeed, config.searchMinutes(), work.resolve("search").resolve(m.name() + "-lr" + lr)));
            }
        }
        List<Run> searched = new ArrayList<>(runAll(search));
        // A best rate at the edge of the grid may not be the best rate: extend the grid that way (halve or double).
        for (int extension = 0; extension < config.maxExtensions(); extension++) {
            List<Job> more = new ArrayList<>();
            for (Model m : models) {
                List<Run> mine = searched.stream().filter(r -> r.model().equals(m)).toList();
                double best = mine.stream().min(Comparator.comparingDouble(Run::validNats)).orElseThrow().learningRate();
                double lo = mine.stream().mapToDouble(Run::learningRate).min().orElseThrow();
                double hi = mine.stream().mapToDouble(Run::learningRate).max().orElseThrow();
                double next = best == lo ? lo / 2 : best == hi ? hi * 2 : 0;
                if (next > 0 && mine.size() > 1) {
                    more.add(new Job(m, next, firstSeed, config.searchMinutes(), work.resolve("search").resolve(m.name() + "-lr" + next)));
                }
            }
            if (more.isEmpty()) break;
            searched.addAll(runAll(more));
        }
        Map<Model, Double> chosen = new LinkedHashMap<>();
        List<List<Object>> searchRows = new ArrayList<>();
        for (Model m : models) {
            Run best = searched.stream().filter(r -> r.model().equals(m)).min(Comparator.comparingDouble(Run::validNats)).orElseThrow();
            chosen.put(m, best.learningRate());
            for (Run r : searched.stream().sorted(Comparator.comparingDouble(Run::learningRate)).toList()) {
                if (r.model().equals(m)) searchRows.add(List.of(m.name(), r.learningRate(), fmt4(r.validNats()), fmt2(r.cpuMinutes()), r == best ? "chosen" : ""));
            }
        }

        // 2. Final runs: every seed, the chosen rate, one budget.
        List<Job> finals = new ArrayList<>();
        for (Model m : models) {
            for (long seed : config.seeds()) {
                finals.add(new Job(m, chosen.get(m), seed, config.finalMinutes(), work.resolve("final").resolve(m.name() + "-seed" + seed)));
            }
        }
        List<Run> runs = runAll(finals);
        double unigram = unigramNats();

        // Checks: equal size, equal time, learning, then the claim per unit type.
        long minP = runs.stream().mapToLong(Run::parameters).min().orElseThrow();
        long maxP = runs.stream().mapToLong(Run::parameters).max().orElseThrow();
        report.atMost("parameter counts are equal: (largest - smallest) / smallest", config.maxParameterSpread(), (double) (maxP - minP) / minP);
        double minT = runs.stream().mapToDouble(Run::cpuMinutes).min().orElseThrow();
        double maxT = runs.stream().mapToDouble(Run::cpuMinutes).max().orElseThrow();
        report.atLeast("every final run trained for its CPU budget (shortest run, minutes)", config.finalMinutes(), minT);
        report.atMost("budgets are equal: (longest - shortest) / shortest CPU time (a chunk may overrun the budget)", 0.05, (maxT - minT) / minT);
        double worst = runs.stream().mapToDouble(Run::validNats).max().orElseThrow();
        report.atMost("every final model beats the unigram model's validation nats/char", unigram, worst);

        Map<Model, double[]> stats = new LinkedHashMap<>();
        for (Model m : models) {
            double[] v = runs.stream().filter(r -> r.model().equals(m)).mapToDouble(Run::validNats).toArray();
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double min = java.util.Arrays.stream(v).min().orElseThrow(), max = java.util.Arrays.stream(v).max().orElseThrow();
            stats.put(m, new double[] {mean, min, max});
        }
        StringBuilder verdicts = new StringBuilder();
        for (String unit : List.of("tanh", "gru")) {
            Model stacked = models.stream().filter(m -> m.unit().equals(unit) && !m.gatedFeedback()).findFirst().orElse(null);
            Model gf = models.stream().filter(m -> m.unit().equals(unit) && m.gatedFeedback()).findFirst().orElse(null);
            if (stacked == null) continue;
            double s = stats.get(stacked)[0], g = stats.get(gf)[0];
            report.check(unit + " units: the gated-feedback model's mean validation nats/char is lower than the stacked model's",
                    "GF < stacked", String.format(Locale.ROOT, "GF %.4f vs stacked %.4f (difference %+.4f)", g, s, g - s), g < s);
            String ranges = stats.get(gf)[2] < stats.get(stacked)[1] ? "every GF run is below every stacked run"
                    : stats.get(stacked)[2] < stats.get(gf)[1] ? "every stacked run is below every GF run" : "the seeds' ranges overlap";
            verdicts.append(String.format(Locale.ROOT, "- %s: GF %.4f vs stacked %.4f; %s%n", unit, g, s, ranges));
        }

        // Tables, text, chart.
        List<List<Object>> finalRows = new ArrayList<>();
        for (Run r : runs) finalRows.add(List.of(r.model().name(), r.parameters(), r.learningRate(), r.seed(), fmt4(r.validNats()), fmt2(r.cpuMinutes())));
        report.table("search", List.of("model", "learning_rate", "valid_nats_per_char", "cpu_minutes", "chosen"), searchRows);
        report.table("final", List.of("model", "parameters", "learning_rate", "seed", "valid_nats_per_char", "cpu_minutes"), finalRows);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Text: `%s`, first %.0f%% trains, the rest validates (one stream, every character predicted). "
                        + "%d layers, embedding %d, truncated BPTT %d, %d streams, Adam, gradient clipping %.1f, no dropout. Every run trains on "
                        + "one thread and its budget is that thread's CPU time (runs ran %d side by side). Search: %s min per run at learning rates %s, "
                        + "extended by halving or doubling while the best rate is at an edge, %d times at most (seed %d); final: %s min per run, seeds %s. Unigram model: %.4f nats/char.%n%n",
                config.text(), config.split() * 100, config.layers(), config.embedding(), config.tau(), config.streams(), config.clip(),
                config.parallel(), ExperimentReport.fmt(config.searchMinutes()), config.learningRates(), config.maxExtensions(), firstSeed,
                ExperimentReport.fmt(config.finalMinutes()), config.seeds(), unigram));
        md.append("| model | parameters | learning rate (searched) | validation nats/char, mean | min | max | seeds |\n|---|---|---|---|---|---|---|\n");
        for (Model m : models) {
            double[] s = stats.get(m);
            long p = runs.stream().filter(r -> r.model().equals(m)).findFirst().orElseThrow().parameters();
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.4f | %.4f | %.4f | %d |%n", m.name(), p, ExperimentReport.fmt(chosen.get(m)),
                    s[0], s[1], s[2], config.seeds().size()));
        }
        md.append("\nLearning-rate search (validation nats/char of each short run):\n\n| model | learning rate | nats/char | CPU min | |\n|---|---|---|---|---|\n");
        for (List<Object> row : searchRows) md.append("| ").append(String.join(" | ", row.stream().map(String::valueOf).toList())).append(" |\n");
        md.append("\nWithin each unit type:\n\n").append(verdicts);
        report.text(md.toString());
        report.chart("curves", curves(runs));
    }

    private record Job(Model model, double learningRate, long seed, double minutes, Path dir) {}

    /** Trains the jobs, {@code parallel} at a time, each resumed from its folder when it was started before. */
    private List<Run> runAll(List<Job> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(config.parallel());
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (Job j : jobs) futures.add(pool.submit(() -> train(j)));
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) runs.add(f.get());
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private Run train(Job j) throws Exception {
        LmConfig c = config.run(j.model(), j.learningRate(), j.seed(), j.minutes());
        Files.createDirectories(j.dir());
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(j.dir().resolve("train.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            LmTraining.Outcome o = new LmTraining(c, j.dir(), log).run(true, false);
            List<double[]> curve = new ArrayList<>();
            double minutes = 0;
            for (EpochResult e : o.state().history()) {
                minutes += e.trainSeconds() / 60;
                curve.add(new double[] {minutes, -e.metrics().get("valid_log_likelihood")});
            }
            Run r = new Run(j.model(), j.learningRate(), j.seed(), o.model().network().numParams(), o.valid().natsPerToken(), minutes, curve);
            LOG.info(String.format(Locale.ROOT, "gfrnn: %s lr %s seed %d: %.4f nats/char after %.2f CPU min (%s)", j.model().name(),
                    ExperimentReport.fmt(j.learningRate()), j.seed(), r.validNats(), minutes, j.dir()));
            return r;
        }
    }

    /** Validation nats/char of the add-one unigram model of the training part: what learning must beat. */
    private double unigramNats() throws Exception {
        LmData data = LmData.load(config.run(config.parsedModels().get(0), 1e-3, 1, 1));
        LmVocabulary vocab = LmVocabulary.build(data.train(), 1, 0);
        double[] counts = new double[vocab.size()];
        java.util.Arrays.fill(counts, 1);
        int[] train = new TokenStream(vocab.encode(data.train())).tokens();
        for (int id : train) counts[id]++;
        double total = train.length + vocab.size();
        int[] valid = new TokenStream(vocab.encode(data.valid())).tokens();
        double nll = 0;
        for (int id : valid) nll -= Math.log(counts[id] / total);
        return nll / valid.length;
    }

    private static XYChart curves(List<Run> runs) {
        XYChart chart = new XYChartBuilder().width(760).height(440).title("Validation nats/char against training CPU minutes")
                .xAxisTitle("CPU minutes (one thread)").yAxisTitle("validation nats/char").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        for (Run r : runs) {
            double[] x = r.curve().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = r.curve().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(r.model().name() + " seed " + r.seed(), x, y);
        }
        return chart;
    }

    private static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
