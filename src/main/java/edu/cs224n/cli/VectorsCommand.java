package edu.cs224n.cli;

import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.VectorsConfig;
import edu.cs224n.vectors.WordSimilarity;
import edu.cs224n.vectors.WordVectors;
import edu.cs224n.vectors.Word2VecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** {@code vectors train | eval}: the project's own word vectors with DL4J's Word2Vec, and what they are worth on word similarity. */
@Command(name = "vectors", mixinStandardHelpOptions = true, description = "Word vectors.", subcommands = {VectorsCommand.Train.class, VectorsCommand.Eval.class})
public final class VectorsCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train word2vec (DL4J) on the config's corpora (default conf/vectors.yaml: Brown train and EWT train from the data root); "
                    + "write word2vec text format to --output.")
    static final class Train extends CliCommand {
        @Mixin
        ConfigOptions config;
        @Option(names = "--output", required = true, description = "output vectors file (word2vec text format)")
        Path output;

        @Override
        public Integer call() throws Exception {
            Word2VecTrainer.run(config.load(VectorsConfig.class, Path.of("conf/vectors.yaml")), output, out());
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Spearman's rho (cosine similarity against the human scores) on WordSim-353 (all, similarity, relatedness), MEN and "
                    + "SimLex-999 from the data root, over the pairs whose words have a vector; prints the coverage.")
    static final class Eval extends CliCommand {
        @Option(names = "--vectors", required = true, description = "word vectors (word2vec/GloVe text format)")
        Path vectors;

        @Override
        public Integer call() throws Exception {
            WordVectors read = WordVectors.read(vectors);
            VectorSpace space = new VectorSpace(read);
            out().printf(Locale.ROOT, "%s: %d words, dimension %d%n", vectors, space.size(), read.dim());
            for (WordSimilarity benchmark : WordSimilarity.standard()) {
                out().println(benchmark.evaluate(space, VectorSpace.Metric.COSINE));
            }
            return 0;
        }
    }
}
