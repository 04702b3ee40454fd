package edu.cs224n.api;

import edu.cs224n.data.Sentence;
import edu.cs224n.text.EnglishTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Raw English text to tagged, parsed sentences, as CoreNLP's {@code annotate}: a pipeline file (tokenizer rules, tagger
 * and parser, or their ensembles; {@code pipeline build}) loaded once and used for many texts.
 *
 * <pre>{@code
 * Pipeline nlp = Pipeline.load(Path.of("pipeline.zip"));
 * for (AnnotatedSentence s : nlp.annotate("I parsed this sentence correctly.").sentences())
 *     for (Word w : s.words()) System.out.println(w.form() + " " + w.upos() + " " + w.head() + " " + w.deprel());
 * }</pre>
 *
 * Thread-safe: concurrent callers may share one instance; their calls run one at a time (DL4J networks are not
 * re-entrant), each using every core.
 */
public final class Pipeline {
    private final edu.cs224n.pipeline.Pipeline pipeline;
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final int threads;

    private Pipeline(edu.cs224n.pipeline.Pipeline pipeline, int threads) {
        this.pipeline = pipeline;
        this.threads = threads;
    }

    /** Loads a pipeline file; a file of another kind is refused with a message naming it. */
    public static Pipeline load(Path file) throws IOException {
        return load(file, 0);
    }

    /** {@link #load(Path)}, parsing on {@code threads} threads per call (0: every core). */
    public static Pipeline load(Path file, int threads) throws IOException {
        return new Pipeline(edu.cs224n.pipeline.Pipeline.load(file), threads);
    }

    /** Splits {@code text} into sentences and words, tags and parses them; every word keeps its character offsets in {@code text}. */
    public Document annotate(String text) {
        return annotate(text, 0);
    }

    /**
     * {@link #annotate(String)}, refusing (before any tagging) a sentence of more than {@code maxWords} words
     * (0: no limit) with an {@link IllegalArgumentException} that names it.
     */
    public synchronized Document annotate(String text, int maxWords) {
        List<EnglishTokenizer.TokenizedSentence> split = tokenizer.tokenize(text);
        List<Sentence> sentences = edu.cs224n.pipeline.Pipeline.sentences(split, text, "<text>");
        Limits.requireLength(sentences, maxWords);
        List<Sentence> parsed = pipeline.tagAndParse(sentences, threads);
        int[][][] spans = new int[split.size()][][];
        List<String> texts = new java.util.ArrayList<>(split.size());
        for (int k = 0; k < split.size(); k++) {
            List<EnglishTokenizer.Word> words = split.get(k).words();
            spans[k] = new int[words.size()][];
            for (int i = 0; i < words.size(); i++) spans[k][i] = new int[] {words.get(i).start(), words.get(i).end()};
            texts.add(split.get(k).text(text));
        }
        return Document.of(parsed, spans, texts);
    }

    /**
     * Tags and parses CoNLL-X or CoNLL-U text (its tag, head and label columns are replaced; comments, multiword and
     * empty-node lines kept), as {@code parser parse --model pipeline.zip} does; malformed input is refused with an
     * {@code InputFormatException} naming {@code source} and the line; a sentence over {@code maxWords} words (0: no
     * limit) with an {@link IllegalArgumentException}.
     */
    public synchronized Document parseConllu(String conllu, String source, int maxWords) {
        List<Sentence> in = Limits.requireLength(Limits.readConll(conllu, source), maxWords);
        return Document.of(pipeline.tagAndParse(in, threads), null, null);
    }

    /** Tags and parses pre-tokenised sentences (one list of words each). */
    public synchronized Document parse(List<List<String>> sentences) {
        return Document.of(pipeline.tagAndParse(Parser.conll(Parser.untagged(sentences)), threads), null, null);
    }
}
