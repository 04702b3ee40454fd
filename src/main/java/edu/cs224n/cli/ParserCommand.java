package edu.cs224n.cli;

import edu.cs224n.config.Configs;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.train.AtomicFiles;
import edu.cs224n.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code parser train | eval | parse}. */
@Command(name = "parser", mixinStandardHelpOptions = true, description = "The neural transition-based dependency parser.",
        subcommands = {ParserCommand.Train.class, ParserCommand.Eval.class, ParserCommand.Parse.class, ParserCommand.Bench.class})
public final class ParserCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a config; writes DIR/model.zip (best on dev), metrics.csv, curve.png, config.yaml, predictions and scores.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "YAML config, e.g. conf/parser-ewt.yaml")
        Path config;
        @Option(names = "--output", required = true, description = "output directory")
        Path output;
        @Option(names = "--set", description = "override one config key: --set epochs=5 (repeatable)")
        List<String> overrides = new ArrayList<>();
        @Option(names = "--resume", description = "continue from DIR/checkpoint.zip if present")
        boolean resume;
        @Option(names = "--no-progress", description = "no progress bar")
        boolean noProgress;

        @Override
        public Integer call() throws Exception {
            ParserConfig c = Configs.load(config, overrides, ParserConfig.defaults(), ParserConfig.class);
            new ParserTraining(c, output, System.out).run(resume, !noProgress && System.console() != null);
            System.out.println("model: " + output.resolve("model.zip"));
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Score a model on a treebank: UAS, LAS, with and without punctuation.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true, description = "CoNLL-X or CoNLL-U file with gold trees")
        Path data;
        @Option(names = "--per-label", description = "also print the per-label table")
        boolean perLabel;
        @Option(names = "--threads", description = "ND4J threads (0 = default)")
        int threads;

        @Override
        public Integer call() throws Exception {
            Threads.set(threads);
            List<Sentence> gold = ConllSequenceRecordReader.read(data, true);
            ParserModel m = ParserModel.load(model);
            AttachmentScores s = AttachmentScores.score(gold, m.parse(gold, m.config().evalBatchSize()));
            System.out.println(s.summary());
            if (perLabel) System.out.print(s.perLabelTable());
            return 0;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse CoNLL (gold HEAD/DEPREL ignored) from a file or stdin; write CoNLL with predicted HEAD and DEPREL.")
    static final class Parse implements Callable<Integer> {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--input", description = "CoNLL-X/CoNLL-U input (default: stdin)")
        Path input;
        @Option(names = "--output", description = "output file (default: stdout)")
        Path output;
        @Option(names = "--format", description = "conll (default) or tree", defaultValue = "conll")
        String format;
        @Option(names = "--threads", description = "ND4J threads (0 = default)")
        int threads;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("conll") && !format.equals("tree")) throw new IllegalArgumentException("--format: expected conll or tree, got " + format);
            Threads.set(threads);
            List<Sentence> in = input == null ? ConllSequenceRecordReader.read(System.in, "<stdin>", false)
                    : ConllSequenceRecordReader.read(input, false);
            ParserModel m = ParserModel.load(model);
            List<Sentence> parsed = m.parse(in, m.config().evalBatchSize());
            StringWriter text = new StringWriter();
            if (format.equals("tree")) {
                for (Sentence s : parsed) text.write(TreeRenderer.render(s) + "\n");
            } else {
                ConllWriter.write(parsed, text);
            }
            if (output == null) {
                Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                w.write(text.toString());
                w.flush();
            } else {
                AtomicFiles.writeString(output, text.toString());
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Parsing speed: sentences/s, tokens/s and transitions/s on a CoNLL file, timed inside the process (model loading excluded).")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--threads", description = "ND4J threads (0 = default)")
        int threads;
        @Option(names = "--repeat", defaultValue = "5", description = "timed repetitions after one warm-up (the median is printed)")
        int repeat;
        @Option(names = "--batch-size", description = "sentences parsed together (default: the model's eval_batch_size)")
        Integer batchSize;
        @Option(names = "--graph", description = "score with the plain ComputationGraph instead of the pre-computed path")
        boolean graph;

        @Override
        public Integer call() throws Exception {
            Threads.set(threads);
            List<Sentence> sentences = ConllSequenceRecordReader.read(data, false);
            ParserModel m = ParserModel.load(model);
            int batch = batchSize != null ? batchSize : m.config().evalBatchSize();
            long tokens = sentences.stream().mapToLong(Sentence::size).sum();
            double[] seconds = new double[repeat];
            double firstParseSinceJvmStart = 0;
            for (int i = -1; i < repeat; i++) {
                long t0 = System.nanoTime();
                var scorer = graph ? new edu.cs224n.parser.GraphScorer(m.network(), edu.cs224n.parser.FeatureExtractor.of(m.vocabulary()))
                        : new edu.cs224n.parser.PrecomputedScorer(m.network(), m.vocabulary(), ParserModel.PRECOMPUTED_WORDS);
                m.parse(sentences, batch, scorer);
                if (i >= 0) seconds[i] = (System.nanoTime() - t0) / 1e9;
                else firstParseSinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
            }
            java.util.Arrays.sort(seconds);
            double median = seconds[repeat / 2];
            System.out.printf(java.util.Locale.ROOT, "path=%s threads=%d batch=%d sentences=%d tokens=%d%n",
                    graph ? "graph" : "precomputed", threads, batch, sentences.size(), tokens);
            System.out.printf(java.util.Locale.ROOT, "sentences_per_second=%.0f tokens_per_second=%.0f transitions_per_second=%.0f median_seconds=%.3f%n",
                    sentences.size() / median, tokens / median, 2 * tokens / median, median);
            System.out.printf(java.util.Locale.ROOT, "including_startup: seconds=%.2f sentences_per_second=%.0f (JVM start, ND4J init, model and data loading, first parse)%n",
                    firstParseSinceJvmStart, sentences.size() / firstParseSinceJvmStart);
            return 0;
        }
    }
}
