package edu.cs224n.api;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.pipeline.Parsers;
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
    private final DependencyParser parser;
    private final int threads;

    private Parser(Pipeline pipeline, DependencyParser parser, int threads) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.threads = threads;
    }

    /** A pipeline file or a parser model file (either kind). */
    public static Parser load(Path file) throws IOException {
        return load(file, 0);
    }

    /** {@link #load(Path)}, parsing on {@code threads} threads per call (0: every core). */
    public static Parser load(Path file, int threads) throws IOException {
        if (ModelFile.kind(file).equals(edu.cs224n.pipeline.Pipeline.KIND)) return new Parser(Pipeline.load(file, threads), null, threads);
        return new Parser(null, Parsers.loadForParsing(file), threads);
    }


    /**
     * Parses CoNLL-X or CoNLL-U text as {@code parser parse} does (a pipeline file tags the words first; a parser model
     * file reads the tags in the input and refuses input without the tag columns it reads); malformed input is refused
     * with an {@code InputFormatException} naming {@code source} and the line, a sentence over {@code maxWords} words
     * (0: no limit) with an {@link IllegalArgumentException}.
     */
    public Document parseConllu(String conllu, String source, int maxWords) {
        if (pipeline != null) return pipeline.parseConllu(conllu, source, maxWords);
        return parseSentences(Limits.requireLength(Limits.readConll(conllu, source), maxWords));
    }

    /** Parses sentences given as words; the words are tagged first (a pipeline) or must not need tags (else refused). */
    public Document parse(List<List<String>> sentences) {
        if (pipeline != null) return pipeline.parse(sentences);
        return parseSentences(conll(untagged(sentences)));
    }

    /** A word with its tags, for a parser model file: {@code form}, {@code upos}, {@code xpos} ("_" where unknown). */
    public record TaggedWord(String form, String upos, String xpos) {}

    /** Parses words with their tags (a pipeline file re-tags them with its own tagger). */
    public Document parseTagged(List<List<TaggedWord>> sentences) {
        if (pipeline != null) return pipeline.parse(sentences.stream().map(s -> s.stream().map(TaggedWord::form).toList()).toList());
        return parseSentences(conll(sentences));
    }

    private synchronized Document parseSentences(List<Sentence> in) {
        return Document.of(Parsing.parseInput(parser, in, "input", threads, false).sentences(), null, null);
    }

    /** Words without tags ("_"). */
    static List<List<TaggedWord>> untagged(List<List<String>> sentences) {
        return sentences.stream().map(s -> s.stream().map(w -> new TaggedWord(w, "_", "_")).toList()).toList();
    }

    /** Tagged words as the project's sentences (CoNLL tokens, a {@code # text} line of the words joined by spaces). */
    static List<Sentence> conll(List<List<TaggedWord>> sentences) {
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (List<TaggedWord> words : sentences) {
            if (words.isEmpty()) throw new IllegalArgumentException("sentence " + (out.size() + 1) + " has no words");
            List<Token> tokens = new ArrayList<>();
            for (TaggedWord w : words) tokens.add(new Token(tokens.size() + 1, w.form(), "_", w.upos(), w.xpos(), "_", "_", "_", "_", "_", 0));
            String text = String.join(" ", words.stream().map(TaggedWord::form).toList());
            out.add(new Sentence("<api>", 0, List.of("# text = " + text), tokens, List.of()));
        }
        return out;
    }
}
