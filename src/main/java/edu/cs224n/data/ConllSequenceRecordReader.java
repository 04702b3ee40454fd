package edu.cs224n.data;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DataVec's way into CoNLL-X and CoNLL-U: one sentence is one sequence, one word one time step of ten
 * {@link Text} columns. Every part of the program that reads CoNLL goes through this reader; the typed
 * view ({@link #nextSentence()}) keeps what the writable view cannot (comments, multiword and empty-node
 * lines, source lines for error messages).
 */
public class ConllSequenceRecordReader extends BaseRecordReader implements SequenceRecordReader {
    private final boolean requireTree;
    private final List<Sentence> sentences = new ArrayList<>();
    private final List<URI> sentenceUris = new ArrayList<>();
    private int cursor;
    private String streamName = "<stream>";

    /** @param requireTree validate HEAD as a tree (training, evaluation); off for text to be parsed */
    public ConllSequenceRecordReader(boolean requireTree) {
        this.requireTree = requireTree;
    }

    /** Reads and validates a whole file. */
    public static List<Sentence> read(Path file, boolean requireTree) {
        ConllSequenceRecordReader reader = new ConllSequenceRecordReader(requireTree);
        try {
            reader.initialize(new org.datavec.api.split.FileSplit(file.toFile()));
        } catch (IOException | InterruptedException e) {
            throw new InputFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return reader.sentences();
    }

    /** Reads a stream (standard input for {@code parse}); {@code name} appears in error messages. */
    public static List<Sentence> read(InputStream in, String name, boolean requireTree) {
        ConllSequenceRecordReader reader = new ConllSequenceRecordReader(requireTree);
        reader.streamName = name;
        try {
            reader.initialize(new InputStreamInputSplit(in));
        } catch (IOException | InterruptedException e) {
            throw new InputFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        return reader.sentences();
    }

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        sentences.clear();
        sentenceUris.clear();
        cursor = 0;
        if (split instanceof InputStreamInputSplit streamSplit) {
            URI[] locations = split.locations();
            String name = locations.length > 0 ? locations[0].getPath() : streamName;
            parse(streamSplit.getIs(), name, locations.length > 0 ? locations[0] : null);
            return;
        }
        for (URI uri : split.locations()) {
            Path path = Path.of(uri);
            if (!Files.isRegularFile(path)) throw new InputFormatException(path.toString(), 0, "no such file");
            try (InputStream in = Files.newInputStream(path)) {
                parse(in, path.toString(), uri);
            }
        }
    }

    private void parse(InputStream in, String name, URI uri) throws IOException {
        new ConllLineParser(name, requireTree).parse(new Utf8Lines(in), s -> {
            sentences.add(s);
            sentenceUris.add(uri);
        });
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException, InterruptedException {
        initialize(split);
    }

    /** Every sentence read, in order. */
    public List<Sentence> sentences() {
        return List.copyOf(sentences);
    }

    public Sentence nextSentence() {
        return sentences.get(cursor++);
    }

    static List<List<Writable>> toWritables(Sentence s) {
        List<List<Writable>> steps = new ArrayList<>(s.size());
        for (Token t : s.tokens()) {
            List<Writable> step = new ArrayList<>(10);
            for (String c : t.columns()) step.add(new Text(c));
            steps.add(step);
        }
        return steps;
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        Sentence s = nextSentence();
        List<List<Writable>> steps = toWritables(s);
        invokeListeners(steps);
        return steps;
    }

    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) throws IOException {
        List<Sentence> read = read(dataInputStream, uri == null ? "<stream>" : uri.toString(), requireTree);
        if (read.isEmpty()) throw new InputFormatException(String.valueOf(uri), 0, "no sentence in stream");
        return toWritables(read.get(0));
    }

    @Override
    public SequenceRecord nextSequence() {
        int index = cursor;
        URI uri = sentenceUris.get(index);
        return new org.datavec.api.records.impl.SequenceRecord(sequenceRecord(), new RecordMetaDataIndex(index, uri, getClass()));
    }

    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData metaData) {
        int index = (int) ((RecordMetaDataIndex) metaData).getIndex();
        return new org.datavec.api.records.impl.SequenceRecord(toWritables(sentences.get(index)), metaData);
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> metaData) {
        List<SequenceRecord> out = new ArrayList<>(metaData.size());
        for (RecordMetaData m : metaData) out.add(loadSequenceFromMetaData(m));
        return out;
    }

    @Override
    public boolean hasNext() {
        return cursor < sentences.size();
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** A sequence reader yields sentences, not single rows: the per-step methods are not meaningful here. */
    @Override
    public List<Writable> next() {
        throw new IllegalStateException("ConllSequenceRecordReader yields sequences: call sequenceRecord()");
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new IllegalStateException("ConllSequenceRecordReader yields sequences: call sequenceRecord(uri, stream)");
    }

    @Override
    public Record nextRecord() {
        throw new IllegalStateException("ConllSequenceRecordReader yields sequences: call nextSequence()");
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw new IllegalStateException("ConllSequenceRecordReader yields sequences: call loadSequenceFromMetaData()");
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw new IllegalStateException("ConllSequenceRecordReader yields sequences: call loadSequenceFromMetaData()");
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void close() {
        sentences.clear();
        sentenceUris.clear();
    }

    @Override
    public void setConf(Configuration conf) {}

    @Override
    public Configuration getConf() {
        return null;
    }
}
