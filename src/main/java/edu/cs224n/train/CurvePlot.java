package edu.cs224n.train;

import edu.cs224n.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The training curve as a PNG: train loss (right axis) and the named metrics (left axis) against epochs. */
public final class CurvePlot implements EpochListener {
    private final Path file;
    private final String title;
    private final List<String> metrics;

    public CurvePlot(Path file, String title, List<String> metrics) {
        this.file = file;
        this.title = title;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public void onEpoch(TrainerState state, EpochResult epoch) {}

    @Override
    public void onEnd(TrainerState state) throws IOException {
        if (state.history().isEmpty()) return;
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle("score (%)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.setYAxisGroupTitle(1, "train loss");
        List<EpochResult> h = state.history();
        double[] x = h.stream().mapToDouble(EpochResult::epoch).toArray();
        for (String m : metrics) {
            chart.addSeries(m, x, h.stream().mapToDouble(r -> r.metrics().getOrDefault(m, Double.NaN)).toArray());
        }
        XYSeries loss = chart.addSeries("train_loss", x, h.stream().mapToDouble(EpochResult::trainLoss).toArray());
        loss.setYAxisGroup(1);
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
