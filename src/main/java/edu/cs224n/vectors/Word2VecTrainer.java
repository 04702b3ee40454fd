package edu.cs224n.vectors;

import edu.cs224n.config.DataRoot;
import edu.cs224n.util.Threads;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The project's own word vectors: DL4J's Word2Vec (skip-gram, negative sampling) over whitespace-tokenised
 * text, one sentence a line; CoNLL files contribute their word forms. Written in word2vec text format.
 */
public final class Word2VecTrainer {
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

    public static Word2Vec train(List<String> sentences, VectorsConfig o) {
        return train(new CollectionSentenceIterator(sentences), o);
    }

    /** Word2vec over a stream of sentences (several passes: the vocabulary, then one per epoch). */
    public static Word2Vec train(org.deeplearning4j.text.sentenceiterator.SentenceIterator sentences, VectorsConfig o) {
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(o.dim()).windowSize(o.window()).minWordFrequency(o.minCount())
                .epochs(o.epochs()).iterations(1).sampling(o.sampling()).seed(o.seed()).negativeSample(5).useHierarchicSoftmax(false)
                .workers(Math.max(1, o.threads()))
                .limitVocabularySize(o.maxWords() > 0 ? o.maxWords() : Integer.MAX_VALUE)
                .iterate(sentences)
                .tokenizerFactory(new DefaultTokenizerFactory())
                // DL4J's parallel vocabulary builder sleeps 1 ms whenever more sentences than cores are queued: on 2 cores
                // that is about 1 ms a line, 23 minutes for Wikipedia's 1.4 million lines. Counting in the reading thread is faster.
                .allowParallelTokenization(false)
                .build();
        w2v.fit();
        return w2v;
    }

    /** {@code vectors train}: word2vec on the config's corpora (found through the data root), written to {@code output} in word2vec text format. */
    public static void run(VectorsConfig config, Path output, PrintWriter out) throws IOException {
        config.validate();
        Threads.set(config.threads());
        List<Path> files = config.corpora().stream().map(c -> DataRoot.require("corpora", c)).toList();
        out.println("word2vec on " + files + " (streamed" + (config.splitPunctuation() ? ", punctuation split off words" : "") + ")");
        long t0 = System.nanoTime();
        Word2Vec w2v = train(new CorpusIterator(files, config.lowercase(), config.splitPunctuation()), config);
        writeText(w2v, output);
        out.printf(Locale.ROOT, "wrote %d vectors of dimension %d to %s in %.1f s%n", w2v.getVocab().numWords(), config.dim(), output, (System.nanoTime() - t0) / 1e9);
    }

    /** The trained vectors, most frequent word first (as word2vec and GloVe write theirs). */
    public static WordVectors vectors(Word2Vec w2v) {
        Map<String, float[]> map = new LinkedHashMap<>();
        List<String> words = new java.util.ArrayList<>(w2v.getVocab().words());
        words.sort(java.util.Comparator.comparingDouble((String w) -> -w2v.getVocab().wordFrequency(w)).thenComparing(w -> w));
        for (String word : words) {
            double[] v = w2v.getWordVector(word);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
            map.put(word, f);
        }
        return new WordVectors(w2v.getLayerSize(), map);
    }

    /** word2vec text format: a "count dim" header, then "word v1 .. vd" per line. */
    public static void writeText(Word2Vec w2v, Path target) throws IOException {
        vectors(w2v).writeText(target);
    }
}
