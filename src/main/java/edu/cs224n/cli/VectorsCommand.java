package edu.cs224n.cli;

import edu.cs224n.config.DataRoot;
import edu.cs224n.vectors.Word2VecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vectors train}: the project's own word vectors with DL4J's Word2Vec. */
@Command(name = "vectors", mixinStandardHelpOptions = true, description = "Word vectors.", subcommands = VectorsCommand.Train.class)
public final class VectorsCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train word2vec (DL4J) on Brown and EWT forms (from the data root) plus any --corpus files; write word2vec text format.")
    static final class Train extends CliCommand {
        @Option(names = "--output", required = true, description = "output vectors file (word2vec text format)")
        Path output;
        @Option(names = "--corpus", description = "extra text (one sentence a line) or CoNLL files (repeatable)")
        List<Path> corpora = new ArrayList<>();
        @Option(names = "--no-default-corpora", description = "use only the --corpus files")
        boolean noDefaults;
        @Option(names = "--dim", defaultValue = "50")
        int dim;
        @Option(names = "--window", defaultValue = "5")
        int window;
        @Option(names = "--min-count", defaultValue = "2")
        int minCount;
        @Option(names = "--epochs", defaultValue = "5")
        int epochs;
        @Option(names = "--sampling", defaultValue = "0", description = "sub-sampling threshold for frequent words (0 = none; e.g. 1e-4)")
        double sampling;
        @Option(names = "--seed", defaultValue = "1234")
        long seed;
        @Option(names = "--lowercase", description = "lowercase all text")
        boolean lowercase;
        @Option(names = "--threads", defaultValue = "2")
        int threads;

        @Override
        public Integer call() throws Exception {
            List<Path> files = new ArrayList<>();
            if (!noDefaults) {
                for (String p : List.of("corpora/brown/brown.train.txt", "corpora/ud-english-ewt/en_ewt-ud-train.conllu")) {
                    if (DataRoot.exists(p)) files.add(DataRoot.resolve(p));
                    else err().println("note: " + p + " not found under the data root; skipped");
                }
            }
            files.addAll(corpora);
            if (files.isEmpty()) throw new IllegalArgumentException("no corpus: give --corpus FILE or set " + DataRoot.ENV);
            List<String> sentences = Word2VecTrainer.sentences(files, lowercase);
            out().println("word2vec on " + sentences.size() + " sentences from " + files);
            long t0 = System.nanoTime();
            var w2v = Word2VecTrainer.train(sentences, new Word2VecTrainer.Options(dim, window, minCount, epochs, sampling, seed, lowercase, threads));
            Word2VecTrainer.writeText(w2v, output);
            out().printf("wrote %d vectors of dimension %d to %s in %.1f s%n", w2v.getVocab().numWords(), dim, output, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
