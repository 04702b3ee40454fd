package edu.cs224n.cli;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.pipeline.Pipeline;
import edu.cs224n.pipeline.PipelineEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code pipeline build | eval}: tokenizer + tagger + parser as one model file, and its scores on a treebank. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, description = "Raw text to trees: tokenizer, tagger and parser in one file.",
        subcommands = {PipelineCommand.Build.class, PipelineCommand.Eval.class})
public final class PipelineCommand {

    @Command(name = "build", mixinStandardHelpOptions = true, description = "Write one pipeline file from a tagger and a parser model (and a lemmatizer, if given).")
    static final class Build extends CliCommand {
        @Option(names = "--tagger", required = true, description = "tagger model file; repeat it for an ensemble (probabilities averaged)")
        List<Path> taggers;
        @Option(names = "--parser", required = true, description = "parser model file; repeat it for an ensemble (probabilities averaged at each step)")
        List<Path> parsers;
        @Option(names = "--lemmatizer", description = "lemmatizer model file (`lemmatizer train`): the pipeline fills LEMMA from the predicted UPOS")
        Path lemmatizer;
        @Option(names = "--output", required = true)
        Path output;

        @Override
        public Integer call() throws Exception {
            List<Path> files = new java.util.ArrayList<>(taggers);
            files.addAll(parsers);
            if (lemmatizer != null) files.add(lemmatizer);
            for (Path p : files) if (!Files.exists(p)) throw new IllegalArgumentException(p + ": no such model file");
            Pipeline.build(taggers, parsers, lemmatizer, output);
            out().println("pipeline: " + output);
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a pipeline on a UD treebank: gold tokenization with predicted tags (UPOS, XPOS, UAS, LAS), and from "
                    + "the raw '# text' (token, word and sentence F1; UAS/LAS F1 over aligned words).")
    static final class Eval extends CliCommand {
        @Option(names = "--model", required = true, description = "pipeline file (`pipeline build`)")
        Path model;
        @Option(names = "--data", required = true, description = "CoNLL-U treebank with '# text' lines")
        Path data;
        @Option(names = "--threads", description = "parsing threads (default: all cores)")
        int threads;
        @Option(names = "--no-raw", description = "score the gold tokenization only (skip tokenizing the raw text)")
        boolean noRaw;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(data)) throw new IllegalArgumentException(data + ": no such file");
            Pipeline p = Pipeline.load(model);
            List<Sentence> gold = ConllSequenceRecordReader.read(data, true);
            PipelineEvaluation.GoldTokens g = PipelineEvaluation.goldTokenization(p, gold, threads);
            out().printf(Locale.ROOT, "gold tokenization, predicted tags: UPOS=%.2f XPOS=%.2f %s%n", 100 * g.tags().upos(), 100 * g.tags().xpos(),
                    g.scores().summary());
            if (g.lemmas() != null) {
                out().printf(Locale.ROOT, "lemmas from predicted UPOS: LEMMA=%.2f (unseen forms %.2f, %d of %d words)%n", g.lemmas().accuracy(),
                        g.lemmas().unseenAccuracy(), g.lemmas().unseenWords(), g.lemmas().words());
            }
            if (noRaw) return 0;
            PipelineEvaluation.RawText r = PipelineEvaluation.rawText(p, data, threads);
            out().printf(Locale.ROOT, "raw text: tokens %s  words %s  sentences %s  UAS %s  LAS %s%n", r.tokens(), r.words(), r.sentences(),
                    r.uas(), r.las());
            return 0;
        }
    }
}
