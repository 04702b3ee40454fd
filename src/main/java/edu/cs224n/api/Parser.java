package edu.cs224n.api;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.InputContract;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.parser.Parsing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dependency parser for pre-tokenised sentences. Loaded from a pipeline file, it tags the words with the pipeline's
 * tagger first; loaded from a parser model file, it parses words that carry their tags ({@link #parseTagged}), and refuses
 * words without the tags it reads rather than parse them badly.
 *
 * <p>Thread-safe: concurrent callers may share one instance; their calls run one at a time, each using every core.
 */
public final class Parser {
    private final Pipeline pipeline;
    private final ParserModel parser;

    private Parser(Pipeline pipeline, ParserModel parser) {
        this.pipeline = pipeline;
        this.parser = parser;
    }

    /** A pipeline file or a parser model file. */
    public static Parser load(Path file) throws IOException {
        if (ModelFile.kind(file).equals(edu.cs224n.pipeline.Pipeline.KIND)) return new Parser(Pipeline.load(file), null);
        return new Parser(null, ParserModel.load(file));
    }

    /** Parses sentences given as words; the words are tagged first (a pipeline) or must not need tags (else refused). */
    public Document parse(List<List<String>> sentences) {
        if (pipeline != null) return pipeline.parse(sentences);
        return parseSentences(untagged(sentences), sentences);
    }

    /** A word with its tags, for a parser model file: {@code form}, {@code upos}, {@code xpos} ("_" where unknown). */
    public record TaggedWord(String form, String upos, String xpos) {}

    /** Parses words with their tags (a pipeline file re-tags them with its own tagger). */
    public Document parseTagged(List<List<TaggedWord>> sentences) {
        List<List<String>> forms = sentences.stream().map(s -> s.stream().map(TaggedWord::form).toList()).toList();
        if (pipeline != null) return pipeline.parse(forms);
        List<Sentence> in = new ArrayList<>();
        for (List<TaggedWord> s : sentences) {
            List<Token> tokens = new ArrayList<>();
            for (TaggedWord w : s) tokens.add(token(tokens.size() + 1, w.form(), w.upos(), w.xpos()));
            in.add(new Sentence("<api>", 0, List.of(), tokens, List.of()));
        }
        return parseSentences(in, forms);
    }

    private synchronized Document parseSentences(List<Sentence> in, List<List<String>> forms) {
        InputContract.check(parser.vocabulary(), in, "input");
        return Document.of(Parsing.parse(parser, in, 0, false), null, forms.stream().map(s -> String.join(" ", s)).toList());
    }

    private static Token token(int id, String form, String upos, String xpos) {
        return new Token(id, form, "_", upos, xpos, "_", "_", "_", "_", "_", 0);
    }

    static List<Sentence> untagged(List<List<String>> sentences) {
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (List<String> words : sentences) {
            if (words.isEmpty()) throw new IllegalArgumentException("sentence " + (out.size() + 1) + " has no words");
            List<Token> tokens = new ArrayList<>();
            for (String w : words) tokens.add(token(tokens.size() + 1, w, "_", "_"));
            out.add(new Sentence("<api>", 0, List.of("# text = " + String.join(" ", words)), tokens, List.of()));
        }
        return out;
    }
}
