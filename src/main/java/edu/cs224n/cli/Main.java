package edu.cs224n.cli;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The command-line entry point: {@code parser}, {@code lm}, {@code vectors} and {@code demo} (the main job). */
@Command(name = "cs224n", mixinStandardHelpOptions = true, version = "cs224n-dl4j 0.1.0",
        description = "Neural NLP models of Stanford CS224n on Deeplearning4j.",
        subcommands = {DemoCommand.class, ParserCommand.class, LmCommand.class, SiameseCommand.class, VectorsCommand.class, ExperimentCommand.class, TextCommand.class, TaggerCommand.class, PipelineCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; user errors (bad input, bad config, missing files) print one line and give exit code 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (isUserError(ex)) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    static boolean isUserError(Exception e) {
        return e instanceof InputFormatException || e instanceof ConfigException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException;
    }
}
