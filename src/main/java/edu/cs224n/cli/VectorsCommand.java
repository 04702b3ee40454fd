package edu.cs224n.cli;

import edu.cs224n.vectors.VectorsConfig;
import edu.cs224n.vectors.Word2VecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code vectors train}: the project's own word vectors with DL4J's Word2Vec. */
@Command(name = "vectors", mixinStandardHelpOptions = true, description = "Word vectors.", subcommands = VectorsCommand.Train.class)
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
}
