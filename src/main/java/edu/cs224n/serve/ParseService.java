package edu.cs224n.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.cs224n.api.AnnotatedSentence;
import edu.cs224n.api.Document;
import edu.cs224n.api.Parser;
import edu.cs224n.api.Pipeline;
import edu.cs224n.api.Word;
import edu.cs224n.data.InputFormatException;
import edu.cs224n.io.ModelFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What the server does with one request body, apart from HTTP: the model (a pipeline file, which reads raw text or
 * CoNLL-U, or a parser model file, which reads CoNLL-U with the tags it needs) loaded once and shared; the body checked
 * (UTF-8, not empty, sentence length) and parsed; the answer as CoNLL-U or JSON. Refusals are {@link Refusal}s with
 * the HTTP status and a message naming what was wrong.
 */
public final class ParseService {
    /** What a request refused for its content gets: a status and a message (for malformed CoNLL-U, naming the line). */
    public static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() { return status; }
    }

    /** The body's format: raw text (a pipeline tokenizes it) or CoNLL-X/CoNLL-U. */
    public enum Input { TEXT, CONLLU }

    /** A parsed request: the document, and the answer in the format asked for. */
    public record Answer(Document document, String body, String contentType, int sentences, int words) {}

    public static final String CONLLU_TYPE = "text/x-conllu; charset=utf-8", JSON_TYPE = "application/json; charset=utf-8";
    static final String SOURCE = "request";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String kind;
    private final Pipeline pipeline;
    private final Parser parser;
    private final int maxSentenceWords;

    private ParseService(String kind, Pipeline pipeline, Parser parser, int maxSentenceWords) {
        this.kind = kind;
        this.pipeline = pipeline;
        this.parser = parser;
        this.maxSentenceWords = maxSentenceWords;
    }

    /** Loads {@code model} (a pipeline file or a parser model file of either kind) once, for every request. */
    public static ParseService load(Path model, int threads, int maxSentenceWords) throws IOException {
        String kind = ModelFile.kind(model);
        if (kind.equals(edu.cs224n.pipeline.Pipeline.KIND)) return new ParseService(kind, Pipeline.load(model, threads), null, maxSentenceWords);
        return new ParseService(kind, null, Parser.load(model, threads), maxSentenceWords);
    }

    /** The model file's kind ({@code pipeline}, {@code parser}, {@code biaffine-parser}). */
    public String kind() { return kind; }

    /** Whether the model reads raw text (a pipeline). */
    public boolean readsText() { return pipeline != null; }

    /**
     * Parses one request body. {@code input} null: raw text for a pipeline, CoNLL-U for a parser model (which cannot
     * read raw text: asking it to is refused).
     */
    public Answer parse(byte[] body, Input input, boolean json) {
        String text = decode(body);
        if (text.isBlank()) throw new Refusal(400, "empty request body: send raw text" + (readsText() ? "" : " (with a pipeline model)") + " or CoNLL-U");
        if (input == null) input = readsText() ? Input.TEXT : Input.CONLLU;
        if (input == Input.TEXT && !readsText()) {
            throw new Refusal(400, "this server holds a " + kind + " model, which reads CoNLL-U with tags, not raw text; serve a pipeline file for text");
        }
        Document doc;
        try {
            doc = input == Input.TEXT ? pipeline.annotate(text, maxSentenceWords)
                    : pipeline != null ? pipeline.parseConllu(text, SOURCE, maxSentenceWords) : parser.parseConllu(text, SOURCE, maxSentenceWords);
        } catch (InputFormatException | IllegalArgumentException e) {
            throw new Refusal(400, e.getMessage());
        }
        int words = 0;
        for (AnnotatedSentence s : doc.sentences()) words += s.words().size();
        return new Answer(doc, json ? toJson(doc) : doc.toConllu(), json ? JSON_TYPE : CONLLU_TYPE, doc.sentences().size(), words);
    }

    /** Strict UTF-8: a malformed byte is refused with its offset, not replaced. */
    static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new Refusal(400, String.format("request body is not valid UTF-8: byte 0x%02X at offset %d", body[at] & 0xff, at));
        }
        decoder.flush(out);
        String s = out.flip().toString();
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** {"sentences": [{"text", "words": [{id, form, lemma, upos, xpos, head, deprel, start, end}]}]}; offsets only for raw text. */
    static String toJson(Document doc) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sentences = root.putArray("sentences");
        for (AnnotatedSentence s : doc.sentences()) {
            ObjectNode sn = sentences.addObject();
            sn.put("text", s.text());
            ArrayNode words = sn.putArray("words");
            for (Word w : s.words()) {
                ObjectNode wn = words.addObject();
                wn.put("id", w.index());
                wn.put("form", w.form());
                if (w.lemma() == null) wn.putNull("lemma");
                else wn.put("lemma", w.lemma());
                wn.put("upos", w.upos());
                wn.put("xpos", w.xpos());
                wn.put("head", w.head());
                wn.put("deprel", w.deprel());
                if (w.start() >= 0) {
                    wn.put("start", w.start());
                    wn.put("end", w.end());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message as the body of an error answer: plain text, or {"error": message, "status": code} for JSON clients. */
    static String error(int status, String message, boolean json) {
        if (!json) return message + "\n";
        return json(java.util.Map.of("status", status, "error", message));
    }
}
