package edu.cs224n.api;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the API refuses before any model sees it: sentences over a length limit. */
final class Limits {
    private Limits() {}

    /** {@code sentences}, unless one has more than {@code maxWords} words (0: no limit): then a message naming it. */
    static List<Sentence> requireLength(List<Sentence> sentences, int maxWords) {
        if (maxWords <= 0) return sentences;
        for (int k = 0; k < sentences.size(); k++) {
            Sentence s = sentences.get(k);
            if (s.size() <= maxWords) continue;
            String where = s.firstLine() > 0 ? s.source() + ":" + s.firstLine() + ": " : "";
            String start = String.join(" ", s.tokens().subList(0, Math.min(8, s.size())).stream().map(t -> t.form()).toList());
            throw new IllegalArgumentException(where + "sentence " + (k + 1) + " (\"" + start + " ...\") has " + s.size()
                    + " words; the limit is " + maxWords);
        }
        return sentences;
    }

    /** CoNLL text as sentences (no tree required: the columns to predict may be "_"). */
    static List<Sentence> readConll(String conllu, String source) {
        return ConllSequenceRecordReader.read(new ByteArrayInputStream(conllu.getBytes(StandardCharsets.UTF_8)), source, false);
    }
}
