package edu.cs224n.tagger;

import edu.cs224n.data.Characters;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.vectors.PretrainedWords;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tagger's id spaces: lowercased words (rare ones -> unknown), 3-letter suffixes, word shapes ("Xx", "d.d",
 * "x-x": capitalisation, digits and punctuation, which the lowercased word loses), the UPOS and XPOS tag sets, and the
 * characters a character CNN reads ({@code chars}: null for a tagger without one).
 */
public record TaggerVocabulary(Vocabulary words, Vocabulary suffixes, Vocabulary shapes, Vocabulary upos, Vocabulary xpos, Characters chars) {
    static final String PAD = "<pad>", UNK = "<unk>";

    /** @param chars whether the tagger reads the words' characters */
    public static TaggerVocabulary build(List<Sentence> train, int minWordCount, boolean chars) {
        Map<String, Integer> w = new HashMap<>(), suf = new HashMap<>(), sh = new HashMap<>(), u = new HashMap<>(), x = new HashMap<>();
        for (Sentence s : train) {
            for (Token t : s.tokens()) {
                w.merge(word(t.form()), 1, Integer::sum);
                suf.merge(suffix(t.form()), 1, Integer::sum);
                sh.merge(shape(t.form()), 1, Integer::sum);
                u.merge(t.upos(), 1, Integer::sum);
                x.merge(t.xpos(), 1, Integer::sum);
            }
        }
        List<String> reserved = List.of(PAD, UNK);
        return new TaggerVocabulary(Vocabulary.build(reserved, w, minWordCount, UNK), Vocabulary.build(reserved, suf, 2, UNK),
                Vocabulary.build(reserved, sh, 2, UNK), Vocabulary.build(List.of(), u, 1, null), Vocabulary.build(List.of(), x, 1, null),
                chars ? Characters.build(train) : null);
    }

    static String word(String form) {
        return form.toLowerCase(Locale.ROOT).replaceAll("\\d", "0");
    }

    static String suffix(String form) {
        String w = word(form);
        return w.length() <= 3 ? w : w.substring(w.length() - 3);
    }

    /** Upper case -> X, lower -> x, digit -> d, anything else kept; runs collapsed; at most 6 symbols. */
    static String shape(String form) {
        StringBuilder sb = new StringBuilder();
        form.codePoints().forEach(c -> {
            char s = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c < 128 ? (char) c : '*';
            if (sb.length() == 0 || sb.charAt(sb.length() - 1) != s) sb.append(s);
        });
        return sb.length() > 6 ? sb.substring(0, 6) : sb.toString();
    }

    /**
     * One DataVec sequence record per sentence: per token [word id, suffix id, shape id, (pre-trained row,) (the
     * {@link Characters#MAX} character ids, 0 after the word's end,) UPOS id, XPOS id]; a tag unseen in training maps to
     * id 0 (only possible on dev/test, where it simply counts as an error).
     *
     * @param pretrained the fixed pre-trained table's words, or null for a tagger without one
     */
    public List<List<Writable>> record(Sentence s, PretrainedWords pretrained) {
        List<List<Writable>> steps = new ArrayList<>(s.size());
        for (Token t : s.tokens()) {
            List<Writable> step = new ArrayList<>(chars == null ? 6 : 6 + Characters.MAX);
            step.add(new IntWritable(words.id(word(t.form()))));
            step.add(new IntWritable(suffixes.id(suffix(t.form()))));
            step.add(new IntWritable(shapes.id(shape(t.form()))));
            if (pretrained != null) step.add(new IntWritable(pretrained.id(t.form())));
            if (chars != null) {
                int[] c = chars.word(t.form());
                for (int k = 0; k < Characters.MAX; k++) step.add(new IntWritable(k < c.length ? c[k] : 0));
            }
            step.add(new IntWritable(upos.contains(t.upos()) ? upos.id(t.upos()) : 0));
            step.add(new IntWritable(xpos.contains(t.xpos()) ? xpos.id(t.xpos()) : 0));
            steps.add(step);
        }
        return steps;
    }
}
