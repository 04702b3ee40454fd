package edu.cs224n.data;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes sentences back as CoNLL: comments, multiword and empty-node lines and every column as read. */
public final class ConllWriter {
    private ConllWriter() {}

    public static void write(List<Sentence> sentences, Writer out) throws IOException {
        for (Sentence s : sentences) {
            for (String c : s.comments()) out.write(c + "\n");
            int extra = 0;
            List<Sentence.ExtraLine> extras = s.extras();
            for (int i = 0; i < s.size(); i++) {
                while (extra < extras.size() && extras.get(extra).beforeToken() == i) out.write(extras.get(extra++).text() + "\n");
                out.write(String.join("\t", s.tokens().get(i).columns()));
                out.write('\n');
            }
            while (extra < extras.size()) out.write(extras.get(extra++).text() + "\n");
            out.write('\n');
        }
    }
}
