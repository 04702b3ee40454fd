package edu.cs224n.cli;

import edu.cs224n.config.ConfigException;
import edu.cs224n.data.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command-line entry point. Commands: {@code demo} (the main job), {@code parser}, {@code tagger}, {@code pipeline},
 * {@code text}, {@code lm}, {@code vectors}, {@code siamese}, {@code experiment}; {@code help} and {@code --help} list them.
 */
@Command(name = "cs224n", mixinStandardHelpOptions = true, version = "cs224n-dl4j 0.1.0",
        description = "Neural NLP models of Stanford CS224n on Deeplearning4j.")
public final class Main {
    /**
     * The commands, by name. Only the one a command line names is built: picocli reads every option of every command
     * class it is given, which took half a second of each start-up when all were registered.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", DemoCommand::new);
        COMMANDS.put("parser", ParserCommand::new);
        COMMANDS.put("lm", LmCommand::new);
        COMMANDS.put("siamese", SiameseCommand::new);
        COMMANDS.put("vectors", VectorsCommand::new);
        COMMANDS.put("experiment", ExperimentCommand::new);
        COMMANDS.put("text", TextCommand::new);
        COMMANDS.put("tagger", TaggerCommand::new);
        COMMANDS.put("lemmatizer", LemmatizerCommand::new);
        COMMANDS.put("pipeline", PipelineCommand::new);
        COMMANDS.put("vae", VaeCommand::new);
        COMMANDS.put("serve", ServeCommand::new);
    }

    /** The standard input of this command line (commands read it through {@link CliCommand#in()}). */
    final InputStream in;

    private Main(InputStream in) {
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line on the process's streams (UTF-8). */
    public static int run(String... args) {
        return run(System.in, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /**
     * Runs a command line reading {@code in} and writing {@code out} and {@code err}; user errors (bad input, bad config,
     * missing files) print one line on {@code err} and give exit code 2.
     */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(in));
        Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) cli.addSubcommand(args[0], named.get());
        else COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get())); // help, usage errors: all of them
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (isUserError(ex)) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static boolean isUserError(Exception e) {
        return e instanceof InputFormatException || e instanceof ConfigException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException;
    }
}
