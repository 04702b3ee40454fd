package edu.cs224n.text;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a tokenizer against a UD treebank's own tokenization of its raw text: the documents are rebuilt from the
 * {@code # text} lines (sentences of a paragraph joined by a space, paragraphs and documents by a blank line), the
 * gold tokens, words and sentences located in that text as character spans, and precision / recall / F1 computed on
 * exactly matching spans (as the CoNLL 2018 shared task does). Words inside a multi-word token ("didn't" -> did n't)
 * get the spans of their parts when the parts spell the token.
 */
public final class TokenizerEvaluation {
    public record F1(long gold, long predicted, long correct) {
        public double precision() { return predicted == 0 ? 0 : (double) correct / predicted; }

        public double recall() { return gold == 0 ? 0 : (double) correct / gold; }

        public double f1() { return correct == 0 ? 0 : 2 * precision() * recall() / (precision() + recall()); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "P=%.2f R=%.2f F1=%.2f", 100 * precision(), 100 * recall(), 100 * f1());
        }
    }

    /** {@code unalignedWords}: gold words left out because their sentence's '# text' does not contain them. */
    public record Result(F1 tokens, F1 words, F1 sentences, int characters, int unalignedWords) {}

    /** The rebuilt raw text and the gold spans, each span encoded as start * 2^32 + end. */
    public record Gold(String text, Set<Long> tokens, Set<Long> words, Set<Long> sentences, int unalignedWords,
                       Map<Long, Long> heads, Map<Long, String> labels) {}

    public static Result evaluate(Path treebank, EnglishTokenizer tokenizer) {
        Gold gold = gold(ConllSequenceRecordReader.read(treebank, false), treebank);
        Set<Long> tokens = new HashSet<>(), words = new HashSet<>(), sentences = new HashSet<>();
        for (EnglishTokenizer.TokenizedSentence s : tokenizer.tokenize(gold.text())) {
            sentences.add(span(s.start(), s.end()));
            int tokenStart = -1;
            for (EnglishTokenizer.Word w : s.words()) {
                words.add(span(w.start(), w.end()));
                if (tokenStart < 0) tokenStart = w.start();
                if (!w.joinedToNext()) {
                    tokens.add(span(tokenStart, w.end()));
                    tokenStart = -1;
                }
            }
        }
        return new Result(score(gold.tokens(), tokens), score(gold.words(), words), score(gold.sentences(), sentences), gold.text().length(),
                gold.unalignedWords());
    }

    /**
     * The treebank's raw text and gold spans; {@code heads} maps each word's span to its head's span (-1: the root)
     * and {@code labels} to its DEPREL, for attachment scores over aligned words.
     */
    public static Gold gold(List<Sentence> treebank, Path file) {
        StringBuilder text = new StringBuilder();
        int[] unaligned = {0};
        Set<Long> tokens = new HashSet<>(), words = new HashSet<>(), sentences = new HashSet<>();
        Map<Long, Long> heads = new HashMap<>();
        Map<Long, String> labels = new HashMap<>();
        for (Sentence s : treebank) {
            long[] wordSpan = new long[s.size() + 1];
            java.util.Arrays.fill(wordSpan, -1);
            String raw = s.comments().stream().filter(c -> c.startsWith("# text = ")).map(c -> c.substring(9)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + ":" + s.firstLine() + ": sentence without a '# text =' line"));
            boolean newBlock = s.comments().stream().anyMatch(c -> c.startsWith("# newdoc") || c.startsWith("# newpar"));
            if (text.length() > 0) text.append(newBlock ? "\n\n" : " ");
            int base = text.length();
            text.append(raw);
            sentences.add(span(base, base + raw.length()));
            int cursor = 0;
            List<Token> t = s.tokens();
            int i = 0;
            while (i < t.size()) {
                int last = i;
                String surface = t.get(i).form();
                for (Sentence.ExtraLine e : s.extras()) {
                    String[] cols = e.text().split("\t");
                    if (e.beforeToken() == i && cols[0].matches("\\d+-\\d+")) {
                        last = Integer.parseInt(cols[0].substring(cols[0].indexOf('-') + 1)) - 1;
                        surface = cols[1];
                    }
                }
                int at = raw.indexOf(surface, cursor);
                if (at < 0 || !raw.substring(cursor, at).isBlank()) {
                    unaligned[0] += t.size() - i; // the treebank's '# text' and its tokens disagree: leave the rest out
                    break;
                }
                tokens.add(span(base + at, base + at + surface.length()));
                StringBuilder parts = new StringBuilder();
                for (int k = i; k <= last; k++) parts.append(t.get(k).form());
                int wordStart = at;
                for (int k = i; k <= last; k++) {
                    int len = parts.toString().equals(surface) ? t.get(k).form().length() : surface.length();
                    int ws = parts.toString().equals(surface) ? wordStart : at;
                    words.add(span(base + ws, base + ws + len));
                    wordSpan[k + 1] = span(base + ws, base + ws + len);
                    wordStart += t.get(k).form().length();
                }
                cursor = at + surface.length();
                i = last + 1;
            }
            for (int k = 1; k <= s.size(); k++) {
                Token tk = t.get(k - 1);
                if (wordSpan[k] < 0 || tk.head() == Token.NO_HEAD) continue;
                heads.put(wordSpan[k], tk.head() == 0 ? -1L : wordSpan[tk.head()]);
                labels.put(wordSpan[k], tk.deprel());
            }
        }
        return new Gold(text.toString(), tokens, words, sentences, unaligned[0], heads, labels);
    }

    public static F1 score(Set<Long> gold, Set<Long> predicted) {
        long correct = predicted.stream().filter(gold::contains).count();
        return new F1(gold.size(), predicted.size(), correct);
    }

    public static long span(int start, int end) {
        return ((long) start << 32) | end;
    }
}
