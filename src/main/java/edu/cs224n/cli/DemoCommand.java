package edu.cs224n.cli;

import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The main job ({@code mvn exec:java}): train the parser on the default config (EWT where it is found,
 * the bundled sample otherwise), print dev/test scores, and parse the assignment's example sentence.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train the parser on the default config (resuming a run left in --output), print scores and parse \"I parsed this sentence correctly\".")
public final class DemoCommand extends CliCommand {
    static final Path EWT = Path.of("conf/parser-ewt.yaml");
    static final Path SAMPLE = Path.of("conf/parser-sample.yaml");
    static final Path EXAMPLE_SENTENCE = Path.of("corpora/sample/example-sentence.conllu");

    /** --config (default: conf/parser-ewt.yaml, or conf/parser-sample.yaml when EWT is absent) and --set. */
    @Mixin
    ConfigOptions config;
    @Option(names = "--output", description = "output directory (default: runs/<config name>)")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path chosen = config.config;
        if (chosen == null) {
            ParserConfig ewt = Configs.load(EWT, List.of(), ParserConfig.class);
            chosen = DataRoot.exists(ewt.train()) ? EWT : SAMPLE;
            if (chosen == SAMPLE) {
                out().println("EWT not found (looked in ./" + ewt.train() + " and " + DataRoot.resolve(ewt.train())
                        + "); training on the bundled sample. Run scripts/fetch-corpora.sh or set " + DataRoot.ENV + ".");
            }
        }
        ParserConfig c = config.load(ParserConfig.class, chosen);
        Path dir = output != null ? output : Path.of("runs", chosen.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        out().println("config: " + chosen + "  output: " + dir);
        ParserTraining.Outcome o = new ParserTraining(c, dir, out()).run(true, System.console() != null);
        List<Sentence> seed = ConllSequenceRecordReader.read(EXAMPLE_SENTENCE, false);
        out().println();
        out().println("\"I parsed this sentence correctly\":");
        out().print(TreeRenderer.render(o.model().parse(seed, 1).get(0)));
        return 0;
    }
}
