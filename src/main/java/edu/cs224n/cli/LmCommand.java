package edu.cs224n.cli;

import edu.cs224n.bench.LmTrainingSpeed;
import edu.cs224n.bench.OutputBenchmark;
import edu.cs224n.bench.RecurrentBenchmark;
import edu.cs224n.config.DataRoot;
import edu.cs224n.lm.KneserNey;
import edu.cs224n.lm.KneserNeyConfig;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.lm.LmModel;
import edu.cs224n.lm.LmTraining;
import edu.cs224n.lm.LmText;
import edu.cs224n.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code lm train | eval | sample | kn}: the word-level RNN LM and the Kneser-Ney baseline. */
@Command(name = "lm", mixinStandardHelpOptions = true, description = "Language models.",
        subcommands = {LmCommand.Train.class, LmCommand.Eval.class, LmCommand.Sample.class, LmCommand.Kn.class, LmCommand.BenchRnn.class, LmCommand.BenchOutput.class, LmCommand.BenchTrain.class})
public final class LmCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the RNN LM on a config; writes DIR/model.zip (best on valid), checkpoint.zip, metrics.csv, curve.png, config.yaml, run.json.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            return options.train(LmConfig.class, null, c -> new LmTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Perplexity of a model on text at its level: words (one sentence a line, or CoNLL) print PPL, characters print BPC "
                    + "and nats per character. Every token is predicted, </s> (a line end) included, <unk> counted.")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--from", defaultValue = "0", description = "start at this fraction of the text (e.g. 0.9: the validation part of a split)")
        double from;
        @Option(names = "--to", defaultValue = "1", description = "end at this fraction of the text")
        double to;

        @Override
        public Integer call() throws Exception {
            LmModel m = LmModel.load(model);
            out().println(m.summary(m.perplexity(LmText.read(data, m.config().level(), from, to))));
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Generate text from a model (reproducible with --seed).")
    static final class Sample extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--prime", defaultValue = "", description = "words to start from (default: a sentence start)")
        String prime;
        @Option(names = "--length", defaultValue = "50", description = "tokens to generate")
        int length;
        @Option(names = "--temperature", defaultValue = "1.0")
        double temperature;
        @Option(names = "--seed", defaultValue = "1234")
        long seed;

        @Override
        public Integer call() throws Exception {
            if (length < 0) throw new IllegalArgumentException("--length: expected >= 0, got " + length);
            out().println(LmModel.load(model).sample(prime, length, temperature, seed));
            return 0;
        }
    }

    @Command(name = "kn", mixinStandardHelpOptions = true,
            description = "Interpolated modified Kneser-Ney n-gram model (default config conf/lm-kn-brown.yaml): count on train, print "
                    + "perplexity on valid and test (every token predicted, </s> included, <unk> counted). Paths are looked up in ./ first, then under $CS224N_DATA.")
    static final class Kn extends CliCommand {
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() {
            KneserNey.run(config.load(KneserNeyConfig.class, Path.of("conf/lm-kn-brown.yaml"))).forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "bench-rnn", mixinStandardHelpOptions = true,
            description = "Training speed (sequences/s of fit) of the recurrent stacks against stacked DL4J SimpleRnn layers of the same width, "
                    + "with the multiply-adds per sequence so costs per multiply-add compare.")
    static final class BenchRnn extends CliCommand {
        @Option(names = "--stacks", split = ",", defaultValue = "SIMPLE_RNN,STACKED_TANH,GF_TANH,GF_GRU")
        List<RecurrentBenchmark.Stack> stacks;
        @Option(names = "--input", defaultValue = "65", description = "input width (and output classes)")
        int input;
        @Option(names = "--hidden", defaultValue = "256")
        int hidden;
        @Option(names = "--layers", defaultValue = "3")
        int layers;
        @Option(names = "--batch", defaultValue = "32")
        int batch;
        @Option(names = "--steps", defaultValue = "100")
        int steps;
        @Option(names = "--warmup", defaultValue = "3")
        int warmup;
        @Option(names = "--repeat", defaultValue = "7")
        int repeat;
        @Option(names = "--threads", defaultValue = "2")
        int threads;

        @Override
        public Integer call() {
            Threads.set(threads);
            RecurrentBenchmark.lines(RecurrentBenchmark.run(stacks, input, hidden, layers, batch, steps, warmup, repeat, 42)).forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "bench-output", mixinStandardHelpOptions = true,
            description = "Training speed (tokens/s of fit) of the output layer alone: full softmax vs class-factored softmax, targets drawn "
                    + "from the unigram distribution of an LM config's training vocabulary (train, min_count, classes, hidden, streams, threads; "
                    + "default conf/lm-brown-small-class.yaml).")
    static final class BenchOutput extends CliCommand {
        @Mixin
        ConfigOptions config;
        @Option(names = "--steps", defaultValue = "10", description = "time steps per fit call (tokens per update = streams x steps)")
        int steps;
        @Option(names = "--warmup", defaultValue = "5")
        int warmup;
        @Option(names = "--repeat", defaultValue = "21")
        int repeat;

        @Override
        public Integer call() {
            LmConfig c = config.load(LmConfig.class, Path.of("conf/lm-brown-small-class.yaml"));
            Threads.set(c.threads());
            OutputBenchmark.measure(DataRoot.resolve(c.train()), c.minCount(), c.classes(), c.hidden(), c.streams(), steps, warmup, repeat).forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "bench-train", mixinStandardHelpOptions = true,
            description = "Training speed (tokens/s of fit) of a whole word LM as its config builds it, on the config's training text "
                    + "(default conf/lm-brown.yaml; e.g. --set output=softmax --set dropout=0 --set threads=1): median of --repeat chunks of "
                    + "streams x --steps tokens after --warmup chunks and at least --warmup-seconds.")
    static final class BenchTrain extends CliCommand {
        @Mixin
        ConfigOptions config;
        @Option(names = "--steps", defaultValue = "100", description = "time steps per fit call (a multiple of tau)")
        int steps;
        @Option(names = "--warmup", defaultValue = "2")
        int warmup;
        @Option(names = "--warmup-seconds", defaultValue = "60",
                description = "keep warming up until this much time has passed: on one pinned core the JIT compiler takes about a minute of it")
        double warmupSeconds;
        @Option(names = "--repeat", defaultValue = "7")
        int repeat;

        @Override
        public Integer call() {
            LmConfig c = config.load(LmConfig.class, Path.of("conf/lm-brown.yaml")).validate();
            if (steps % c.tau() != 0) throw new IllegalArgumentException("--steps: expected a multiple of tau (" + c.tau() + "), got " + steps);
            Threads.set(c.threads());
            LmTrainingSpeed.lines(c, LmTrainingSpeed.measure(c, steps, warmup, warmupSeconds, repeat)).forEach(out()::println);
            return 0;
        }
    }
}
