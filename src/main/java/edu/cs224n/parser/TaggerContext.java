package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.tagger.TaggerModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Contextual features beside Chen &amp; Manning's ids: a trained tagger's BiLSTM states, read at a few configuration
 * positions (as Kiperwasser &amp; Goldberg 2016 read theirs at s1..s3 and b1). A 1-best tag is all or nothing; the state
 * the tag was read from keeps the tagger's doubt and the sentence around the word, which is what a parser fed with
 * predicted tags lacks. The tagger is frozen: its states are computed once per sentence.
 *
 * The tagger's model file travels inside the parser's ({@link #ENTRY}), so a parser file is all a user needs.
 *
 * @param archive the tagger's model file, as bytes
 * @param slots the {@link FeatureTemplate} positions read (0..5: s1, s2, s3, b1, b2, b3)
 */
public record TaggerContext(TaggerModel tagger, byte[] archive, int[] slots) {
    /** The parser model file's entry holding the tagger's model file. */
    public static final String ENTRY = "context-tagger.zip";

    public TaggerContext {
        slots = slots.clone();
        for (int s : slots) {
            if (s < 0 || s >= ParserConfig.CONTEXT_POSITIONS.size()) throw new IllegalArgumentException("context slot " + s + " is not one of " + ParserConfig.CONTEXT_POSITIONS);
        }
    }

    /** The tagger in {@code archive} (a tagger model file's bytes; {@code where} names it in errors) at the config's positions. */
    public static TaggerContext of(byte[] archive, String where, ParserConfig config) throws IOException {
        return new TaggerContext(TaggerModel.load(archive, where), archive, config.contextSlots());
    }

    /** The tagger model file {@code file} at the config's positions. */
    public static TaggerContext load(Path file, ParserConfig config) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("context_tagger: no such tagger model file " + file);
        return of(Files.readAllBytes(file), file.toString(), config);
    }

    /** Floats per word: the top BiLSTM's forward and backward states. */
    public int dim() {
        return 2 * tagger.config().hidden();
    }

    /** Floats per configuration. */
    public int width() {
        return slots.length * dim();
    }

    /** Each sentence's states, row 0 (ROOT) zero and rows 1..n the words, as {@link ParserVocabulary.EncodedSentence} indexes them. */
    public List<float[][]> states(List<Sentence> sentences) {
        List<float[][]> words = tagger.states(sentences);
        List<float[][]> out = new ArrayList<>(words.size());
        for (float[][] w : words) {
            float[][] rows = new float[w.length + 1][];
            rows[0] = new float[dim()];
            System.arraycopy(w, 0, rows, 1, w.length);
            out.add(rows);
        }
        return out;
    }
}
