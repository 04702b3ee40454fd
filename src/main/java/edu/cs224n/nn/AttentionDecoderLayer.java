package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static edu.cs224n.nn.AdditiveAttention.mm;
import static edu.cs224n.nn.AttentionDecoderParams.*;

/**
 * The computation of {@link AttentionDecoder}: the decoder's steps with teacher forcing, and backprop through time
 * written by hand. The same {@link #encode}, {@link #start} and {@link #step} serve training and decoding
 * (greedy and beam search run them one step at a time). The forward steps are recomputed in backprop from the kept
 * input rather than held across DL4J's workspaces.
 */
public class AttentionDecoderLayer extends BaseLayer<AttentionDecoder> {

    public AttentionDecoderLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The parameters as named matrices (attention's are null in the plain model). */
    public record Weights(INDArray wi, INDArray bi, INDArray wx, INDArray wh, INDArray b, INDArray wa, INDArray ua, INDArray va) {
        public static Weights of(Map<String, INDArray> p) {
            return new Weights(p.get(INIT_W), p.get(INIT_B), p.get(INPUT_W), p.get(RECURRENT_W), p.get(BIAS), p.get(ATT_W), p.get(ATT_U), p.get(ATT_V));
        }

        boolean attends() {
            return wa != null;
        }

        int hidden() {
            return (int) wh.size(0);
        }
    }

    /**
     * The encoder's side, fixed for a whole output sequence: states h [mb, T, enc], mask [mb, T], the attention's keys
     * U_a h_j (null without attention), {@code last} [mb, T] (1 at each row's last real position) and the first state's
     * input u = [h_fwd(last); h_bwd(0)] [mb, enc].
     */
    public record Encoded(INDArray h, INDArray mask, INDArray keys, INDArray last, INDArray u) {
        public long rows() {
            return h.size(0);
        }

        /** These rows (in this order, repeats allowed): for beam search. */
        public Encoded rows(int[] rows) {
            return new Encoded(pick(h, rows), Nd4j.pullRows(mask, 1, rows), keys == null ? null : pick(keys, rows), Nd4j.pullRows(last, 1, rows),
                    Nd4j.pullRows(u, 1, rows));
        }

        private static INDArray pick(INDArray x, int[] rows) {
            INDArray out = Nd4j.create(x.dataType(), rows.length, x.size(1), x.size(2));
            for (int i = 0; i < rows.length; i++) out.slice(i).assign(x.slice(rows[i]));
            return out;
        }
    }

    /** The decoder LSTM's state: output s and cell. */
    public record State(INDArray s, INDArray cell) {
        public State rows(int[] rows) {
            return new State(Nd4j.pullRows(s, 1, rows), Nd4j.pullRows(cell, 1, rows));
        }
    }

    /** One step's values: the new state, the output features out_t [mb, nOut], the attention weights (null without) and what backprop needs. */
    public record Step(State state, INDArray out, INDArray alpha, INDArray in, INDArray gates, INDArray tanhCell, AdditiveAttention.Step attention) {}

    /** The encoder's side from its states h [mb, T, enc] and the input mask [mb, T] (real positions first in each row). */
    public static Encoded encode(INDArray h, INDArray mask, Weights w) {
        long mb = h.size(0), t = h.size(1), enc = h.size(2);
        INDArray next = Nd4j.zeros(mask.dataType(), mb, t);
        if (t > 1) next.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t - 1)).assign(mask.get(NDArrayIndex.all(), NDArrayIndex.interval(1, t)));
        INDArray last = mask.sub(next);
        INDArray lastStates = Nd4j.matmul(last.reshape('c', mb, 1, t), h).reshape('c', mb, enc);
        INDArray firstStates = h.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray u = lastStates.mulRowVector(forwardHalf(enc, h.dataType())).addi(firstStates.mulRowVector(forwardHalf(enc, h.dataType()).rsub(1.0)));
        return new Encoded(h, mask, w.attends() ? AdditiveAttention.keys(h, w.ua()) : null, last, u);
    }

    /** 1 on the forward direction's channels [0, enc/2), 0 on the backward's. */
    private static INDArray forwardHalf(long enc, DataType type) {
        INDArray f = Nd4j.zeros(type, 1, enc);
        f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, enc / 2)).assign(1.0);
        return f;
    }

    public static State start(Encoded e, Weights w) {
        INDArray s0 = Transforms.tanh(mm(e.u(), w.wi(), false, false).addiRowVector(w.bi()), false);
        return new State(s0, Nd4j.zeros(s0.dataType(), s0.size(0), s0.size(1)));
    }

    /** One decoder step from state {@code prev} with y_{t-1}'s embedding {@code y} [mb, emb]. */
    public static Step step(Encoded e, State prev, INDArray y, Weights w) {
        long d = w.hidden();
        AdditiveAttention.Step att = w.attends() ? AdditiveAttention.forward(prev.s(), e.h(), e.keys(), e.mask(), w.wa(), w.va()) : null;
        INDArray in = att == null ? y : Nd4j.hstack(y, att.context());
        INDArray g = mm(in, w.wx(), false, false);
        Gemm.gemm(prev.s(), w.wh(), g, false, false, 1.0, 1.0);
        g.addiRowVector(w.b());
        INDArray ifo = Transforms.sigmoid(g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3 * d)), true);
        INDArray cand = Transforms.tanh(g.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * d, 4 * d)), true);
        INDArray gates = Nd4j.hstack(ifo, cand); // activated i, f, o, g
        INDArray i = gate(gates, 0, d), f = gate(gates, 1, d), o = gate(gates, 2, d);
        INDArray cell = f.mul(prev.cell()).addi(i.mul(cand));
        INDArray tanhCell = Transforms.tanh(cell, true);
        INDArray s = o.mul(tanhCell);
        INDArray out = att == null ? s : Nd4j.hstack(s, att.context());
        return new Step(new State(s, cell), out, att == null ? null : att.alpha(), in, gates, tanhCell, att);
    }

    private static INDArray gate(INDArray gates, int k, long d) {
        return gates.get(NDArrayIndex.all(), NDArrayIndex.interval(k * d, (k + 1) * d));
    }

    // ---- the layer

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    private record Split(INDArray h, INDArray mask, INDArray y) {}

    /** The input [mb, nIn, T] as h [mb, T, enc], mask [mb, T] and y [mb, T, emb]. */
    private Split split() {
        AttentionDecoder c = layerConf();
        if (input.rank() != 3 || input.size(1) != c.getNIn()) {
            throw new IllegalArgumentException(layerId() + ": expected input [minibatch, " + c.getNIn() + ", T], got " + java.util.Arrays.toString(input.shape()));
        }
        INDArray x = input.castTo(dataType).permute(0, 2, 1);
        long enc = c.getEncoderSize();
        return new Split(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, enc)).dup('c'),
                x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(enc)).dup('c'),
                x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(enc + 1, c.getNIn())).dup('c'));
    }

    private List<Step> forward(Split x, Encoded e, Weights w) {
        long t = x.h().size(1);
        List<Step> steps = new ArrayList<>((int) t);
        State state = start(e, w);
        for (long j = 0; j < t; j++) {
            Step s = step(e, state, x.y().get(NDArrayIndex.all(), NDArrayIndex.point(j), NDArrayIndex.all()), w);
            steps.add(s);
            state = s.state();
        }
        return steps;
    }

    /** A training forward pass's values, kept (outside DL4J's workspaces) for the backward pass on the same input. */
    private record Forward(INDArray input, Split x, Encoded e, List<Step> steps) {}

    private Forward kept;

    private Forward forward() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Split x = split();
            Weights w = Weights.of(params);
            Encoded e = encode(x.h(), x.mask(), w);
            return new Forward(input, x, e, forward(x, e, w));
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        Forward f = forward();
        kept = training ? f : null;
        long mb = f.x().h().size(0), t = f.steps().size();
        INDArray out = mgr.create(ArrayType.ACTIVATIONS, input.dataType(), new long[] {mb, layerConf().getNOut(), t}, 'f');
        for (int j = 0; j < t; j++) out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j)).assign(f.steps().get(j).out());
        return out;
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        Forward run = kept != null && kept.input() == input ? kept : forward();
        kept = null;
        Split x = run.x();
        Weights w = Weights.of(params);
        Encoded e = run.e();
        List<Step> steps = run.steps();
        long mb = x.h().size(0), t = steps.size(), d = w.hidden(), enc = x.h().size(2), emb = x.y().size(2);
        INDArray eps = epsilon.castTo(dataType);

        INDArray dWx = Nd4j.zeros(dataType, w.wx().shape()), dWh = Nd4j.zeros(dataType, w.wh().shape()), db = Nd4j.zeros(dataType, w.b().shape());
        INDArray dWa = w.attends() ? Nd4j.zeros(dataType, w.wa().shape()) : null, dva = w.attends() ? Nd4j.zeros(dataType, w.va().shape()) : null;
        INDArray dKeys = w.attends() ? Nd4j.zeros(dataType, e.keys().shape()) : null;
        INDArray dh = Nd4j.zeros(dataType, mb, x.h().size(1), enc), dy = Nd4j.zeros(dataType, mb, t, emb);
        State first = start(e, w);
        INDArray ds = Nd4j.zeros(dataType, mb, d), dCell = Nd4j.zeros(dataType, mb, d);
        for (int j = (int) t - 1; j >= 0; j--) {
            Step s = steps.get(j);
            State prev = j == 0 ? first : steps.get(j - 1).state();
            INDArray dOut = eps.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j));
            ds.addi(dOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)));
            INDArray i = gate(s.gates(), 0, d), f = gate(s.gates(), 1, d), o = gate(s.gates(), 2, d), cand = gate(s.gates(), 3, d);
            dCell.addi(ds.mul(o).muli(s.tanhCell().mul(s.tanhCell()).rsubi(1.0)));
            INDArray dI = dCell.mul(cand).muli(i.mul(i.rsub(1.0)));
            INDArray dF = dCell.mul(prev.cell()).muli(f.mul(f.rsub(1.0)));
            INDArray dO = ds.mul(s.tanhCell()).muli(o.mul(o.rsub(1.0)));
            INDArray dG = dCell.mul(i).muli(cand.mul(cand).rsubi(1.0));
            INDArray dGates = Nd4j.hstack(dI, dF, dO, dG);
            Gemm.gemm(s.in(), dGates, dWx, true, false, 1.0, 1.0);
            Gemm.gemm(prev.s(), dGates, dWh, true, false, 1.0, 1.0);
            db.addi(dGates.sum(true, 0));
            INDArray dIn = mm(dGates, w.wx(), false, true);
            INDArray dsPrev = mm(dGates, w.wh(), false, true);
            dy.get(NDArrayIndex.all(), NDArrayIndex.point(j), NDArrayIndex.all()).assign(dIn.get(NDArrayIndex.all(), NDArrayIndex.interval(0, emb)));
            if (w.attends()) {
                INDArray dContext = dIn.get(NDArrayIndex.all(), NDArrayIndex.interval(emb, emb + enc))
                        .add(dOut.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + enc)));
                AdditiveAttention.Gradients ga = AdditiveAttention.backward(s.attention(), e.h(), dContext, w.wa(), w.va());
                dsPrev.addi(ga.ds());
                dh.addi(ga.dh());
                dKeys.addi(ga.dKeys());
                dWa.addi(ga.dW());
                dva.addi(ga.dv());
            }
            ds = dsPrev;
            dCell = dCell.mul(f);
        }
        // s_0 = tanh(u W_i + b_i), u = [h_fwd(last); h_bwd(0)]
        INDArray dPre = ds.mul(first.s().mul(first.s()).rsubi(1.0));
        INDArray dWi = mm(e.u(), dPre, true, false), dbi = dPre.sum(true, 0);
        INDArray du = mm(dPre, w.wi(), false, true);
        INDArray fwd = forwardHalf(enc, dataType);
        dh.addi(Nd4j.matmul(e.last().reshape('c', mb, x.h().size(1), 1), du.mulRowVector(fwd).reshape('c', mb, 1, enc)));
        dh.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).addi(du.mulRowVector(fwd.rsub(1.0)));
        INDArray dUa = null;
        if (w.attends()) {
            INDArray[] k = AdditiveAttention.keysBackward(e.h(), w.ua(), dKeys);
            dUa = k[0];
            dh.addi(k[1]);
        }

        Gradient ret = new DefaultGradient();
        put(ret, INIT_W, dWi);
        put(ret, INIT_B, dbi);
        put(ret, INPUT_W, dWx);
        put(ret, RECURRENT_W, dWh);
        put(ret, BIAS, db);
        if (w.attends()) {
            put(ret, ATT_W, dWa);
            put(ret, ATT_U, dUa);
            put(ret, ATT_V, dva);
        }
        // epsilon [mb, nIn, T]: dh on the encoder's channels, 0 on the mask channel, dy on the embedding's
        INDArray dx = Nd4j.zeros(dataType, mb, t, layerConf().getNIn());
        dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, enc)).assign(dh);
        dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(enc + 1, enc + 1 + emb)).assign(dy);
        INDArray epsOut = dx.permute(0, 2, 1).castTo(epsilon.dataType());
        return new Pair<>(ret, mgr.dup(ArrayType.ACTIVATION_GRAD, epsOut, 'f'));
    }

    private void put(Gradient g, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value);
        g.gradientForVariable().put(key, view);
    }
}
