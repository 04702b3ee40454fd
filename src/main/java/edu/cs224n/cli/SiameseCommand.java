package edu.cs224n.cli;

import edu.cs224n.siamese.PseudoSiameseConfig;
import edu.cs224n.siamese.SiameseCeiling;
import edu.cs224n.siamese.SiameseCeilingConfig;
import edu.cs224n.siamese.PseudoSiameseExperiment;
import edu.cs224n.siamese.SiameseConfig;
import edu.cs224n.siamese.SiameseModel;
import edu.cs224n.siamese.SiameseTraining;
import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code siamese train | neighbors | pseudo | ceiling}: a learned distance between word vectors, and the pseudo-Siamese classifier. */
@Command(name = "siamese", mixinStandardHelpOptions = true, description = "Siamese networks over word vectors.",
        subcommands = {SiameseCommand.Train.class, SiameseCommand.Neighbors.class, SiameseCommand.Pseudo.class, SiameseCommand.Ceiling.class})
public final class SiameseCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a Siamese map (default config conf/siamese-wordnet.yaml); writes DIR/model.zip (best on dev AUC), "
                    + "mapped-vectors.txt, input-vectors.txt, report.md, run.json, metrics.csv, curve.png, checkpoint.zip.")
    static final class Train extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            return options.train(SiameseConfig.class, Path.of("conf/siamese-wordnet.yaml"), c -> new SiameseTraining(c, options.output, out()), out());
        }
    }

    @Command(name = "neighbors", aliases = "neighbours", mixinStandardHelpOptions = true,
            description = "Nearest neighbours of a word before (input vectors, cosine) and after (learned space, Euclidean) the map.")
    static final class Neighbors extends CliCommand {
        @Option(names = "--model", required = true, description = "a model.zip from siamese train")
        Path model;
        @Option(names = "--word", required = true, description = "the word (repeatable)")
        List<String> words;
        @Option(names = "--k", defaultValue = "10")
        int k;
        @Option(names = "--vectors", description = "input vectors to map (default: input-vectors.txt beside the model)")
        Path vectors;

        @Override
        public Integer call() throws Exception {
            if (k < 1) throw new IllegalArgumentException("--k: expected >= 1, got " + k);
            Path source = vectors != null ? vectors : model.toAbsolutePath().getParent().resolve(SiameseTraining.INPUT_VECTORS);
            if (!Files.exists(source)) throw new IllegalArgumentException(source + ": no input vectors (give --vectors FILE)");
            SiameseModel m = SiameseModel.load(model);
            WordVectors in = WordVectors.read(source);
            VectorSpace before = new VectorSpace(in), after = new VectorSpace(m.map(in));
            for (String w : words) {
                String word = w.toLowerCase(Locale.ROOT);
                if (!before.contains(word)) throw new IllegalArgumentException("'" + w + "' has no vector in " + source);
                List<VectorSpace.Neighbour> b = before.neighbours(word, k, VectorSpace.Metric.COSINE);
                List<VectorSpace.Neighbour> a = after.neighbours(word, k, VectorSpace.Metric.EUCLIDEAN);
                out().printf(Locale.ROOT, "%s%n  %-28s %-28s%n", word, "before (cosine)", "after (Euclidean distance)");
                for (int i = 0; i < k; i++) {
                    out().printf(Locale.ROOT, "  %-20s %7.4f %-20s %7.4f%n", b.get(i).word(), b.get(i).similarity(), a.get(i).word(), -a.get(i).similarity());
                }
            }
            return 0;
        }
    }

    @Command(name = "pseudo", mixinStandardHelpOptions = true,
            description = "Midterm question 6: train the pseudo-Siamese net (sigmoid branch W1 + ReLU branch W2 -> softmax) to predict a word's "
                    + "most frequent UPOS in EWT from its vector, with both, only W1 and only W2 trained (default config conf/siamese-pseudo.yaml; "
                    + "--set vectors=FILE); writes DIR/report.md, steps.csv, updates.png, accuracy.png, run.json and one run folder per variant.")
    static final class Pseudo extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            PseudoSiameseConfig c = options.load(PseudoSiameseConfig.class, Path.of("conf/siamese-pseudo.yaml"));
            new PseudoSiameseExperiment(c, out()).run(options.output);
            return 0;
        }
    }

    @Command(name = "ceiling", mixinStandardHelpOptions = true,
            description = "References freer than a Siamese map on the same vectors and WordNet pairs: benchmark rho after retrofitting "
                    + "(Faruqui et al. 2015) on every synonym pair, and held-out synonym-vs-antonym AUC of pair classifiers on the same "
                    + "word split as siamese train, over several split seeds (default config conf/siamese-ceiling.yaml; --set vectors=FILE); "
                    + "writes DIR/report.md, DIR/run.json and DIR/config.yaml.")
    static final class Ceiling extends CliCommand {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            SiameseCeilingConfig c = options.load(SiameseCeilingConfig.class, Path.of("conf/siamese-ceiling.yaml"));
            SiameseCeiling.of(c, out()).run(options.output);
            return 0;
        }
    }
}
