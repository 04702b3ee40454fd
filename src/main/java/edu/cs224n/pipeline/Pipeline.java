package edu.cs224n.pipeline;

import edu.cs224n.util.Threads;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.lemma.LemmatizerModel;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.parser.ParserEnsemble;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.tagger.TaggerEnsemble;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.text.EnglishTokenizer;
import edu.cs224n.io.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw text to trees: {@link EnglishTokenizer} -> {@link TaggerModel} (UPOS, XPOS) -> optionally {@link LemmatizerModel}
 * (LEMMA, from the form and the predicted UPOS) -> {@link ParserModel} (HEAD, DEPREL). One {@link ModelFile} of kind
 * {@code pipeline} holds the whole pipeline: {@code pipeline.yaml} (the tokenizer and where the models came from),
 * {@code tagger.zip}, {@code parser.zip} and {@code lemmatizer.zip} if any (the model files as they were written, nested);
 * ensembles add {@code tagger-2.zip}, ... and {@code parser-2.zip}, ... (see {@link TaggerEnsemble} and {@link ParserEnsemble}).
 */
public final class Pipeline {
    public static final String KIND = "pipeline";
    static final String SETTINGS = "pipeline.yaml", TAGGER = "tagger.zip", PARSER = "parser.zip", LEMMATIZER = "lemmatizer.zip";
    public static final String TOKENIZER = "english-ewt-rules-1";

    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final TaggerEnsemble tagger;
    private final DependencyParser parser;
    private final LemmatizerModel lemmatizer;

    /**
     * @param parser     a transition parser or an ensemble of them ({@link ParserEnsemble}), or a biaffine parser
     * @param lemmatizer null: LEMMA stays as it came ("_" for raw text)
     */
    public Pipeline(TaggerEnsemble tagger, DependencyParser parser, LemmatizerModel lemmatizer) {
        this.tagger = tagger;
        this.parser = parser;
        this.lemmatizer = lemmatizer;
    }

    public TaggerEnsemble tagger() { return tagger; }

    public DependencyParser parser() { return parser; }

    /** The lemmatizer, or null. */
    public LemmatizerModel lemmatizer() { return lemmatizer; }

    /**
     * Writes a pipeline file from one or more tagger and parser model files and optionally a lemmatizer (null: none),
     * carried inside it unchanged.
     */
    public static void build(List<Path> taggerFiles, List<Path> parserFiles, Path lemmatizerFile, Path target) throws IOException {
        for (Path p : taggerFiles) TaggerModel.load(p); // fail now, not at parse time, if a file is not the right kind of model
        if (lemmatizerFile != null) LemmatizerModel.load(lemmatizerFile);
        List<DependencyParser> parsers = new ArrayList<>();
        for (Path p : parserFiles) parsers.add(Parsers.load(p));
        ensemble(parsers);
        ModelFile.Builder file = ModelFile.builder(KIND);
        StringBuilder settings = new StringBuilder("tokenizer: " + TOKENIZER + "\n");
        list("taggers", TAGGER, taggerFiles, settings, file);
        list("parsers", PARSER, parserFiles, settings, file);
        if (lemmatizerFile != null) {
            file.nested(LEMMATIZER, Files.readAllBytes(lemmatizerFile));
            settings.append("lemmatizer: ").append(lemmatizerFile.toAbsolutePath()).append('\n');
        }
        file.text(SETTINGS, settings.toString()).write(target);
    }

    /** One parser as it is; several transition parsers as an ensemble (a biaffine parser decides alone). */
    private static DependencyParser ensemble(List<DependencyParser> parsers) {
        if (parsers.size() == 1) return parsers.get(0) instanceof ParserModel m ? new ParserEnsemble(List.of(m)) : parsers.get(0);
        List<ParserModel> members = new ArrayList<>();
        for (DependencyParser p : parsers) {
            if (!(p instanceof ParserModel m)) throw new IllegalArgumentException("an ensemble is of transition parsers only; a " + p.kind() + " parses alone");
            members.add(m);
        }
        return new ParserEnsemble(members);
    }

    /** Carries {@code files} in the pipeline file (entry(first, i)) and lists where they came from under {@code key} in the settings. */
    private static void list(String key, String first, List<Path> files, StringBuilder settings, ModelFile.Builder file) throws IOException {
        settings.append(key).append(":\n");
        for (int i = 0; i < files.size(); i++) {
            file.nested(entry(first, i), Files.readAllBytes(files.get(i)));
            settings.append("  - ").append(files.get(i).toAbsolutePath()).append('\n');
        }
    }

    /** "parser.zip", "parser-2.zip", ... */
    private static String entry(String first, int i) {
        return i == 0 ? first : first.replace(".zip", "-" + (i + 1) + ".zip");
    }

