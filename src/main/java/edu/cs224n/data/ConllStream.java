package edu.cs224n.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CoNLL read a batch of sentences at a time, for files too large to hold (the same grammar and the same file:line
 * errors as {@link ConllSequenceRecordReader}, which holds a whole file for DataVec's random access).
 */
public final class ConllStream implements Closeable {
    private final Utf8Lines in;
    private final ConllLineParser parser;

    private ConllStream(InputStream in, String name, boolean requireTree) {
        this.in = new Utf8Lines(in);
        this.parser = new ConllLineParser(name, requireTree);
    }

    public static ConllStream open(Path file, boolean requireTree) {
        if (!Files.isRegularFile(file)) throw new InputFormatException(file.toString(), 0, "no such file");
        try {
            return new ConllStream(Files.newInputStream(file), file.toString(), requireTree);
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** A stream (standard input); {@code name} appears in error messages. */
    public static ConllStream of(InputStream in, String name, boolean requireTree) {
        return new ConllStream(in, name, requireTree);
    }

    /** The next sentences, at most {@code max}; empty at the end. */
    public List<Sentence> next(int max) {
        List<Sentence> out = new ArrayList<>(Math.min(max, 4096));
        try {
            for (Sentence s; out.size() < max && (s = parser.next(in)) != null; ) out.add(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
