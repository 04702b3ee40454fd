package edu.cs224n.pipeline;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.parser.ParserModel;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.text.EnglishTokenizer;
import edu.cs224n.train.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Raw text to trees: {@link EnglishTokenizer} -> {@link TaggerModel} (UPOS, XPOS) -> {@link ParserModel} (HEAD,
 * DEPREL). One file holds the whole pipeline: {@code pipeline.yaml} (the tokenizer and where the models came from),
 * {@code tagger.zip} and {@code parser.zip} (the two model files as they were written).
 */
public final class Pipeline {
    static final String SETTINGS = "pipeline.yaml", TAGGER = "tagger.zip", PARSER = "parser.zip";
    public static final String TOKENIZER = "english-ewt-rules-1";

    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final TaggerModel tagger;
    private final ParserModel parser;

    public Pipeline(TaggerModel tagger, ParserModel parser) {
        this.tagger = tagger;
        this.parser = parser;
    }

    public TaggerModel tagger() { return tagger; }

    public ParserModel parser() { return parser; }

    /** Writes a pipeline file from a tagger and a parser model file (copied in unchanged). */
    public static void build(Path taggerFile, Path parserFile, Path target) throws IOException {
        TaggerModel.load(taggerFile); // fail now, not at parse time, if either is not the right kind of model
        ParserModel.load(parserFile);
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(SETTINGS));
            zip.write(("tokenizer: " + TOKENIZER + "\ntagger: " + taggerFile.toAbsolutePath() + "\nparser: " + parserFile.toAbsolutePath() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Map.Entry<String, Path> e : Map.of(TAGGER, taggerFile, PARSER, parserFile).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                Files.copy(e.getValue(), zip);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    public static Pipeline load(Path file) throws IOException {
        Map<String, Path> parts = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("pipeline");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(TAGGER) || e.getName().equals(PARSER)) {
                    Path p = dir.resolve(e.getName());
                    Files.copy(zip, p);
                    parts.put(e.getName(), p);
                } else if (e.getName().equals(SETTINGS)) {
                    String settings = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    if (!settings.contains("tokenizer: " + TOKENIZER)) {
                        throw new IllegalArgumentException(file + ": written for another tokenizer (expected " + TOKENIZER + ")");
                    }
                }
            }
            if (!parts.containsKey(TAGGER) || !parts.containsKey(PARSER)) {
                throw new IllegalArgumentException(file + ": not a pipeline file (needs " + TAGGER + " and " + PARSER + "; build one with `pipeline build`)");
            }
            return new Pipeline(TaggerModel.load(parts.get(TAGGER)), ParserModel.load(parts.get(PARSER)));
        } finally {
            for (Path p : parts.values()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        }
    }

    /** Raw text -> untagged sentences: {@code # sent_id}, {@code # text}, forms, SpaceAfter=No where the text has no space. */
    public List<Sentence> tokenize(String text, String source) {
        return sentences(tokenizer.tokenize(text), text, source);
    }

    /** Tokenizer output (its spans index {@code text}) as untagged sentences. */
    public static List<Sentence> sentences(List<EnglishTokenizer.TokenizedSentence> split, String text, String source) {
        List<Sentence> out = new ArrayList<>();
        int n = 0;
        for (EnglishTokenizer.TokenizedSentence s : split) {
            List<Token> tokens = new ArrayList<>();
            List<EnglishTokenizer.Word> words = s.words();
            for (int i = 0; i < words.size(); i++) {
                EnglishTokenizer.Word w = words.get(i);
                boolean spaceAfter = i + 1 == words.size() || words.get(i + 1).start() > w.end();
                tokens.add(new Token(i + 1, w.form(), "_", "_", "_", "_", "_", "_", "_", spaceAfter ? "_" : "SpaceAfter=No", 0));
            }
            String sentenceText = s.text(text).replaceAll("\\s+", " ");
            out.add(new Sentence(source, 0, List.of("# sent_id = " + (++n), "# text = " + sentenceText), tokens, List.of()));
        }
        return out;
    }

    /** Replaces UPOS and XPOS with the tagger's predictions. */
    public List<Sentence> tag(List<Sentence> sentences) {
        return tagger.retag(sentences);
    }

    /** Tags and parses sentences (their gold tags, heads and labels, if any, are ignored). */
    public List<Sentence> tagAndParse(List<Sentence> sentences, int threads) {
        return parser.parse(tag(sentences), parser.config().evalBatchSize(), threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                parser.precompute());
    }

    public List<Sentence> annotate(String text, String source, int threads) {
        return tagAndParse(tokenize(text, source), threads);
    }

}