    public static Pipeline load(Path file) throws IOException {
        ModelFile.Contents c = ModelFile.read(file, KIND, false);
        if (!c.text(SETTINGS).contains("tokenizer: " + TOKENIZER)) {
            throw new IllegalArgumentException(file + ": written for another tokenizer (expected " + TOKENIZER + ")");
        }
        if (c.optionalNested(TAGGER) == null || c.optionalNested(PARSER) == null) {
            throw new IllegalArgumentException(file + ": not a pipeline file (needs " + TAGGER + " and " + PARSER + "; build one with `pipeline build`)");
        }
        List<TaggerModel> taggers = new ArrayList<>();
        for (int i = 0; c.optionalNested(entry(TAGGER, i)) != null; i++) {
            taggers.add(TaggerModel.load(c.optionalNested(entry(TAGGER, i)), file + "!" + entry(TAGGER, i)));
        }
        List<DependencyParser> parsers = new ArrayList<>();
        for (int i = 0; c.optionalNested(entry(PARSER, i)) != null; i++) {
            parsers.add(Parsers.load(c.optionalNested(entry(PARSER, i)), file + "!" + entry(PARSER, i)));
        }
        byte[] lemmatizer = c.optionalNested(LEMMATIZER);
        return new Pipeline(new TaggerEnsemble(taggers), ensemble(parsers),
                lemmatizer == null ? null : LemmatizerModel.from(lemmatizer, file + "!" + LEMMATIZER));
    }

    /** Raw text -> untagged sentences: {@code # sent_id}, {@code # text}, forms, SpaceAfter=No where the text has no space. */
    public List<Sentence> tokenize(String text, String source) {
        return sentences(tokenizer.tokenize(text), text, source);
    }

    /**
     * Tokenizer output (its spans index {@code text}) as untagged sentences. A token the tokenizer split into several
     * words ("don't" -> "do" "n't") gets a multiword-token line ({@code 2-3 don't}) as EWT has them, and then carries
     * the SpaceAfter=No; its words carry none.
     */
    public static List<Sentence> sentences(List<EnglishTokenizer.TokenizedSentence> split, String text, String source) {
        List<Sentence> out = new ArrayList<>();
        int n = 0;
        for (EnglishTokenizer.TokenizedSentence s : split) {
            List<Token> tokens = new ArrayList<>();
            List<Sentence.ExtraLine> multiword = new ArrayList<>();
            List<EnglishTokenizer.Word> words = s.words();
            int tokenStart = 0; // index of the first word of the current token
            for (int i = 0; i < words.size(); i++) {
                EnglishTokenizer.Word w = words.get(i);
                boolean spaceAfter = i + 1 == words.size() || words.get(i + 1).start() > w.end();
                boolean inMultiword = w.joinedToNext() || i > tokenStart;
                String misc = spaceAfter || inMultiword ? "_" : "SpaceAfter=No";
                tokens.add(new Token(i + 1, w.form(), "_", "_", "_", "_", "_", "_", "_", misc, 0));
                if (w.joinedToNext()) continue;
                if (i > tokenStart) {
                    String form = text.substring(words.get(tokenStart).start(), w.end());
                    multiword.add(new Sentence.ExtraLine(tokenStart, String.join("\t", (tokenStart + 1) + "-" + (i + 1), form, "_", "_", "_", "_", "_",
                            "_", "_", spaceAfter ? "_" : "SpaceAfter=No")));
                }
                tokenStart = i + 1;
            }
            String sentenceText = s.text(text).replaceAll("\\s+", " ");
            out.add(new Sentence(source, 0, List.of("# sent_id = " + (++n), "# text = " + sentenceText), tokens, multiword));
        }
        return out;
    }

    /** Replaces UPOS and XPOS with the tagger's predictions, and LEMMA with the lemmatizer's (from them), if there is one. */
    public List<Sentence> tag(List<Sentence> sentences) {
        List<Sentence> tagged = tagger.retag(sentences);
        return lemmatizer == null ? tagged : lemmatizer.fill(tagged);
    }

    /** Parses tagged sentences on {@code threads} threads (0: all cores); their heads and labels, if any, are ignored. */
    public List<Sentence> parse(List<Sentence> tagged, int threads) {
        return parser.parse(tagged, threads);
    }

    /** Tags and parses sentences (their gold tags, heads and labels, if any, are ignored). */
    public List<Sentence> tagAndParse(List<Sentence> sentences, int threads) {
        return parse(tag(sentences), threads);
    }

    public List<Sentence> annotate(String text, String source, int threads) {
        return tagAndParse(tokenize(text, source), threads);
    }

}
