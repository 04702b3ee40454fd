package edu.cs224n.experiments;

import edu.cs224n.io.AtomicFiles;
import edu.cs224n.io.Provenance;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an experiment found: checks (each holds or not), free text, CSV tables and charts. {@link #write} produces
 * {@code NAME.md} (verdict, checks, text, machine, commit), {@code NAME[-table].csv} and {@code NAME[-chart].png}.
 */
public final class ExperimentReport {
    /** One checked statement: what was expected, what was measured, whether it holds. */
    public record Check(String what, String expected, String measured, boolean holds) {
        /** "what: expected E, measured M", for logs and failure messages. */
        public String summary() {
            return what + ": expected " + expected + ", measured " + measured;
        }
    }

    private final Experiment experiment;
    private final List<Check> checks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
    private final Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    public ExperimentReport(Experiment experiment) {
        this.experiment = experiment;
    }

    /** A check that {@code measured} is within {@code tolerance} of {@code expected} (absolute). */
    public boolean close(String what, double expected, double measured, double tolerance) {
        boolean holds = Math.abs(expected - measured) <= tolerance;
        return check(what, fmt(expected) + " (+- " + fmt(tolerance) + ")", fmt(measured), holds);
    }

    /** A check that {@code measured} is at most {@code bound}. */
    public boolean atMost(String what, double bound, double measured) {
        return check(what, "<= " + fmt(bound), fmt(measured), measured <= bound);
    }

    /** A check that {@code measured} is at least {@code bound}. */
    public boolean atLeast(String what, double bound, double measured) {
        return check(what, ">= " + fmt(bound), fmt(measured), measured >= bound);
    }

    public boolean check(String what, String expected, String measured, boolean holds) {
        checks.add(new Check(what, expected, measured, holds));
        return holds;
    }

    /** Markdown added to the report body, in order. */
    public ExperimentReport text(String markdown) {
        text.append(markdown).append(markdown.endsWith("\n") ? "" : "\n").append('\n');
        return this;
    }

    /** Formatted markdown added to the report body ({@link Locale#ROOT}). */
    public ExperimentReport textf(String format, Object... args) {
        return text(String.format(Locale.ROOT, format, args));
    }

    /** A CSV table written as {@code NAME-suffix.csv}: the first row is the header. */
    public void table(String suffix, List<String> header, List<List<Object>> rows) {
        List<List<Object>> all = new ArrayList<>();
        all.add(new ArrayList<>(header));
        all.addAll(rows);
        tables.put(suffix, all);
    }

    /** A chart (line, heat map, ...) written as {@code NAME-suffix.png}. */
    public void chart(String suffix, Chart<?, ?> chart) {
        charts.put(suffix, chart);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The claim holds when the experiment made at least one check and every check holds. */
    public boolean holds() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::holds);
    }

    public String verdict() {
        long held = checks.stream().filter(Check::holds).count();
        return String.format(Locale.ROOT, "%s (%d of %d checks hold)", holds() ? "HOLDS" : "FAILS", held, checks.size());
    }

    /** Writes the report files into {@code dir}; returns the markdown file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = experiment.name();
        for (var t : tables.entrySet()) {
            AtomicFiles.write(dir.resolve(name + "-" + t.getKey() + ".csv"), out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                    for (List<Object> row : t.getValue()) csv.printRecord(row);
                }
            });
        }
        System.setProperty("java.awt.headless", "true");
        for (var c : charts.entrySet()) {
            AtomicFiles.write(dir.resolve(name + "-" + c.getKey() + ".png"),
                    out -> BitmapEncoder.saveBitmap(c.getValue(), out, BitmapEncoder.BitmapFormat.PNG));
        }
        Path md = dir.resolve(name + ".md");
        AtomicFiles.writeString(md, markdown());
        return md;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(experiment.title()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Source: %s. Verdict: **%s**. `experiment run %s`, %s, commit %s, %s; %.1f s.%n%n",
                experiment.source(), verdict(), experiment.name(), LocalDate.now(), Provenance.commit(), Provenance.machine(),
                (System.nanoTime() - started) / 1e9));
        sb.append("| check | expected | measured | holds |\n|---|---|---|---|\n");
        for (Check c : checks) {
            sb.append("| ").append(cell(c.what())).append(" | ").append(cell(c.expected())).append(" | ").append(cell(c.measured())).append(" | ")
                    .append(c.holds() ? "yes" : "**no**").append(" |\n");
        }
        sb.append('\n').append(text);
        for (String suffix : tables.keySet()) sb.append("Table: `").append(experiment.name()).append('-').append(suffix).append(".csv`\n\n");
        for (String suffix : charts.keySet()) {
            sb.append("![").append(suffix).append("](").append(experiment.name()).append('-').append(suffix).append(".png)\n\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    public static String fmt(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e6 ? String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "")
                : String.format(Locale.ROOT, "%.3e", v);
    }
}
