package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.tagger.Jackknife;
import edu.cs224n.tagger.TaggerConfig;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.tagger.TaggerTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code tagger train | eval}: the neural POS tagger (UPOS and XPOS). */
@Command(name = "tagger", mixinStandardHelpOptions = true, description = "Neural part-of-speech tagger.",
        subcommands = {TaggerCommand.Train.class, TaggerCommand.Eval.class, TaggerCommand.Tag.class, TaggerCommand.JackknifeCommand.class})
public final class TaggerCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the tagger on a config (default conf/tagger-ewt.yaml); writes DIR/model.zip (best dev UPOS), checkpoint.zip, "
                    + "metrics.csv, curve.png, config.yaml, run.json.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            return options.train(TaggerConfig.class, Path.of("conf/tagger-ewt.yaml"), c -> new TaggerTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "tag", mixinStandardHelpOptions = true, description = "Write a CoNLL-U file with the model's UPOS and XPOS (all else kept).")
    static final class Tag extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;
        @Option(names = "--output", required = true)
        Path output;

        @Override
        public Integer call() throws Exception {
            ConllWriter.writeFile(output, TaggerModel.load(model).retag(ConllSequenceRecordReader.read(data, false)));
            return 0;
        }
    }

    @Command(name = "jackknife", mixinStandardHelpOptions = true,
            description = "Tag the config's training treebank by k-fold jackknifing (each part tagged by a tagger trained on the others); "
                    + "writes --output (CoNLL-U) and each fold's model under --work.")
    static final class JackknifeCommand extends CliCommand {
        @Mixin
        TrainOptions options;
        @Option(names = "--folds", defaultValue = "4")
        int folds;
        @Option(names = "--tagged", required = true, description = "the jackknifed training treebank to write")
        Path tagged;

        @Override
        public Integer call() throws Exception {
            TaggerConfig c = options.load(TaggerConfig.class, Path.of("conf/tagger-ewt.yaml"));
            ConllWriter.writeFile(tagged, Jackknife.run(c, folds, options.output, out()));
            out().println("jackknifed: " + tagged);
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "UPOS and XPOS accuracy of a model on a CoNLL-U file (gold tokenization).")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true)
        Path model;
        @Option(names = "--data", required = true)
        Path data;

        @Override
        public Integer call() throws Exception {
            List<Sentence> gold = ConllSequenceRecordReader.read(data, false);
            TaggerModel.Accuracy a = TaggerModel.load(model).accuracy(gold);
            out().printf(Locale.ROOT, "UPOS=%.2f XPOS=%.2f tokens=%d%n", 100 * a.upos(), 100 * a.xpos(), a.tokens());
            return 0;
        }
    }
}
