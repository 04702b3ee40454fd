package edu.cs224n.cli;

import edu.cs224n.experiments.Experiment;
import edu.cs224n.experiments.ExperimentReport;
import edu.cs224n.experiments.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code experiment list | run NAME... | run --all}: the source documents' derivations and claims, each checked; exit 1 when a claim fails. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "The source documents' derivations and claims as checked experiments.",
        subcommands = {ExperimentCommand.ListCommand.class, ExperimentCommand.Run.class})
public final class ExperimentCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments (name, fast or slow, what it shows, source).")
    static final class ListCommand extends CliCommand {
        @Override
        public Integer call() {
            for (Experiment e : Experiments.all()) {
                out().printf(Locale.ROOT, "%-24s %-5s %s [%s]%n", e.name(), e.fast() ? "fast" : "slow", e.title(), e.source());
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run experiments; each writes OUTPUT/NAME.md (+ CSV, + PNG). Exit code 1 when any claim fails.")
    static final class Run extends CliCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "experiments to run (see `experiment list`)")
        List<String> names = new ArrayList<>();
        @Option(names = "--all", description = "run every experiment")
        boolean all;
        @Option(names = "--fast", description = "run the fast experiments (the ones CI runs)")
        boolean fast;
        @Option(names = "--output", defaultValue = "results/experiments", description = "report directory (default: ${DEFAULT-VALUE})")
        Path output;
        @Option(names = "--config", description = "a config file for the one named experiment that takes one (e.g. gfrnn: conf/gfrnn-study.yaml)")
        Path config;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of --config (repeatable)")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<Experiment> chosen = new ArrayList<>();
            if (all || fast) Experiments.all().stream().filter(e -> all || e.fast()).forEach(chosen::add);
            for (String n : names) chosen.add(Experiments.get(n));
            if (chosen.isEmpty()) throw new IllegalArgumentException("name an experiment, or give --all or --fast; known: " + String.join(", ", Experiments.names()));
            if (config != null) {
                if (chosen.size() != 1) throw new IllegalArgumentException("--config applies to one named experiment, got " + chosen.size());
                chosen.set(0, chosen.get(0).configured(config, overrides));
            } else if (!overrides.isEmpty()) {
                throw new IllegalArgumentException("--set overrides a key of --config; give --config too");
            }
            int failed = 0;
            for (Experiment e : chosen) {
                long t0 = System.nanoTime();
                ExperimentReport report = new ExperimentReport(e);
                e.run(report);
                Path md = report.write(output);
                out().printf(Locale.ROOT, "%-24s %s  %.1f s  -> %s%n", e.name(), report.verdict(), (System.nanoTime() - t0) / 1e9, md);
                for (ExperimentReport.Check c : report.checks()) {
                    if (!c.holds()) out().printf(Locale.ROOT, "    FAILS: %s: expected %s, measured %s%n", c.what(), c.expected(), c.measured());
                }
                if (!report.holds()) failed++;
            }
            if (failed > 0) out().printf(Locale.ROOT, "%d of %d experiments FAIL%n", failed, chosen.size());
            return failed > 0 ? 1 : 0;
        }
    }
}
