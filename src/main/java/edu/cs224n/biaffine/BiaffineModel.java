package edu.cs224n.biaffine;

import edu.cs224n.data.Characters;
import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.nn.BiaffineArcLayer;
import edu.cs224n.nn.BiaffineLabel;
import edu.cs224n.nn.BiaffineLabelLayer;
import edu.cs224n.nn.BiaffineParams;
import edu.cs224n.parser.DependencyParser;
import edu.cs224n.parser.ParserVocabulary;
import edu.cs224n.train.TrainableModel;
import edu.cs224n.util.Threads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained biaffine parser: network, vocabularies and config in one model file (kind {@value #KIND}). Parsing runs
 * the graph up to the MLPs once per batch of similar-length sentences, scores every arc, decodes each sentence's
 * maximum spanning tree ({@link SpanningTree}, so crossing arcs come out when they score best), then labels each word
 * given its decoded head.
 */
public final class BiaffineModel implements TrainableModel, DependencyParser {
    public static final String KIND = "biaffine-parser";

    /** Padded positions parsed together at most (the label scorer holds labels x label_dim floats per position). */
    static final int EVAL_POSITIONS = 6000;

    /** Sentences whose distinct words share one table of first-layer products (see {@link Encoder.FirstLayer}; tens of MB). */
    static final int FIRST_LAYER_SENTENCES = 4096;

    /**
     * Where a parse's arrays live. REALLOCATE: a batch larger than the size learnt in the first cycles grows the
     * workspace for the next ones; with ND4J's default spill policy (EXTERNAL) every such array stays a fresh allocation
     * each batch, and first touching their pages cost 18% of parsing time.
     */
    private static final WorkspaceConfiguration PARSE_WORKSPACE = WorkspaceConfiguration.builder().initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2).policyLearning(LearningPolicy.OVER_TIME).cyclesBeforeInitialization(2)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private final ComputationGraph net;
    private final ParserVocabulary vocab;
    private final PretrainedWords pretrained;
    private final Characters chars;
    private final BiaffineConfig config;

    /**
     * @param pretrained the fixed pre-trained table's words, or null for a parser without one
     * @param chars the character vocabulary, or null for a parser that reads no characters ({@code char_dim} 0)
     */
    public BiaffineModel(ComputationGraph net, ParserVocabulary vocab, PretrainedWords pretrained, Characters chars, BiaffineConfig config) {
        List<String> inputs = net.getConfiguration().getNetworkInputs();
        if ((chars != null) != inputs.contains(BiaffineNetwork.CHARS) || (pretrained != null) != inputs.contains(BiaffineNetwork.PRETRAINED)) {
            throw new IllegalArgumentException("the network's inputs " + inputs + " do not match the vocabularies given (characters: " + (chars != null)
                    + ", pre-trained words: " + (pretrained != null) + ")");
        }
        this.net = net;
        this.vocab = vocab;
        this.pretrained = pretrained;
        this.chars = chars;
        this.config = config;
    }

    @Override
    public ComputationGraph network() { return net; }

    @Override
    public BiaffineConfig config() { return config; }

    @Override
    public ParserVocabulary vocabulary() { return vocab; }

    @Override
    public String kind() { return KIND; }

    /** This parser parsing {@code size} sentences together. */
    public BiaffineModel withEvalBatchSize(int size) {
        return new BiaffineModel(net, vocab, pretrained, chars, edu.cs224n.config.Configs.with(config, "eval_batch_size", size));
    }

    /** Sentences as examples without gold trees (what parsing reads). */
    List<Batches.Example> examples(List<Sentence> sentences) {
        List<Batches.Example> out = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) out.add(example(s, false));
        return out;
    }

    /** A sentence as an example, with its gold heads and labels when {@code gold}. */
    Batches.Example example(Sentence s, boolean gold) {
        int[][] arcs = gold ? vocab.goldArcs(s) : null;
        return new Batches.Example(vocab.encode(s), chars == null ? null : chars.encode(s), pretrained == null ? null : pretrained.encode(s),
                gold ? arcs[0] : null, gold ? arcs[1] : null);
    }

    /** Parses on ND4J's {@code threads} threads (0 = all cores); gold HEAD/DEPREL, if any, are ignored. */
    @Override
    public List<Sentence> parse(List<Sentence> sentences, int threads) {
        Threads.set(threads);
        return parse(sentences, examples(sentences));
    }

    /** {@link #parse(List, int)} of sentences already turned into examples, on the current thread setting. */
    List<Sentence> parse(List<Sentence> sentences, List<Batches.Example> examples) {
        return parse(sentences, examples, FIRST_LAYER_SENTENCES);
    }

    /** The same with the first layer's products made for {@code tableSentences} sentences at a time. */
    List<Sentence> parse(List<Sentence> sentences, List<Batches.Example> examples, int tableSentences) {
        Encoder encoder = new Encoder(net, config, BiaffineNetwork.tagInputs(vocab), pretrained != null);
        Decoded d = new Decoded(sentences.size());
        List<int[]> batches = Batches.similarLengths(examples, config.evalBatchSize(), EVAL_POSITIONS);
        for (int from = 0; from < batches.size(); ) {
            // The first layer's products of the distinct words of up to tableSentences sentences (whole batches) at a time.
            int to = from, covered = 0;
            while (to < batches.size() && (to == from || covered + batches.get(to).length <= tableSentences)) covered += batches.get(to++).length;
            Encoder.FirstLayer first = encoder.firstLayer(examples, batches.subList(from, to));
            for (int[] batch : batches.subList(from, to)) {
                // Every array of a batch lives in one workspace, reused by the next batch (fresh large arrays cost more than the gemms).
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PARSE_WORKSPACE, "biaffine-parse")) {
                    int t = 0;
                    for (int i : batch) t = Math.max(t, examples.get(i).positions());
                    decode(encoder.mlp(first, examples, batch, t), t, batch, examples, d);
                }
            }
            from = to;
        }
        return d.sentences(sentences, vocab.transitionLabels());
    }

    /**
     * The same through the ComputationGraph itself, one sentence length per batch (the reference the fast path is tested
     * against; padded batches would change the graph's backward LSTM states).
     */
    List<Sentence> parseWithGraph(List<Sentence> sentences) {
        List<Batches.Example> examples = examples(sentences);
        int mlpLayer = mlpLayer();
        Decoded d = new Decoded(sentences.size());
        for (int[] batch : Batches.buckets(examples, config.evalBatchSize(), EVAL_POSITIONS, null)) {
            MultiDataSet ds = Batches.build(examples, batch, vocab.tagSets().size(), null);
            net.setLayerMaskArrays(ds.getFeaturesMaskArrays(), null);
            INDArray mlp = net.feedForward(ds.getFeatures(), mlpLayer, false).get(BiaffineNetwork.MLP); // [B, C, T]
            net.clearLayerMaskArrays();
            decode(mlp.permute(0, 2, 1).dup('c').reshape('c', mlp.size(0) * mlp.size(2), mlp.size(1)), (int) mlp.size(2), batch, examples, d);
        }
        return d.sentences(sentences, vocab.transitionLabels());
    }

    /** Decoded heads and label indices per sentence (index d = word d). */
    private record Decoded(int[][] heads, int[][] labels) {
        Decoded(int size) {
            this(new int[size][], new int[size][]);
        }

        List<Sentence> sentences(List<Sentence> sentences, List<String> names) {
            List<Sentence> out = new ArrayList<>(sentences.size());
            for (int i = 0; i < sentences.size(); i++) {
                int n = sentences.get(i).size();
                String[] l = new String[n];
                for (int w = 1; w <= n; w++) l[w - 1] = names.get(labels[i][w]);
                out.add(sentences.get(i).withPredictions(Arrays.copyOfRange(heads[i], 1, n + 1), l));
            }
            return out;
        }
    }

    /**
     * Arc scores from the MLP output (rows [B * T, C], row b * T + i for position i of sentence b), each sentence's tree,
     * then each word's label given its decoded head.
     */
    private void decode(INDArray rows, int t, int[] batch, List<Batches.Example> examples, Decoded out) {
        float[] s = BiaffineArcLayer.scoresOfRows(rows, batch.length, t,
                param(BiaffineNetwork.ARC, BiaffineParams.BILINEAR), param(BiaffineNetwork.ARC, BiaffineParams.HEAD_BIAS));
        int[] headRow = new int[batch.length * t]; // row b * t + d: its decoded head's row
        java.util.Arrays.fill(headRow, -1);
        for (int b = 0; b < batch.length; b++) {
            int n = examples.get(batch[b]).ids().n();
            int[] h = decode(s, b, t, n);
            out.heads()[batch[b]] = h;
            for (int d = 1; d <= n; d++) headRow[b * t + d] = b * t + h[d];
        }
        BiaffineLabel conf = (BiaffineLabel) net.getLayer(BiaffineNetwork.LABEL).conf().getLayer();
        // an unlabelled parser's second output is no label
        int[] best = BiaffineLabelLayer.bestLabels(rows, headRow, conf, param(BiaffineNetwork.LABEL, BiaffineParams.BILINEAR),
                param(BiaffineNetwork.LABEL, BiaffineParams.LINEAR), param(BiaffineNetwork.LABEL, BiaffineParams.BIAS), vocab.transitionLabels().size());
        for (int b = 0; b < batch.length; b++) {
            int n = examples.get(batch[b]).ids().n();
            int[] l = new int[n + 1];
            for (int d = 1; d <= n; d++) l[d] = best[b * t + d];
            out.labels()[batch[b]] = l;
        }
    }

    /** The MLP layer's position in the graph's layer array (what {@code feedForward(inputs, layerTillIndex, train)} counts in). */
    private int mlpLayer() {
        var layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) if (layers[i].conf().getLayer().getLayerName().equals(BiaffineNetwork.MLP)) return i;
        throw new IllegalStateException("no " + BiaffineNetwork.MLP + " layer in this network");
    }

    private INDArray param(String layer, String key) {
        return net.getLayer(layer).getParam(key);
    }

    /**
     * The tree of sentence b (n words) from the batch's arc scores (row-major [mb, T, T], s[b, h, d]): each word's
     * log-probability over heads 0..n, then the maximum spanning tree with one root child. When every word's best head
     * already makes such a tree, that is the spanning tree and the search is skipped.
     */
    static int[] decode(float[] s, int b, int t, int n) {
        double[][] logp = new double[n + 1][n + 1];
        int[] greedy = new int[n + 1];
        greedy[0] = -1;
        for (int d = 1; d <= n; d++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int h = 0; h <= n; h++) {
                if (h == d) continue;
                double v = s[(b * t + h) * t + d];
                if (v > max) { max = v; greedy[d] = h; }
            }
            double sum = 0;
            for (int h = 0; h <= n; h++) if (h != d) sum += Math.exp(s[(b * t + h) * t + d] - max);
            double logZ = max + Math.log(sum);
            for (int h = 0; h <= n; h++) logp[h][d] = h == d ? Double.NEGATIVE_INFINITY : s[(b * t + h) * t + d] - logZ;
        }
        if (isTreeWithOneRootChild(greedy)) return greedy;
        return SpanningTree.decode(logp);
    }

    static boolean isTreeWithOneRootChild(int[] heads) {
        int n = heads.length - 1, rootChildren = 0;
        int[] state = new int[n + 1]; // 0 unseen, 1 on the current path, 2 reaches ROOT
        for (int d = 1; d <= n; d++) {
            if (heads[d] == 0) rootChildren++;
            int v = d;
            List<Integer> path = new ArrayList<>();
            while (v != 0 && state[v] == 0) {
                state[v] = 1;
                path.add(v);
                v = heads[v];
            }
            if (v != 0 && state[v] == 1) return false;
            for (int p : path) state[p] = 2;
        }
        return rootChildren == 1;
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        ModelFile.Builder f = vocab.writeTo(ModelFile.builder(KIND).network(net, withUpdater).config(config));
        if (chars != null) f.lines("vocab/chars.txt", chars.ids().lines());
        if (pretrained != null) pretrained.writeTo(f);
        return f;
    }

    public static BiaffineModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    /** A parser from a model file's bytes (one carried inside a pipeline); {@code where} names it in errors. */
    public static BiaffineModel load(byte[] modelFile, String where) throws IOException {
        return from(ModelFile.read(modelFile, where, KIND, false));
    }

    public static BiaffineModel from(ModelFile.Contents c) throws IOException {
        BiaffineConfig config = c.config(BiaffineConfig.class);
        Characters chars = config.charDim() > 0 ? new Characters(Vocabulary.fromLines(c.lines("vocab/chars.txt"))) : null;
        ComputationGraph net = c.requireNetwork();
        PretrainedWords pretrained = config.hasPretrained() ? PretrainedWords.readFrom(c, net) : null;
        return new BiaffineModel(net, ParserVocabulary.readFrom(c, config.tagSets(), config.lowercase()), pretrained, chars, config);
    }
}
