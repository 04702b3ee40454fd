package edu.cs224n.cli;

import edu.cs224n.config.DataRoot;
import edu.cs224n.lm.KneserNey;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lm kn}: language models (so far the Kneser-Ney n-gram baseline). */
@Command(name = "lm", mixinStandardHelpOptions = true, description = "Language models.", subcommands = LmCommand.Kn.class)
public final class LmCommand {

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
