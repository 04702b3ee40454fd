package edu.cs224n.tagger;

import edu.cs224n.data.Characters;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.TrainableModel;
import edu.cs224n.vectors.PretrainedWords;
import org.datavec.api.records.reader.impl.collection.CollectionSequenceRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderMultiDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A trained tagger: network, vocabularies and config in one model file; tags sentences and scores accuracy. */
public final class TaggerModel implements TrainableModel {
    public static final String KIND = "tagger";
    static final String[] VOCABS = {"vocab/words.txt", "vocab/suffixes.txt", "vocab/shapes.txt", "vocab/upos.txt", "vocab/xpos.txt"};
    static final String CHARS = "vocab/chars.txt";

    /** Predicted tags of one sentence. */
    public record Tags(String[] upos, String[] xpos) {}

    /** Token accuracy in [0, 1]. */
    public record Accuracy(double upos, double xpos, long tokens) {}

    private final ComputationGraph net;
    private final TaggerVocabulary vocab;
    private final TaggerConfig config;
    private final PretrainedWords pretrained;

    /** @param pretrained the fixed pre-trained table's words, or null for a tagger without one */
    public TaggerModel(ComputationGraph net, TaggerVocabulary vocab, PretrainedWords pretrained, TaggerConfig config) {
        List<String> inputs = net.getConfiguration().getNetworkInputs();
        if ((pretrained != null) != inputs.contains(TaggerNetwork.PRETRAINED) || (vocab.chars() != null) != inputs.contains(TaggerNetwork.CHARS)) {
            throw new IllegalArgumentException("tagger: the network's inputs " + inputs + " do not match its pre-trained words ("
                    + (pretrained != null) + ") and characters (" + (vocab.chars() != null) + ")");
        }
        this.net = net;
        this.vocab = vocab;
        this.pretrained = pretrained;
        this.config = config;
    }

    @Override
    public ComputationGraph network() { return net; }

    public TaggerVocabulary vocabulary() { return vocab; }

    @Override
    public TaggerConfig config() { return config; }

