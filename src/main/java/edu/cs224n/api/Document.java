package edu.cs224n.api;

import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;

import java.util.List;

/** What {@link Pipeline#annotate} and {@link Parser#parse} return: the sentences, and the same as CoNLL-U. */
public final class Document {
    private final List<AnnotatedSentence> sentences;
    private final List<Sentence> conll;

    Document(List<AnnotatedSentence> sentences, List<Sentence> conll) {
        this.sentences = List.copyOf(sentences);
        this.conll = List.copyOf(conll);
    }

    public List<AnnotatedSentence> sentences() {
        return sentences;
    }

    /** CoNLL-U: {@code # sent_id} and {@code # text} lines, predicted UPOS, XPOS, HEAD and DEPREL, multiword-token lines, SpaceAfter=No. */
    public String toConllu() {
        return ConllWriter.toString(conll);
    }

    /**
     * The annotated sentences from the pipeline's CoNLL output; {@code spans[k][i]} = {start, end} of word i of sentence k,
     * and {@code texts}, each sentence's text; both null for pre-tokenised input (no offsets; the words joined by spaces).
     */
    static Document of(List<Sentence> parsed, int[][][] spans, List<String> texts) {
        List<AnnotatedSentence> out = new java.util.ArrayList<>(parsed.size());
        for (int k = 0; k < parsed.size(); k++) {
            Sentence s = parsed.get(k);
            List<Word> words = new java.util.ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                var t = s.tokens().get(i);
                int[] span = spans == null ? null : spans[k][i];
                words.add(new Word(t.id(), t.form(), t.lemma().equals("_") ? null : t.lemma(), t.upos(), t.xpos(), t.head(), t.deprel(),
                        span == null ? -1 : span[0], span == null ? -1 : span[1]));
            }
            out.add(new AnnotatedSentence(texts != null ? texts.get(k) : String.join(" ", words.stream().map(Word::form).toList()), words));
        }
        return new Document(out, parsed);
    }
}
