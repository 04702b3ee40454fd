package edu.cs224n.vectors;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;
import org.deeplearning4j.text.sentenceiterator.SentencePreProcessor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Word2vec's sentences streamed from the corpora, one pass per epoch ({@link #reset} reopens the files), so a corpus of
 * tens of millions of words is never held in memory: text files a line each, gzip files read as the stream they are
 * (WikiExtractor's {@code <doc ...>} and {@code </doc>} lines skipped), CoNLL files' word forms a sentence each. With
 * {@code splitPunctuation}, text lines are tokenised first (raw text such as Wikipedia's: "anarchism," becomes
 * "anarchism ,"; inner apostrophes, hyphens and dots stay: "don't", "anti-statism").
 */
public final class CorpusIterator implements SentenceIterator {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.\\-][\\p{L}\\p{N}]+)*|\\S");

    private final List<Path> files;
    private final boolean lowercase;
    private final boolean splitPunctuation;
    private SentencePreProcessor preProcessor;
    private int file = -1;
    private BufferedReader reader;
    private Iterator<Sentence> conll;
    private String next;

    public CorpusIterator(List<Path> files, boolean lowercase, boolean splitPunctuation) {
        this.files = List.copyOf(files);
        this.lowercase = lowercase;
        this.splitPunctuation = splitPunctuation;
        reset();
    }

    /** A raw text line as space-separated tokens. */
    static String tokenise(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 16);
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(line, m.start(), m.end());
        }
        return sb.toString();
    }

    private String advance() {
        try {
            while (true) {
                if (conll != null && conll.hasNext()) return conll.next().text();
                if (reader != null) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        String t = line.strip();
                        if (t.isEmpty() || t.startsWith("<doc ") || t.equals("</doc>")) continue;
                        return splitPunctuation ? tokenise(t) : t;
                    }
                    reader.close();
                    reader = null;
                }
                conll = null;
                if (++file >= files.size()) return null;
                Path f = files.get(file);
                String name = f.getFileName().toString();
                if (name.endsWith(".conll") || name.endsWith(".conllu")) {
                    conll = ConllSequenceRecordReader.read(f, false).iterator();
                } else {
                    InputStream in = Files.newInputStream(f);
                    if (name.endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
                    reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(files.get(Math.max(file, 0)) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String nextSentence() {
        String s = next;
        next = advance();
        if (lowercase) s = s.toLowerCase(Locale.ROOT);
        return preProcessor == null ? s : preProcessor.preProcess(s);
    }

    @Override
    public synchronized boolean hasNext() {
        return next != null;
    }

    @Override
    public synchronized void reset() {
        finish();
        file = -1;
        next = advance();
    }

    @Override
    public synchronized void finish() {
        try {
            if (reader != null) reader.close();
        } catch (IOException ignored) {
            // a reader being closed has nothing left to lose
        }
        reader = null;
        conll = null;
    }

    @Override
    public SentencePreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public void setPreProcessor(SentencePreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }
}
