package edu.cs224n.pipeline;

import edu.cs224n.biaffine.BiaffineConfig;
import edu.cs224n.biaffine.BiaffineModel;
import edu.cs224n.biaffine.BiaffineTraining;
import edu.cs224n.config.Configs;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserEnsemble;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.train.Trainer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The two parser kinds behind one door: a config file's {@code parser} key says which record it is (the transition
 * parser's {@code ParserConfig} or {@code BiaffineConfig}), a model file's manifest which model it holds.
 */
public final class Parsers {
    private Parsers() {}

    /** Whether a parser config file, with its overrides, is for the biaffine parser ({@code parser: biaffine}). */
    public static boolean isBiaffine(Path config, List<String> overrides) {
        return BiaffineConfig.KIND.equals(Configs.value(config, overrides, "parser"));
    }

    /** Trains the parser a config file describes, of either kind, into {@code outputDir}; returns the best model's file. */
    public static Path train(Path config, List<String> overrides, Path outputDir, PrintWriter log) throws IOException {
        if (isBiaffine(config, overrides)) new BiaffineTraining(Configs.load(config, overrides, BiaffineConfig.class), outputDir, log).run(false, false);
        else new ParserTraining(Configs.load(config, overrides, ParserConfig.class), outputDir, log).run(false, false);
        return outputDir.resolve(Trainer.MODEL);
    }

    public static DependencyParser load(Path file) throws IOException {
        return BiaffineModel.KIND.equals(ModelFile.kind(file)) ? BiaffineModel.load(file) : ParserModel.load(file);
    }

    /**
     * A parser file ready to parse many times: a transition parser with its pre-computed tables built once (as a
     * one-model {@link ParserEnsemble}), not at every call.
     */
    public static DependencyParser loadForParsing(Path file) throws IOException {
        DependencyParser p = load(file);
        return p instanceof ParserModel m ? new ParserEnsemble(List.of(m)) : p;
    }

    /** A parser file's bytes (one carried in a pipeline); {@code where} names it in errors. */
    public static DependencyParser load(byte[] file, String where) throws IOException {
        return BiaffineModel.KIND.equals(ModelFile.kind(file, where)) ? BiaffineModel.load(file, where) : ParserModel.load(file, where);
    }
}