    /**
     * Sentences through DataVec into DL4J as one batch: one sequence record per sentence ({@link TaggerVocabulary#record})
     * in a CollectionSequenceRecordReader, batched by RecordReaderMultiDataSetIterator, which pads the batch to its
     * longest sentence and masks the padding (ALIGN_START).
     */
    public MultiDataSet batch(List<Sentence> sentences) {
        List<List<List<org.datavec.api.writable.Writable>>> records = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) records.add(vocab.record(s, pretrained));
        int column = pretrained == null ? 3 : 4;
        RecordReaderMultiDataSetIterator.Builder b = new RecordReaderMultiDataSetIterator.Builder(Math.max(1, sentences.size()))
                .addSequenceReader("s", new CollectionSequenceRecordReader(records));
        for (int i = 0; i < column; i++) b.addInput("s", i, i);
        if (vocab.chars() != null) {
            b.addInput("s", column, column + Characters.MAX - 1); // [mb, MAX, T], as CharCnn reads them
            column += Characters.MAX;
        }
        return b.addOutputOneHot("s", column, vocab.upos().size()).addOutputOneHot("s", column + 1, vocab.xpos().size())
                .sequenceAlignmentMode(RecordReaderMultiDataSetIterator.AlignmentMode.ALIGN_START)
                .build().next();
    }

    /** Per-token tag probabilities of one sentence: {@code upos[t][i]} over {@link TaggerVocabulary#upos()}, likewise xpos. */
    public record Probabilities(float[][] upos, float[][] xpos) {}

    /**
     * The softmax outputs for every sentence (gold tags, if any, are ignored). Sentences are batched with others of their
     * own length: DL4J 1.0.0-M2.1's bidirectional LSTM gives a padded sentence other backward states, masks or not.
     */
    public List<Probabilities> probabilities(List<Sentence> sentences) {
        Probabilities[] out = new Probabilities[sentences.size()];
        for (List<Integer> ids : sameLength(sentences, 64)) {
            List<Sentence> part = new ArrayList<>(ids.size());
            for (int i : ids) part.add(sentences.get(i));
            MultiDataSet ds = batch(part);
            INDArray[] y = net.output(false, ds.getFeatures(), null);
            // One host copy per output and batch, as [batch, time, classes]; sentences are then sliced out in Java.
            long[] shape = y[0].shape();
            int time = (int) shape[2];
            float[] upos = y[0].permute(0, 2, 1).dup('c').data().asFloat(), xpos = y[1].permute(0, 2, 1).dup('c').data().asFloat();
            for (int k = 0; k < ids.size(); k++) {
                int n = part.get(k).size();
                out[ids.get(k)] = new Probabilities(rows(upos, k, n, time, (int) shape[1]), rows(xpos, k, n, time, (int) y[1].shape()[1]));
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** Indices of sentences grouped by length, at most {@code batch} a group. */
    static List<List<Integer>> sameLength(List<Sentence> sentences, int batch) {
        java.util.TreeMap<Integer, List<Integer>> byLength = new java.util.TreeMap<>();
        for (int i = 0; i < sentences.size(); i++) byLength.computeIfAbsent(sentences.get(i).size(), k -> new ArrayList<>()).add(i);
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> same : byLength.values()) {
            for (int from = 0; from < same.size(); from += batch) groups.add(same.subList(from, Math.min(same.size(), from + batch)));
        }
        return groups;
    }

    /**
     * The top bidirectional LSTM's states of every word, {@code [n][2 * hidden]} per sentence (forward and backward
     * concatenated): the contextual word representations a parser can read beside the 1-best tags. DL4J's feedForward
     * ignores feature masks, and padding would then run through the backward LSTM, so sentences are batched with
     * others of their own length and nothing is padded.
     */
    public List<float[][]> states(List<Sentence> sentences) {
        String top = "bilstm" + (config.layers() - 1);
        float[][][] out = new float[sentences.size()][][];
        for (List<Integer> ids : sameLength(sentences, 64)) {
            List<Sentence> part = new ArrayList<>(ids.size());
            for (int i : ids) part.add(sentences.get(i));
            MultiDataSet ds = batch(part);
            INDArray h = net.feedForward(ds.getFeatures(), false).get(top); // [batch, 2 * hidden, time]
            long[] shape = h.shape();
            int width = (int) shape[1], time = (int) shape[2];
            float[] flat = h.permute(0, 2, 1).dup('c').data().asFloat();
            for (int k = 0; k < ids.size(); k++) out[ids.get(k)] = rows(flat, k, part.get(k).size(), time, width);
        }
        return java.util.Arrays.asList(out);
    }

    /** Sentence {@code i}'s first {@code n} rows of a row-major [batch, time, classes] array. */
    private static float[][] rows(float[] flat, int i, int n, int time, int classes) {
        float[][] out = new float[n][];
        for (int t = 0; t < n; t++) {
            int from = (i * time + t) * classes;
            out[t] = java.util.Arrays.copyOfRange(flat, from, from + classes);
        }
        return out;
    }

    /** Tags every sentence (gold tags, if any, are ignored). */
    public List<Tags> tag(List<Sentence> sentences) {
        return best(probabilities(sentences), vocab);
    }

    /** The most probable UPOS and XPOS of every token, named by {@code vocab}. */
    static List<Tags> best(List<Probabilities> probabilities, TaggerVocabulary vocab) {
        List<Tags> out = new ArrayList<>(probabilities.size());
        for (Probabilities p : probabilities) {
            int n = p.upos().length;
            String[] up = new String[n], xp = new String[n];
            for (int t = 0; t < n; t++) {
                up[t] = vocab.upos().get(argMax(p.upos()[t]));
                xp[t] = vocab.xpos().get(argMax(p.xpos()[t]));
            }
            out.add(new Tags(up, xp));
        }
        return out;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /** The sentences with this model's UPOS and XPOS in place of theirs; every other column as it was. */
    public List<Sentence> retag(List<Sentence> sentences) {
        return withTags(sentences, tag(sentences));
    }

    /** The sentences with the given UPOS and XPOS in place of theirs; every other column as it was. */
    public static List<Sentence> withTags(List<Sentence> sentences, List<Tags> tags) {
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            List<Token> tokens = new ArrayList<>(s.size());
            for (int k = 0; k < s.size(); k++) {
                Token t = s.tokens().get(k);
                tokens.add(new Token(t.id(), t.form(), t.lemma(), tags.get(i).upos()[k], tags.get(i).xpos()[k], t.feats(), t.headColumn(),
                        t.deprel(), t.deps(), t.misc(), t.line()));
            }
            out.add(new Sentence(s.source(), s.firstLine(), s.comments(), tokens, s.extras()));
        }
        return out;
    }

    public Accuracy accuracy(List<Sentence> gold) {
        return accuracy(gold, tag(gold));
    }

    public static Accuracy accuracy(List<Sentence> gold, List<Tags> predicted) {
        long n = 0, u = 0, x = 0;
        for (int i = 0; i < gold.size(); i++) {
            List<Token> t = gold.get(i).tokens();
            for (int k = 0; k < t.size(); k++) {
                n++;
                if (t.get(k).upos().equals(predicted.get(i).upos()[k])) u++;
                if (t.get(k).xpos().equals(predicted.get(i).xpos()[k])) x++;
            }
        }
        return new Accuracy((double) u / n, (double) x / n, n);
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        ModelFile.Builder f = ModelFile.builder(KIND).network(net, withUpdater).config(config);
        Vocabulary[] v = {vocab.words(), vocab.suffixes(), vocab.shapes(), vocab.upos(), vocab.xpos()};
        for (int i = 0; i < v.length; i++) f.lines(VOCABS[i], v[i].lines());
        if (vocab.chars() != null) f.lines(CHARS, vocab.chars().ids().lines());
        return pretrained == null ? f : pretrained.writeTo(f);
    }

    public static TaggerModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    /** A tagger from a model file's bytes (one carried inside another model); {@code where} names it in errors. */
    public static TaggerModel load(byte[] modelFile, String where) throws IOException {
        return from(ModelFile.read(modelFile, where, KIND, false));
    }

    public static TaggerModel from(ModelFile.Contents c) {
        TaggerConfig config = c.config(TaggerConfig.class);
        Vocabulary[] v = new Vocabulary[VOCABS.length];
        for (int i = 0; i < v.length; i++) v[i] = Vocabulary.fromLines(c.lines(VOCABS[i]));
        ComputationGraph net = c.requireNetwork();
        PretrainedWords pretrained = config.pretrainedWords() > 0 ? PretrainedWords.readFrom(c, net) : null;
        Characters chars = config.charDim() > 0 ? new Characters(Vocabulary.fromLines(c.lines(CHARS))) : null;
        return new TaggerModel(net, new TaggerVocabulary(v[0], v[1], v[2], v[3], v[4], chars), pretrained, config);
    }
}
