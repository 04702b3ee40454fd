package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.lemma.LemmaBaselines;
import edu.cs224n.lemma.LemmatizerConfig;
import edu.cs224n.lemma.LemmatizerModel;
import edu.cs224n.lemma.LemmatizerTraining;
import edu.cs224n.lemma.Lexicon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code lemmatizer train | eval | lemmatize | baseline}: the dictionary + character seq2seq lemmatizer. */
@Command(name = "lemmatizer", mixinStandardHelpOptions = true, description = "Lemmatization: a (form, UPOS) dictionary and a character seq2seq model.",
        subcommands = {LemmatizerCommand.Train.class, LemmatizerCommand.Eval.class, LemmatizerCommand.Lemmatize.class, LemmatizerCommand.Baseline.class})
public final class LemmatizerCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a config (default conf/lemmatizer-ewt.yaml, attention; conf/lemmatizer-ewt-plain.yaml is the plain model); "
                    + "writes DIR/model.zip (best dev lemma accuracy), checkpoint.zip, metrics.csv, curve.png, config.yaml, run.json.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            return options.train(LemmatizerConfig.class, Path.of("conf/lemmatizer-ewt.yaml"), c -> new LemmatizerTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Lemma accuracy (exact match) on a CoNLL-U file with its own UPOS: the full lemmatizer, and the model alone on words whose form training never had.")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--beam", description = "beam width (default: the model's config; 1 = greedy)")
        Integer beam;
        @Option(names = "--lexicon", description = "a word list or word-vector text file to check the beam's outputs against, in place of the model's (see the config key lexicon)")
        Path lexicon;

        @Override
        public Integer call() throws Exception {
            LemmatizerModel m = LemmatizerModel.load(model);
            if (lexicon != null) m = m.withLexicon(Lexicon.read(lexicon));
            int width = beam == null ? m.config().beam() : beam;
            LemmatizerTraining.Scores s = LemmatizerTraining.scores(m, ConllSequenceRecordReader.read(data, false), width);
            out().printf(Locale.ROOT, "lemma=%.2f unseen=%.2f model-alone-unseen=%.2f words=%d unseen-words=%d beam=%d%n", s.full().accuracy(),
                    s.full().unseenAccuracy(), s.modelOnly().unseenAccuracy(), s.full().words(), s.full().unseenWords(), width);
            return 0;
        }
    }

    @Command(name = "lemmatize", mixinStandardHelpOptions = true, description = "Write a CoNLL-U file with LEMMA filled from FORM and UPOS (all else kept).")
    static final class Lemmatize extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--output", required = true)
        Path output;

        @Override
        public Integer call() throws Exception {
            List<Sentence> filled = LemmatizerModel.load(model).fill(ConllSequenceRecordReader.read(data, false));
            ConllWriter.writeFile(output, filled);
            return 0;
        }
    }

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
