package edu.cs224n.cli;

import edu.cs224n.bench.ParserTrainingSpeed;
import edu.cs224n.biaffine.BiaffineConfig;
import edu.cs224n.biaffine.BiaffineTraining;
import edu.cs224n.bench.ParsingSpeed;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllStream;
import edu.cs224n.data.ConllTransform;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.data.Sentence;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.parser.InputContract;
import edu.cs224n.parser.Parsing;
import edu.cs224n.parser.Projectivity;
import edu.cs224n.pipeline.Parsers;
import edu.cs224n.pipeline.Pipeline;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.io.AtomicFiles;
import edu.cs224n.util.CompilerHints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code parser train | eval | parse | bench | bench-train}. */
@Command(name = "parser", mixinStandardHelpOptions = true, description = "Dependency parsers: the neural transition parser (Chen & Manning) and the biaffine graph parser (Dozat & Manning); a config's parser key says which to train, a model file which it holds.",
        subcommands = {ParserCommand.Train.class, ParserCommand.Eval.class, ParserCommand.Parse.class, ParserCommand.Bench.class,
                ParserCommand.BenchTrain.class})
public final class ParserCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a config; writes DIR/model.zip (best on dev), metrics.csv, curve.png, config.yaml, predictions and scores.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            if (options.config.config != null && Parsers.isBiaffine(options.config.config, options.config.overrides)) {
                return options.train(BiaffineConfig.class, null, c -> new BiaffineTraining(c, options.output, out()), out());
            }
            return options.train(ParserConfig.class, null, c -> new ParserTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Score a model (either kind) on a treebank: UAS, LAS, with and without punctuation; non-projective arc recall.")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true, description = "CoNLL-X or CoNLL-U file with gold trees")
        Path data;
        @Option(names = "--per-label", description = "also print the per-label table")
        boolean perLabel;
        @Option(names = "--threads", description = "parsing threads (default: all cores)")
        int threads;
        @Option(names = "--graph", description = "score with the plain ComputationGraph (the slow reference path) instead of the pre-computed one")
        boolean graph;

        @Override
        public Integer call() throws Exception {
            List<Sentence> gold = ConllSequenceRecordReader.read(data, true);
            Parsing.Parsed p = Parsing.parseInput(Parsers.load(model), gold, data.toString(), threads, graph);
            note(p.report(), err());
            AttachmentScores s = AttachmentScores.score(gold, p.sentences());
            out().println(s.summary());
            out().println(Projectivity.recall(gold, p.sentences()).summary());
            if (perLabel) out().print(s.perLabelTable());
            return 0;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse CoNLL (gold HEAD/DEPREL ignored) from a file or stdin; write CoNLL with predicted HEAD and DEPREL. "
                    + "A pipeline file (`pipeline build`) as --model tags the words first. With --text: read raw UTF-8 text and run a pipeline file: tokenize, tag, parse; write CoNLL-U.")
    static final class Parse extends CliCommand {
        @Option(names = "--model", required = true, description = "parser model, or with --text a pipeline file")
        Path model;
        @Option(names = "--text", description = "the input is raw text (needs a pipeline file as --model)")
        boolean text;
        @Option(names = "--input", description = "CoNLL-X/CoNLL-U input (default: stdin)")
        Path input;
        @Option(names = "--output", description = "output file (default: stdout)")
        Path output;
        @Option(names = "--format", description = "conll (default) or tree", defaultValue = "conll")
        String format;
        @Option(names = "--threads", description = "parsing threads (default: all cores)")
        int threads;
        @Option(names = "--graph", description = "score with the plain ComputationGraph (the slow reference path) instead of the pre-computed one")
        boolean graph;
        @Option(names = "--batch", description = "sentences read, parsed and written at a time (default ${DEFAULT-VALUE}); the trees do not depend on it")
        int batch = STREAM_BATCH;

        @Override
        public Integer call() throws Exception {
            if (batch < 1) throw new IllegalArgumentException("--batch: expected >= 1, got " + batch);
            if (!format.equals("conll") && !format.equals("tree")) throw new IllegalArgumentException("--format: expected conll or tree, got " + format);
            if (!text && format.equals("conll") && !graph) return stream();
            List<Sentence> parsed;
            if (text) {
                String raw = readText(input);
                parsed = Pipeline.load(model).annotate(raw, name(input), threads);
            } else {
                List<Sentence> in = readConll(input, false);
                if (ModelFile.kind(model).equals(Pipeline.KIND)) {
                    parsed = Pipeline.load(model).tagAndParse(in, threads); // pre-tokenised input: the pipeline's tagger predicts the tags
                } else {
                    Parsing.Parsed p = Parsing.parseInput(Parsers.load(model), in, name(input), threads, graph);
                    note(p.report(), err());
                    parsed = p.sentences();
                }
            }
            String text = format.equals("tree") ? parsed.stream().map(s -> TreeRenderer.render(s) + "\n").collect(Collectors.joining())
                    : ConllWriter.toString(parsed);
            if (output == null) out().print(text);
            else AtomicFiles.writeString(output, text);
            return 0;
        }

        /**
         * CoNLL in, CoNLL out, a batch at a time ({@link ConllTransform}): reading, parsing and writing overlap, and a
         * file of any size parses in the memory of three batches. The output file appears whole or not at all.
         */
        private int stream() throws java.io.IOException {
            UnaryOperator<List<Sentence>> work;
            InputContract.Report[] report = {null};
            String kind = ModelFile.kind(model);
            if (kind.equals(Pipeline.KIND)) {
                Pipeline pipeline = Pipeline.load(model);
                work = batch -> pipeline.tagAndParse(batch, threads); // pre-tokenised input: the pipeline's tagger predicts the tags
            } else {
                // A large file for the transition parser: C2 kept for its loops (less compiling on the cores that parse).
                if (kind.equals(ParserModel.KIND) && input != null && Files.isRegularFile(input) && Files.size(input) > HINTS_FROM_BYTES) {
                    CompilerHints.keepSupportCodeAtC1();
                }
                DependencyParser parser = Parsers.loadForParsing(model);
                work = batch -> {
                    Parsing.Parsed p = Parsing.parseInput(parser, batch, name(input), threads, false);
                    report[0] = report[0] == null ? p.report() : report[0].plus(p.report());
                    return p.sentences();
                };
            }
            try (ConllStream in = input == null ? ConllStream.of(in(), "<stdin>", false) : ConllStream.open(input, false)) {
                if (output == null) {
                    ConllTransform.run(in, out(), batch, work);
                } else {
                    AtomicFiles.write(output, o -> {
                        Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
                        ConllTransform.run(in, w, batch, work);
                    });
                }
            }
            if (report[0] != null) note(report[0], err());
            return 0;
        }
    }

    /**
     * Sentences read, parsed and written at a time by {@code parser parse}: large enough for the parser's batched
     * scoring, small enough that three batches in memory keep the collector's copying cheap (4,096 was slower).
     */
    static final int STREAM_BATCH = 1024;

    /**
     * Input size from which {@code parser parse} adds {@link CompilerHints}: on one core a 1.2 MB file (1,200 sentences)
     * parsed as fast with them as without (their 0.17 s against the compile time saved), a 4.6 MB file 0.15 s faster.
     */
    static final long HINTS_FROM_BYTES = 2_000_000;

    /** Says once what the input holds that the model never saw. */
    static void note(InputContract.Report report, java.io.PrintWriter err) {
        if (!report.clean()) err.println(report.note());
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Parsing speed: sentences/s, tokens/s and transitions/s on a CoNLL file, timed inside the process "
                    + "(model loading and pre-computation excluded, and reported), plus the figure including start-up.")
    static final class Bench extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--threads", defaultValue = "1", description = "parsing threads (default 1)")
        int threads;
        @Option(names = "--repeat", defaultValue = "7", description = "timed repetitions (the median is printed; default 7)")
        int repeat;
        @Option(names = "--warmup", defaultValue = "3", description = "untimed parses first, so the JIT has compiled the hot loops (default 3)")
        int warmup;
        @Option(names = "--batch-size", description = "sentences parsed together (default: the model's eval_batch_size)")
        Integer batchSize;
        @Option(names = "--graph", description = "score with the plain ComputationGraph (one thread, ND4J using --threads) instead of the pre-computed path")
        boolean graph;

        @Override
        public Integer call() throws Exception {
            ParsingSpeed.measure(model, data, threads, repeat, warmup, batchSize, graph).lines().forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "bench-train", mixinStandardHelpOptions = true,
            description = "Training speed: trains on the config's data for a fixed time and prints train_examples_per_second "
                    + "(data loading, start-up and a warm-up excluded). Writes nothing.")
    static final class BenchTrain extends CliCommand {
        @Mixin
        ConfigOptions config;
        @Option(names = "--threads", description = "ND4J threads (default: the config's)")
        Integer threads;
        @Option(names = "--seconds", defaultValue = "30", description = "timed training seconds (default 30)")
        double seconds;
        @Option(names = "--warmup", defaultValue = "5", description = "untimed warm-up steps (default 5)")
        int warmup;

        @Override
        public Integer call() throws Exception {
            if (seconds <= 0) throw new IllegalArgumentException("--seconds: expected > 0, got " + seconds);
            if (threads != null) config.overrides.add("threads=" + threads);
            ParserConfig c = config.load(ParserConfig.class, null);
            ParserTrainingSpeed.Speed s = ParserTrainingSpeed.measure(c, seconds, warmup);
            out().printf(Locale.ROOT, "network=%s threads=%d batch_size=%d hidden=%d features=%d parameters=%d%n",
                    c.network(), c.threads(), c.batchSize(), c.hidden(), s.features(), s.parameters());
            out().printf(Locale.ROOT, "tables=%s classes=%d dropout=%s learning_rate=%s%n", s.tables(), s.classes(), c.dropout(), c.learningRate());
            out().printf(Locale.ROOT, "steps=%d examples=%d seconds=%.2f mean_loss=%.4f%n", s.steps(), s.examples(), s.seconds(), s.meanLoss());
            out().printf(Locale.ROOT, "train_examples_per_second=%.0f%n", s.examplesPerSecond());
            return 0;
        }
    }
}
