package edu.cs224n.experiments;

import edu.cs224n.config.DataRoot;

import edu.cs224n.config.Configs;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.bench.ParserTrainingSpeed;
import edu.cs224n.train.Updaters;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deep-learning midterm, question 4 on the main model: the parser of conf/parser-ewt.yaml trained on UD English EWT with each of
 * SGD, Adagrad, RMSprop and Adam for the same wall-clock budget; training loss against steps and against seconds.
 */
public final class ParserOptimisers implements Experiment {
    static final double SECONDS = 45;
    /** Learning rates: Adam's is the tuned default of conf/parser-ewt.yaml; the others are usual values for each rule. */
    static final Map<String, Double> LEARNING_RATES = Map.of("sgd", 0.3, "adagrad", 0.03, "rmsprop", 5e-4, "adam", 5e-4);

    @Override public String name() { return "optimisers-parser"; }

    @Override public String title() { return "SGD, Adagrad, RMSprop and Adam on the dependency parser (UD English EWT)"; }

    @Override public String source() { return "the deep-learning practice midterm question 4"; }

    @Override public boolean fast() { return false; }

    @Override
    public void run(ExperimentReport r) throws java.io.IOException {
        DataRoot.require("corpora/ud-english-ewt/en_ewt-ud-train.conllu");
        Map<String, double[][]> traces = new LinkedHashMap<>(); // name -> {steps, seconds, smoothed loss}
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| optimiser | learning rate | steps in " + (int) SECONDS + " s | mean loss, first 50 steps | mean loss, last 50 steps |\n|---|---:|---:|---:|---:|\n");
        for (String name : Updaters.NAMES) {
            double lr = LEARNING_RATES.get(name);
            ParserConfig c = Configs.load(Path.of("conf/parser-ewt.yaml"), List.of("optimizer=" + name, "learning_rate=" + lr, "threads=2"), ParserConfig.class);
            List<double[]> steps = new ArrayList<>();
            ParserTrainingSpeed.measure(c, SECONDS, 5, (step, seconds, loss) -> steps.add(new double[] {step, seconds, loss}));
            int n = steps.size();
            double[] s = new double[n], t = new double[n], l = new double[n];
            double ema = steps.get(0)[2];
            for (int i = 0; i < n; i++) {
                ema = 0.95 * ema + 0.05 * steps.get(i)[2]; // smoothed for the plot; the CSV has the raw loss
                s[i] = steps.get(i)[0];
                t[i] = steps.get(i)[1];
                l[i] = ema;
                rows.add(List.of(name, lr, (long) s[i], t[i], steps.get(i)[2]));
            }
            traces.put(name, new double[][] {s, t, l});
            double first = mean(steps.subList(0, Math.min(50, n))), last = mean(steps.subList(Math.max(0, n - 50), n));
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f |%n", name, ExperimentReport.fmt(lr), n, first, last));
            r.atMost(name + " lowers the training loss: mean of the last 50 steps / first 50", 0.5, last / first);
        }
        r.text("conf/parser-ewt.yaml (batch 1024, hidden 400, dropout), 2 threads, " + (int) SECONDS + " s of training per "
                + "optimiser after 5 warm-up steps, from the same initial weights (seed 1234).\n\n" + table);
        r.table("loss", List.of("optimiser", "learning_rate", "step", "seconds", "loss"), rows);
        r.chart("steps", chart(traces, false));
        r.chart("seconds", chart(traces, true));
    }

    private static double mean(List<double[]> steps) {
        return steps.stream().mapToDouble(s -> s[2]).average().orElse(Double.NaN);
    }

    private static XYChart chart(Map<String, double[][]> traces, boolean seconds) {
        XYChart c = new XYChartBuilder().width(720).height(450).title("Parser training loss (EWT, smoothed)")
                .xAxisTitle(seconds ? "seconds" : "step").yAxisTitle("cross-entropy").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(0);
        for (var e : traces.entrySet()) c.addSeries(e.getKey(), e.getValue()[seconds ? 1 : 0], e.getValue()[2]);
        return c;
    }
}
