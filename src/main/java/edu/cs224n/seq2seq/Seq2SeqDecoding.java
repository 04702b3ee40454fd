package edu.cs224n.seq2seq;

import edu.cs224n.nn.AttentionDecoderLayer;
import edu.cs224n.nn.AttentionDecoderLayer.Encoded;
import edu.cs224n.nn.AttentionDecoderLayer.State;
import edu.cs224n.nn.AttentionDecoderLayer.Weights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Decoding a trained {@link Seq2SeqNetwork}: the encoder runs once through the graph, then the decoder layer's own
 * {@link AttentionDecoderLayer#step} runs one output symbol at a time, fed its previous choice. Greedy decoding takes
 * the most probable symbol at each step; beam search keeps the {@code width} most probable prefixes (by summed log
 * probability) until the best finished output is better than every live prefix. Not thread-safe (the graph's masks).
 */
public final class Seq2SeqDecoding {
    /** An output: its symbol ids (without EOS), its log probability, and per step the attention over the source (null for the plain model). */
    public record Decoded(int[] ids, double logProb, List<double[]> attention) {}

    private final ComputationGraph net;
    private final Weights weights;
    private final INDArray embedding, outW, outB;

    public Seq2SeqDecoding(ComputationGraph net) {
        this.net = net;
        this.weights = Weights.of(net.getLayer(Seq2SeqNetwork.DECODER).paramTable());
        this.embedding = net.getLayer(Seq2SeqNetwork.PREVIOUS_EMBEDDING).getParam("W");
        this.outW = net.getLayer(Seq2SeqNetwork.OUTPUT).getParam("W");
        this.outB = net.getLayer(Seq2SeqNetwork.OUTPUT).getParam("b");
    }

    /** At most this many output symbols for a source of length n (then the output is cut). */
    public static int maxLength(int n) {
        return 2 * n + 10;
    }

    /** The encoder's states for these sources. */
    public Encoded encode(List<int[]> sources) {
        int mb = sources.size(), t = sources.stream().mapToInt(s -> s.length).max().orElseThrow();
        INDArray[] src = Seq2SeqBatch.sources(sources, t);
        INDArray[] in = {src[0], Nd4j.zeros(DataType.FLOAT, mb, 1, t), src[1].reshape(mb, 1, t)};
        INDArray[] enc = net.output(List.of(Seq2SeqNetwork.FORWARD, Seq2SeqNetwork.BACKWARD), false, in, new INDArray[] {src[1], null, null});
        INDArray h = Nd4j.concat(1, enc[0], enc[1]).permute(0, 2, 1).dup('c');
        return AttentionDecoderLayer.encode(h.castTo(weights.wh().dataType()), src[1].castTo(weights.wh().dataType()), weights);
    }

    /** Whether the network has the per-sequence class output. */
    public boolean hasClasses() {
        return net.getConfiguration().getNetworkOutputs().contains(Seq2SeqNetwork.CLASS);
    }

    /**
     * The most probable class of each source (the network must have the class output), from the encoder alone. Asking
     * the graph for its class output instead ({@code net.output(List.of(CLASS), ...)}) runs, in DL4J M2.1, every vertex
     * before it in topological order, the decoder included: 17 times slower with attention, and its per-step arrays
     * grew the process past 12 GB over the EWT test words.
     */
    public int[] classes(List<int[]> sources) {
        int mb = sources.size(), t = sources.stream().mapToInt(s -> s.length).max().orElseThrow();
        INDArray[] src = Seq2SeqBatch.sources(sources, t);
        INDArray[] in = {src[0], Nd4j.zeros(DataType.FLOAT, mb, 1, t), src[1].reshape(mb, 1, t)};
        INDArray[] enc = net.output(List.of(Seq2SeqNetwork.FORWARD, Seq2SeqNetwork.BACKWARD), false, in, new INDArray[] {src[1], null, null});
        long h = enc[0].size(1);
        // [forward state at the last real position; backward state at the first]: the class head's LastTimeStepVertex inputs
        INDArray finals = Nd4j.create(enc[0].dataType(), mb, 2 * h);
        for (int b = 0; b < mb; b++) {
            finals.get(point(b), interval(0, h)).assign(enc[0].get(point(b), all(), point(sources.get(b).length - 1)));
            finals.get(point(b), interval(h, 2 * h)).assign(enc[1].get(point(b), all(), point(0)));
        }
        var head = net.getLayer(Seq2SeqNetwork.CLASS);
        return finals.mmul(head.getParam("W").castTo(finals.dataType())).addiRowVector(head.getParam("b").castTo(finals.dataType())).argMax(1).toIntVector();
    }

    public List<Decoded> greedy(List<int[]> sources) {
        return greedy(sources, false);
    }

    /** Greedy decoding of a batch; {@code keepAttention} records each step's attention weights. */
    public List<Decoded> greedy(List<int[]> sources, boolean keepAttention) {
        int mb = sources.size();
        Encoded e = encode(sources);
        State state = AttentionDecoderLayer.start(e, weights);
        int[] previous = new int[mb];
        Arrays.fill(previous, Symbols.BOS);
        List<List<Integer>> out = new ArrayList<>();
        List<List<double[]>> attention = new ArrayList<>();
        double[] logProb = new double[mb];
        boolean[] done = new boolean[mb];
        int longest = 0;
        for (int[] s : sources) longest = Math.max(longest, maxLength(s.length));
        for (int b = 0; b < mb; b++) {
            out.add(new ArrayList<>());
            attention.add(new ArrayList<>());
        }
        for (int j = 0; j < longest; j++) {
            AttentionDecoderLayer.Step step = AttentionDecoderLayer.step(e, state, Nd4j.pullRows(embedding, 1, previous), weights);
            INDArray logP = logSoftmax(step.out());
            INDArray best = logP.argMax(1);
            boolean any = false;
            for (int b = 0; b < mb; b++) {
                if (done[b]) continue;
                int id = best.getInt(b);
                logProb[b] += logP.getDouble(b, id);
                if (keepAttention && step.alpha() != null) attention.get(b).add(step.alpha().getRow(b).toDoubleVector());
                if (id == Symbols.EOS || out.get(b).size() >= maxLength(sources.get(b).length)) {
                    done[b] = true;
                } else {
                    out.get(b).add(id);
                    any = true;
                }
                previous[b] = id;
            }
            if (!any) break;
            state = step.state();
        }
        List<Decoded> result = new ArrayList<>(mb);
        for (int b = 0; b < mb; b++) {
            result.add(new Decoded(out.get(b).stream().mapToInt(Integer::intValue).toArray(), logProb[b], keepAttention ? attention.get(b) : null));
        }
        return result;
    }

    private INDArray logSoftmax(INDArray features) {
        INDArray logits = features.mmul(outW).addiRowVector(outB);
        return Transforms.log(Transforms.softmax(logits, false), false);
    }

    private record Hypothesis(List<Integer> ids, double logProb, int row) {}

    /** Beam search for one source; width 1 is greedy decoding. */
    public Decoded beam(int[] source, int width) {
        List<Decoded> found = nBest(source, width);
        return found.isEmpty() ? new Decoded(new int[0], Double.NEGATIVE_INFINITY, null) : found.get(0);
    }

    /**
     * The outputs beam search finished on its way, most probable first (the first is {@link #beam}'s): at most
     * {@code width} per step, so a reranker (a lexicon) can pick among the model's near misses. Empty when none finished.
     */
    public List<Decoded> nBest(int[] source, int width) {
        if (width < 1) throw new IllegalArgumentException("beam width: expected >= 1, got " + width);
        Encoded one = encode(List.of(source));
        int max = maxLength(source.length);
        List<Hypothesis> live = List.of(new Hypothesis(List.of(), 0, 0));
        State state = AttentionDecoderLayer.start(one, weights);
        List<Decoded> found = new ArrayList<>();
        for (int j = 0; j <= max && !live.isEmpty(); j++) {
            int[] rows = new int[live.size()], previous = new int[live.size()];
            for (int k = 0; k < rows.length; k++) {
                Hypothesis h = live.get(k);
                rows[k] = h.row();
                previous[k] = h.ids().isEmpty() ? Symbols.BOS : h.ids().get(h.ids().size() - 1);
            }
            State st = state.rows(rows);
            AttentionDecoderLayer.Step step = AttentionDecoderLayer.step(one.rows(new int[rows.length]), st, Nd4j.pullRows(embedding, 1, previous), weights);
            INDArray logP = logSoftmax(step.out());
            List<Hypothesis> candidates = new ArrayList<>();
            for (int k = 0; k < rows.length; k++) {
                double[] lp = logP.getRow(k).toDoubleVector();
                Integer[] order = new Integer[lp.length];
                for (int v = 0; v < lp.length; v++) order[v] = v;
                Arrays.sort(order, Comparator.comparingDouble((Integer v) -> -lp[v]).thenComparingInt(v -> v));
                for (int r = 0; r < Math.min(width, order.length); r++) {
                    List<Integer> ids = new ArrayList<>(live.get(k).ids());
                    ids.add(order[r]);
                    candidates.add(new Hypothesis(ids, live.get(k).logProb() + lp[order[r]], k));
                }
            }
            candidates.sort(Comparator.comparingDouble((Hypothesis h) -> -h.logProb()));
            List<Hypothesis> next = new ArrayList<>();
            for (Hypothesis c : candidates) {
                if (next.size() >= width) break;
                boolean ends = c.ids().get(c.ids().size() - 1) == Symbols.EOS || c.ids().size() > max;
                if (ends) {
                    int[] ids = c.ids().subList(0, c.ids().size() - 1).stream().mapToInt(Integer::intValue).toArray();
                    found.add(new Decoded(ids, c.logProb(), null));
                    if (width == 1) break;
                } else {
                    next.add(c);
                }
            }
            // Log probabilities only fall: a live prefix worse than the width-th best finished output can never enter the
            // n-best (nor, worse than the best, change the best: beam's output is the same as when it stopped there).
            double bar = found.size() < width ? Double.NEGATIVE_INFINITY
                    : found.stream().mapToDouble(Decoded::logProb).sorted().skip(found.size() - width).findFirst().orElseThrow();
            live = next.stream().filter(h -> h.logProb() > bar).toList();
            state = step.state();
        }
        found.sort(Comparator.comparingDouble((Decoded d) -> -d.logProb()));
        return found;
    }
}
