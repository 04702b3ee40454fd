package edu.cs224n.pipeline;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.lemma.LemmaScores;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.tagger.TaggerModel;
import edu.cs224n.text.EnglishTokenizer;
import edu.cs224n.text.TokenizerEvaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline scored two ways on a treebank: with gold tokenization (predicted tags, then parsed: UAS/LAS), and
 * from the raw text rebuilt from its {@code # text} lines (tokenizer F1, then attachment F1 over words whose span
 * matches a gold word: a word counts when its head's span and, for LAS, its label match too).
 */
public final class PipelineEvaluation {
    /** @param lemmas LEMMA from the predicted UPOS against gold (null without a lemmatizer) */
    public record GoldTokens(TaggerModel.Accuracy tags, AttachmentScores scores, LemmaScores lemmas) {}

    public record RawText(TokenizerEvaluation.F1 tokens, TokenizerEvaluation.F1 words, TokenizerEvaluation.F1 sentences,
                          TokenizerEvaluation.F1 uas, TokenizerEvaluation.F1 las) {}

    private PipelineEvaluation() {}

    public static GoldTokens goldTokenization(Pipeline pipeline, List<Sentence> gold, int threads) {
        List<Sentence> tagged = pipeline.tag(gold);
        List<Sentence> parsed = pipeline.parse(tagged, threads);
        List<TaggerModel.Tags> tags = new ArrayList<>();
        for (Sentence s : tagged) {
            tags.add(new TaggerModel.Tags(s.tokens().stream().map(t -> t.upos()).toArray(String[]::new),
                    s.tokens().stream().map(t -> t.xpos()).toArray(String[]::new)));
        }
        LemmaScores lemmas = pipeline.lemmatizer() == null ? null : LemmaScores.compare(gold, tagged, pipeline.lemmatizer().dictionary());
        return new GoldTokens(TaggerModel.accuracy(gold, tags), AttachmentScores.score(gold, parsed), lemmas);
    }

    public static RawText rawText(Pipeline pipeline, Path treebank, int threads) {
        TokenizerEvaluation.Gold gold = TokenizerEvaluation.gold(ConllSequenceRecordReader.read(treebank, false), treebank);
        String text = gold.text();
        List<EnglishTokenizer.TokenizedSentence> split = new EnglishTokenizer().tokenize(text);
        List<Sentence> parsed = pipeline.tagAndParse(Pipeline.sentences(split, text, treebank.toString()), threads);
        Set<Long> tokens = new HashSet<>(), words = new HashSet<>(), sentences = new HashSet<>();
        long correctUas = 0, correctLas = 0, predictedWords = 0;
        for (int i = 0; i < split.size(); i++) {
            EnglishTokenizer.TokenizedSentence s = split.get(i);
            sentences.add(TokenizerEvaluation.span(s.start(), s.end()));
            List<EnglishTokenizer.Word> w = s.words();
            int tokenStart = -1;
            for (int k = 0; k < w.size(); k++) {
                long span = TokenizerEvaluation.span(w.get(k).start(), w.get(k).end());
                words.add(span);
                predictedWords++;
                if (tokenStart < 0) tokenStart = w.get(k).start();
                if (!w.get(k).joinedToNext()) {
                    tokens.add(TokenizerEvaluation.span(tokenStart, w.get(k).end()));
                    tokenStart = -1;
                }
                var token = parsed.get(i).tokens().get(k);
                int head = token.head();
                long headSpan = head == 0 ? -1L : TokenizerEvaluation.span(w.get(head - 1).start(), w.get(head - 1).end());
                Long goldHead = gold.heads().get(span);
                if (goldHead != null && goldHead == headSpan) {
                    correctUas++;
                    if (token.deprel().equals(gold.labels().get(span))) correctLas++;
                }
            }
        }
        long goldWords = gold.heads().size();
        return new RawText(TokenizerEvaluation.score(gold.tokens(), tokens), TokenizerEvaluation.score(gold.words(), words),
                TokenizerEvaluation.score(gold.sentences(), sentences), new TokenizerEvaluation.F1(goldWords, predictedWords, correctUas),
                new TokenizerEvaluation.F1(goldWords, predictedWords, correctLas));
    }
}
