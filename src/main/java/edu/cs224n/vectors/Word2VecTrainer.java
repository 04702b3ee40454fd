package edu.cs224n.vectors;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.train.AtomicFiles;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's own word vectors: DL4J's Word2Vec (skip-gram, negative sampling) over whitespace-tokenised
 * text, one sentence a line; CoNLL files contribute their word forms. Written in word2vec text format.
 */
public final class Word2VecTrainer {
    public record Options(int dim, int window, int minCount, int epochs, long seed, boolean lowercase, int threads) {}

    private Word2VecTrainer() {}

    /** Sentences from text files (one a line) and CoNLL files (*.conll, *.conllu: forms joined by spaces). */
    public static List<String> sentences(List<Path> files, boolean lowercase) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".conll") || name.endsWith(".conllu")) {
                for (Sentence s : ConllSequenceRecordReader.read(f, false)) out.add(lowercase ? s.text().toLowerCase(Locale.ROOT) : s.text());
            } else {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) out.add(lowercase ? line.trim().toLowerCase(Locale.ROOT) : line.trim());
                }
            }
        }
        return out;
    }

    public static Word2Vec train(List<String> sentences, Options o) {
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(o.dim()).windowSize(o.window()).minWordFrequency(o.minCount())
                .epochs(o.epochs()).iterations(1).seed(o.seed()).negativeSample(5).useHierarchicSoftmax(false)
                .workers(Math.max(1, o.threads()))
                .iterate(new CollectionSentenceIterator(sentences))
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        w2v.fit();
        return w2v;
    }

    /** word2vec text format: a "count dim" header, then "word v1 .. vd" per line. */
    public static void writeText(Word2Vec w2v, Path target) throws IOException {
        var vocab = w2v.getVocab();
        int dim = w2v.getLayerSize();
        AtomicFiles.write(target, raw -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8));
            w.write(vocab.numWords() + " " + dim + "\n");
            for (String word : vocab.words()) {
                double[] v = w2v.getWordVector(word);
                StringBuilder sb = new StringBuilder(word);
                for (double x : v) sb.append(' ').append(String.format(Locale.ROOT, "%.6f", x));
                w.write(sb.append('\n').toString());
            }
            w.flush();
        });
    }
}
