package edu.cs224n.train;

import edu.cs224n.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** metrics.csv with one row per epoch; rewritten whole (atomically) from the history, so a resumed run stays consistent. */
public final class MetricsCsv implements EpochListener {
    private final Path file;
    private final List<String> metrics;

    public MetricsCsv(Path file, List<String> metrics) {
        this.file = file;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public void onEpoch(TrainerState state, EpochResult ignored) throws IOException {
        List<String> header = new ArrayList<>(List.of("epoch", "train_loss"));
        header.addAll(metrics);
        header.addAll(List.of("examples_per_second", "train_seconds", "eval_seconds"));
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (EpochResult r : state.history()) {
                List<Object> row = new ArrayList<>(List.of(r.epoch(), r.trainLoss()));
                for (String m : metrics) row.add(r.metrics().getOrDefault(m, Double.NaN));
                row.add(Math.round(r.examplesPerSecond()));
                row.add(r.trainSeconds());
                row.add(r.evalSeconds());
                csv.printRecord(row);
            }
        }
        AtomicFiles.writeString(file, text.toString());
    }
}
