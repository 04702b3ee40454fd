package edu.cs224n.cli;

import edu.cs224n.lemma.LemmaBaselines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code lemmatizer baseline}: lemmatization's reference points before a model (the seq2seq lemmatizer is to come). */
@Command(name = "lemmatizer", mixinStandardHelpOptions = true, description = "Lemmatization.", subcommands = {LemmatizerCommand.Baseline.class})
public final class LemmatizerCommand {

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Lemma accuracy (exact match, gold UPOS) of the identity (lowercased form) and of a (form, UPOS) -> lemma dictionary "
                    + "from --train (falling back to the identity) on --test, over all words and over words whose form --train never has.")
    static final class Baseline extends CliCommand {
        @Option(names = "--train", description = "training CoNLL-U (default: EWT train under the data root)")
        Path train = Path.of(LemmaBaselines.EWT_TRAIN);
        @Option(names = "--test", description = "test CoNLL-U (default: EWT test under the data root)")
        Path test = Path.of(LemmaBaselines.EWT_TEST);

        @Override
        public Integer call() {
            LemmaBaselines.run(train, test, out());
            return 0;
        }
    }
}
