package edu.cs224n.cli;

import edu.cs224n.config.DataRoot;
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
import java.util.concurrent.Callable;

/** {@code siamese train | neighbors | pseudo | ceiling}: a learned distance between word vectors, and the pseudo-Siamese classifier. */
@Command(name = "siamese", mixinStandardHelpOptions = true, description = "Siamese networks over word vectors.",
        subcommands = {SiameseCommand.Train.class, SiameseCommand.Neighbors.class, SiameseCommand.Pseudo.class, SiameseCommand.Ceiling.class})
public final class SiameseCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a Siamese map (default config conf/siamese-wordnet.yaml); writes DIR/model.zip (best on dev AUC), "
                    + "mapped-vectors.txt, input-vectors.txt, report.md, run.json, metrics.csv, curve.png, checkpoint.zip.")
    static final class Train implements Callable<Integer> {
        @Mixin
        TrainOptions options;

        @Override
        public Integer call() throws Exception {
            SiameseConfig c = options.load(SiameseConfig.defaults(), SiameseConfig.class, Path.of("conf/siamese-wordnet.yaml"));
            new SiameseTraining(c, options.output, System.out).run(options.resume, options.progressBar());
            System.out.println("model: " + options.output.resolve("model.zip"));
            return 0;
        }
    }

    @Command(name = "neighbors", aliases = "neighbours", mixinStandardHelpOptions = true,
            description = "Nearest neighbours of a word before (input vectors, cosine) and after (learned space, Euclidean) the map.")
    static final class Neighbors implements Callable<Integer> {
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
                System.out.printf(Locale.ROOT, "%s%n  %-28s %-28s%n", word, "before (cosine)", "after (Euclidean distance)");
                for (int i = 0; i < k; i++) {
                    System.out.printf(Locale.ROOT, "  %-20s %7.4f %-20s %7.4f%n", b.get(i).word(), b.get(i).similarity(), a.get(i).word(), -a.get(i).similarity());
                }
            }
            return 0;
        }
    }

    @Command(name = "pseudo", mixinStandardHelpOptions = true,
            description = "Midterm question 6: train the pseudo-Siamese net (sigmoid branch W1 + ReLU branch W2 -> softmax) to predict a word's "
                    + "most frequent UPOS in EWT from its vector, with both, only W1 and only W2 trained; writes DIR/report.md, "
                    + "steps.csv, updates.png, accuracy.png, run.json and one folder per run.")
    static final class Pseudo implements Callable<Integer> {
        @Option(names = "--vectors", required = true, description = "word vectors (GloVe / word2vec text or binary), lowercase")
        Path vectors;
        @Option(names = "--output", required = true)
        Path output;
        @Option(names = "--treebank", description = "CoNLL-U files giving the tags (default: EWT train from the data root)")
        List<Path> treebanks;
        @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (the seed's update rule), adagrad, rmsprop or adam")
        String optimizer;
        @Option(names = "--lr", defaultValue = "0.5")
        double learningRate;
        @Option(names = "--hidden", defaultValue = "100")
        int hidden;
        @Option(names = "--batch", defaultValue = "64")
        int batch;
        @Option(names = "--epochs", defaultValue = "20")
        int epochs;
        @Option(names = "--min-count", defaultValue = "2", description = "words seen fewer times in the treebank are left out")
        int minCount;
        @Option(names = "--seed", defaultValue = "1234")
        long seed;
        @Option(names = "--threads", defaultValue = "2")
        int threads;

        @Override
        public Integer call() throws Exception {
            List<Path> tb = treebanks != null ? treebanks : List.of(DataRoot.resolve("corpora/ud-english-ewt/en_ewt-ud-train.conllu"));
            for (Path p : tb) if (!Files.exists(p)) throw new IllegalArgumentException(p + ": no such treebank (set " + DataRoot.ENV + " or give --treebank)");
            var options = new PseudoSiameseExperiment.Options(hidden, optimizer, learningRate, batch, epochs, minCount, seed, threads);
            options.updater();
            new PseudoSiameseExperiment(options, System.out).run(WordVectors.read(vectors), tb, output);
            return 0;
        }
    }

    @Command(name = "ceiling", mixinStandardHelpOptions = true,
            description = "References freer than a Siamese map on the same vectors and WordNet pairs: benchmark rho after retrofitting "
                    + "(Faruqui et al. 2015) on every synonym pair, and held-out synonym-vs-antonym AUC of pair classifiers on the same "
                    + "word split as siamese train, over several split seeds; writes DIR/report.md and DIR/run.json.")
    static final class Ceiling implements Callable<Integer> {
        @Option(names = "--vectors", required = true, description = "input word vectors (e.g. input-vectors.txt of a siamese train run)")
        Path vectors;
        @Option(names = "--output", required = true)
        Path output;
        @Option(names = "--config", description = "the Siamese config giving the pair files and split (default conf/siamese-wordnet.yaml)")
        Path config = Path.of("conf/siamese-wordnet.yaml");
        @Option(names = "--set", description = "override one config key (repeatable)")
        List<String> overrides = new java.util.ArrayList<>();
        @Option(names = "--splits", defaultValue = "5", description = "split seeds (seed, seed+1, ...)")
        int splits;
        @Option(names = "--epochs", defaultValue = "30", description = "epochs of each pair classifier")
        int epochs;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(vectors)) throw new IllegalArgumentException(vectors + ": no such vector file");
            if (splits < 1) throw new IllegalArgumentException("--splits: expected >= 1, got " + splits);
            if (epochs < 1) throw new IllegalArgumentException("--epochs: expected >= 1, got " + epochs);
            SiameseConfig c = edu.cs224n.config.Configs.load(config, overrides, SiameseConfig.defaults(), SiameseConfig.class);
            var d = edu.cs224n.siamese.SiameseCeiling.Options.defaults();
            var o = new edu.cs224n.siamese.SiameseCeiling.Options(d.alphas(), d.sweeps(), d.hidden(), splits, epochs, d.learningRate());
            new edu.cs224n.siamese.SiameseCeiling(c, o, System.out).run(vectors, output);
            return 0;
        }
    }
}
