package edu.cs224n.cli;

import edu.cs224n.config.DataRoot;
import edu.cs224n.lm.KneserNey;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.lm.LmModel;
import edu.cs224n.lm.LmTraining;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lm train | eval | sample | kn}: the word-level RNN LM and the Kneser-Ney baseline. */
@Command(name = "lm", mixinStandardHelpOptions = true, description = "Language models.",
        subcommands = {LmCommand.Train.class, LmCommand.Eval.class, LmCommand.Sample.class, LmCommand.Kn.class})
public final class LmCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the RNN LM on a config; writes DIR/model.zip (best on valid), checkpoint.zip, metrics.csv, curve.png, config.yaml, run.json.")
    static final class Train implements Callable<Integer> {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            LmConfig c = options.load(LmConfig.defaults(), LmConfig.class);
            new LmTraining(c, options.output, System.out).run(options.resume, options.progressBar());
            System.out.println("model: " + options.output.resolve("model.zip"));
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Perplexity of a model on word-level text (one sentence a line, or CoNLL): every token predicted, </s> included, <unk> counted.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;

        @Override
        public Integer call() throws Exception {
            System.out.println(LmModel.load(model).perplexity(LmText.readWords(data)).summary());
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Generate text from a model (reproducible with --seed).")
    static final class Sample implements Callable<Integer> {
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
            List<String> words = prime.isBlank() ? List.of() : List.of(prime.strip().split("\\s+"));
            System.out.println(LmModel.load(model).sample(words, length, temperature, seed));
            return 0;
        }
    }

    @Command(name = "kn", mixinStandardHelpOptions = true,
            description = "Interpolated modified Kneser-Ney n-gram model: count on --train, print perplexity on --valid and --test "
                    + "(every token predicted, </s> included, <unk> counted). Paths are looked up in ./ first, then under $CS224N_DATA.")
    static final class Kn implements Callable<Integer> {
        @Option(names = "--train", defaultValue = "corpora/brown/brown.train.txt", description = "one sentence a line, or CoNLL (default: Brown train)")
        String train;
        @Option(names = "--valid", defaultValue = "corpora/brown/brown.valid.txt", description = "(default: Brown valid; '' for none)")
        String valid;
        @Option(names = "--test", defaultValue = "corpora/brown/brown.test.txt", description = "(default: Brown test; '' for none)")
        String test;
        @Option(names = "--order", defaultValue = "5")
        int order;
        @Option(names = "--min-count", defaultValue = "4", description = "rarer training words become <unk> (default 4: words seen <= 3 times, Bengio et al.)")
        int minCount;
        @Option(names = "--max-vocab", defaultValue = "0", description = "at most this many vocabulary entries (0 = no limit)")
        int maxVocab;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            List<List<String>> trainText = LmText.readWords(DataRoot.resolve(train));
            LmVocabulary vocab = LmVocabulary.build(trainText, minCount, maxVocab);
            KneserNey kn = new KneserNey(order, vocab.size(), vocab.encode(trainText));
            System.out.printf(Locale.ROOT, "vocabulary=%d order=%d ngrams=%d count_seconds=%.1f%n", vocab.size(), order, kn.ngrams(),
                    (System.nanoTime() - t0) / 1e9);
            for (int k = 1; k <= order; k++) System.out.println("discounts order " + k + ": " + java.util.Arrays.toString(kn.discounts(k)));
            for (String[] split : new String[][] {{"valid", valid}, {"test", test}}) {
                if (split[1].isBlank()) continue;
                System.out.println(split[0] + ": " + kn.perplexity(vocab.encode(LmText.readWords(DataRoot.resolve(split[1]))), LmVocabulary.UNK_ID).summary());
            }
            return 0;
        }
    }
}
