package edu.cs224n.data;

import edu.cs224n.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes sentences back as CoNLL: comments, multiword and empty-node lines and every column as read. */
public final class ConllWriter {
    private ConllWriter() {}

    public static void write(List<Sentence> sentences, Writer out) throws IOException {
        for (Sentence s : sentences) {
            for (String c : s.comments()) line(c, out);
            int extra = 0;
            List<Sentence.ExtraLine> extras = s.extras();
            for (int i = 0; i < s.size(); i++) {
                while (extra < extras.size() && extras.get(extra).beforeToken() == i) line(extras.get(extra++).text(), out);
                Token t = s.tokens().get(i);
                out.write(Integer.toString(t.id()));
                column(t.form(), out);
                column(t.lemma(), out);
                column(t.upos(), out);
                column(t.xpos(), out);
                column(t.feats(), out);
                column(t.headColumn(), out);
                column(t.deprel(), out);
                column(t.deps(), out);
                column(t.misc(), out);
                out.write('\n');
            }
            while (extra < extras.size()) line(extras.get(extra++).text(), out);
            out.write('\n');
        }
    }

    private static void line(String text, Writer out) throws IOException {
        out.write(text);
        out.write('\n');
    }

    private static void column(String text, Writer out) throws IOException {
        out.write('\t');
        out.write(text);
    }

    /** Writes a CoNLL file atomically (UTF-8): the whole file or nothing. */
    public static void writeFile(Path target, List<Sentence> sentences) throws IOException {
        AtomicFiles.write(target, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            write(sentences, w);
            w.flush();
        });
    }

    /** The sentences as CoNLL text. */
    public static String toString(List<Sentence> sentences) {
        StringWriter w = new StringWriter();
        try {
            write(sentences, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }
}
