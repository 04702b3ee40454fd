package edu.cs224n.cli;

import edu.cs224n.text.EnglishTokenizer;
import edu.cs224n.text.TokenizerEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code text tokenize} (raw text -> sentences of words) and {@code text eval-tokenizer} (against a UD treebank). */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Sentence splitting and tokenization of raw English text.",
        subcommands = {TextCommand.Tokenize.class, TextCommand.Evaluate.class})
public final class TextCommand {

    @Command(name = "tokenize", mixinStandardHelpOptions = true,
            description = "Split raw UTF-8 text (a file or stdin) into sentences, one per line, words separated by spaces.")
    static final class Tokenize extends CliCommand {
        @Option(names = "--input", description = "input text file (default: stdin)")
        Path input;

        @Override
        public Integer call() throws IOException {
            String text = readText(input);
            for (EnglishTokenizer.TokenizedSentence s : new EnglishTokenizer().tokenize(text)) {
                out().println(String.join(" ", s.words().stream().map(EnglishTokenizer.Word::form).toList()));
            }
            return 0;
        }
    }

    @Command(name = "eval-tokenizer", mixinStandardHelpOptions = true,
            description = "Score the tokenizer against treebanks' own tokenization of their '# text' lines: tokens, words, sentences.")
    static final class Evaluate extends CliCommand {
        @Option(names = "--data", required = true, description = "CoNLL-U files with '# text' lines (repeatable)")
        List<Path> data;

        @Override
        public Integer call() {
            for (Path p : data) {
                if (!Files.exists(p)) throw new IllegalArgumentException(p + ": no such file");
                TokenizerEvaluation.Result r = TokenizerEvaluation.evaluate(p, new EnglishTokenizer());
                out().printf(Locale.ROOT, "%s: tokens %s  words %s  sentences %s  (%d characters; %d gold words not in their '# text', left out)%n",
                        p.getFileName(), r.tokens(), r.words(), r.sentences(), r.characters(), r.unalignedWords());
            }
            return 0;
        }
    }
}
