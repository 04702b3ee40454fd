package edu.cs224n.train;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints one table row per epoch: loss, the named metrics, examples/s, wall time, and a * on a new best. */
public final class EpochTable implements EpochListener {
    private final PrintWriter out;
    private final List<String> metrics;
    private boolean header;

    public EpochTable(PrintWriter out, List<String> metrics) {
        this.out = out;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public void onEpoch(TrainerState state, EpochResult r) {
        if (!header) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%5s %10s", "epoch", "train_loss"));
            for (String m : metrics) h.append(String.format(Locale.ROOT, " %11s", m));
            h.append(String.format(Locale.ROOT, " %9s %8s", "ex/s", "seconds"));
            out.println(h);
            header = true;
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d %10.4f", r.epoch(), r.trainLoss()));
        for (String m : metrics) row.append(String.format(Locale.ROOT, " %11.2f", r.metrics().getOrDefault(m, Double.NaN)));
        row.append(String.format(Locale.ROOT, " %9.0f %8.1f", r.examplesPerSecond(), r.trainSeconds() + r.evalSeconds()));
        if (state.bestEpoch() == r.epoch()) row.append("  *best");
        out.println(row);
        out.flush();
    }
}
