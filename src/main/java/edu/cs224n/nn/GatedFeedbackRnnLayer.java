package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static edu.cs224n.nn.GatedFeedbackRnnParams.b;
import static edu.cs224n.nn.GatedFeedbackRnnParams.u;
import static edu.cs224n.nn.GatedFeedbackRnnParams.ug;
import static edu.cs224n.nn.GatedFeedbackRnnParams.v;
import static edu.cs224n.nn.GatedFeedbackRnnParams.w;
import static edu.cs224n.nn.GatedFeedbackRnnParams.wg;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The computation of {@link GatedFeedbackRnn}; layer j's state at t is column block j of {@code states[:, :, t]}.
 * Forward, per step t and layer j (x = h(t, j-1), or the input for j = 0; hp = all layers' states at t-1):
 * a = x W + b; global gates g = sigmoid(x Wg + hp Ug); R = (hp with block i scaled by g_i) U, or hp_j U without gates;
 * tanh unit: h = tanh(a + R); GRU unit: [z|r] = sigmoid(a_zr + hp_j V), c = tanh(a_c + r o R), h = hp_j + z o (c - hp_j).
 * Masked steps output zero. Backward by hand (the CS224n practice midterm section 3 q4): per step from the top layer down,
 * dh -> unit -> da (dW, db, dx) and dR -> dU, and through the gates dg = sum(dR U^T o hp) per block ->
 * dWg, dUg, dx and dhp; what reaches hp is carried to step t-1. The training forward keeps every state, gate and
 * candidate, and the state it started from (the carried TBPTT state), so backprop needs no second forward pass.
 */
public class GatedFeedbackRnnLayer extends HandWrittenRecurrentLayer<GatedFeedbackRnn> {
    /** The key of the carried state (all layers' states side by side) for rnnSetPreviousState / rnnGetPreviousState. */
    public static final String STATE = "h";

    private INDArray startState; // [mb, L*H] of the last training forward pass, or null for zero
    private INDArray inputs;     // x as NCW 'f'
    private INDArray states;     // [mb, L*H, T] 'f'
    private INDArray zs, rs, cs, recs; // GRU units: gates, candidates and recurrent sums, [mb, L*H, T]
    private INDArray gates;      // global gates, [mb, L*L, T]: block j holds g(i->j) for i = 0..L-1
    private INDArray lastState;  // all layers' states after the last step of the last forward pass, detached

    public GatedFeedbackRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int layers() { return layerConf().getLayers(); }

    private long hidden() { return layerConf().getNOut(); }

    private boolean gru() { return layerConf().getUnit() == GatedFeedbackRnn.Unit.GRU; }

    private boolean global() { return layerConf().isGlobalGates(); }

    private INDArray block(INDArray m, long j, long width) {
        return m.get(all(), interval(j * width, (j + 1) * width));
    }

    private INDArray bias(int j) {
        return layerConf().isHasBias() ? getParam(b(j)) : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        return forward(null, training, mgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray out = forward(stateMap.get(STATE), false, mgr);
        stateMap.put(STATE, lastState);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray out = forward(tBpttStateMap.get(STATE), training, mgr);
        if (storeLastForTBPTT) tBpttStateMap.put(STATE, lastState);
        return out;
    }

    private INDArray forward(INDArray prev, boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (input.rank() != 3) throw new IllegalArgumentException(layerId() + ": expected input [minibatch, features, time], got rank " + input.rank());
        int nl = layers();
        int h = (int) hidden();
        if (prev != null && (prev.size(0) != input.size(0) || prev.size(1) != (long) nl * h)) {
            throw new IllegalStateException(layerId() + ": stored state has shape " + java.util.Arrays.toString(prev.shape()) + " but the input minibatch is "
                    + input.size(0) + " (call rnnClearPreviousState between sequences of different batch sizes)");
        }
        applyDropOutIfNecessary(training, mgr);
        DataType dt = getParam(w(0)).dataType();
        INDArray x = ncwF(input.castTo(dt), mgr);
        int mb = (int) x.size(0);
        long steps = x.size(2);
        int g = layerConf().blocks();
        boolean gru = gru(), global = global();
        INDArray st = mgr.createUninitialized(ArrayType.ACTIVATIONS, dt, new long[] {mb, (long) nl * h, steps}, 'f');
        INDArray gateStore = global ? mgr.createUninitialized(ArrayType.ACTIVATIONS, dt, new long[] {mb, (long) nl * nl, steps}, 'f') : null;
        INDArray[] gruStore = gru && training ? new INDArray[4] : null;
        if (gruStore != null) for (int i = 0; i < 4; i++) gruStore[i] = mgr.createUninitialized(ArrayType.ACTIVATIONS, dt, new long[] {mb, (long) nl * h, steps}, 'f');
        INDArray h0;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // detached: a training pass keeps it for backprop, which runs in another workspace scope under TBPTT
            h0 = prev == null ? Nd4j.zeros(dt, mb, (long) nl * h).dup('f') : prev.castTo(dt).dup('f');
        }
        // layer 0's input part a = x W + ... for every step at once: one large product instead of one per step
        INDArray a0 = Nd4j.createUninitialized(dt, new long[] {mb * steps, (long) g * h}, 'f');
        Gemm.gemm(stepRows(x), getParam(w(0)), a0, false, false, 1.0, 0.0);
        INDArray a = nl > 1 ? Nd4j.createUninitialized(dt, new long[] {mb, (long) g * h}, 'f') : null;
        INDArray rec = Nd4j.createUninitialized(dt, new long[] {mb, h}, 'f');
        INDArray scaled = global ? Nd4j.createUninitialized(dt, new long[] {mb, (long) nl * h}, 'f') : null;
        HostMatrix rh = HostMatrix.of(rec), sh = global ? HostMatrix.of(scaled) : null;
        double[][] bias = biases(nl, g * h);
        double[] mask = maskValues(mb, steps);
        double[] mt = new double[mb];
        FloatCell cell = dt == DataType.FLOAT ? new FloatCell(mb, h, gru) : null; // float networks: the vectorised cell
        float[][] bias32 = cell == null ? null : floats(bias);
        float[] mt32 = new float[mb];
        for (long t = 0; t < steps; t++) {
            maskAt(mask, steps, t, mt);
            for (int b = 0; b < mb; b++) mt32[b] = (float) mt[b];
            INDArray hp = t == 0 ? h0 : st.get(all(), all(), point(t - 1));
            INDArray cur = st.get(all(), all(), point(t));
            HostMatrix hph = HostMatrix.of(hp), curh = HostMatrix.of(cur);
            HostMatrix[] store = gruStore == null ? null : new HostMatrix[4];
            if (store != null) for (int i = 0; i < 4; i++) store[i] = HostMatrix.of(gruStore[i].get(all(), all(), point(t)));
            for (int j = 0; j < nl; j++) {
                INDArray in = j == 0 ? x.get(all(), all(), point(t)) : block(cur, j - 1, h);
                INDArray hpj = block(hp, j, h);
                INDArray aj = j == 0 ? step(a0, t, mb) : a;
                if (j > 0) Gemm.gemm(in, getParam(w(j)), aj, false, false, 1.0, 0.0);
                if (global) {
                    INDArray gt = block(gateStore.get(all(), all(), point(t)), j, nl);
                    Gemm.gemm(in, getParam(wg(j)), gt, false, false, 1.0, 0.0);
                    Gemm.gemm(hp, getParam(ug(j)), gt, false, false, 1.0, 1.0);
                    HostMatrix gh = HostMatrix.of(gt);
                    for (int b = 0; b < mb; b++) for (int i = 0; i < nl; i++) gh.set(b, i, HostMatrix.sigmoid(gh.get(b, i)));
                    scale(hph, gh, sh, mb, nl, h);
                    Gemm.gemm(scaled, getParam(u(j)), rec, false, false, 1.0, 0.0);
                } else {
                    Gemm.gemm(hpj, getParam(u(j)), rec, false, false, 1.0, 0.0);
                }
                if (gru) Gemm.gemm(hpj, getParam(v(j)), aj.get(all(), interval(0, 2L * h)), false, false, 1.0, 1.0);
                HostMatrix ah = HostMatrix.of(aj);
                double[] bj = bias[j];
                int off = j * h;
                if (cell != null) {
                    cell.forward(ah, bias32[j], rh, hph, off, mt32, curh, store);
                    continue;
                }
                // k outer, b inner: the per-step matrices are column-major, so the inner loop walks contiguous memory
                for (int k = 0; k < h; k++) {
                    for (int b = 0; b < mb; b++) {
                        double out;
                        if (gru) {
                            double z = HostMatrix.sigmoid(ah.get(b, k) + bj[k]);
                            double r = HostMatrix.sigmoid(ah.get(b, h + k) + bj[h + k]);
                            double rc = rh.get(b, k);
                            double c = HostMatrix.tanh(ah.get(b, 2 * h + k) + bj[2 * h + k] + r * rc);
                            double prevH = hph.get(b, off + k);
                            out = prevH + z * (c - prevH);
                            if (store != null) {
                                store[0].set(b, off + k, z);
                                store[1].set(b, off + k, r);
                                store[2].set(b, off + k, c);
                                store[3].set(b, off + k, rc);
                            }
                        } else {
                            out = HostMatrix.tanh(ah.get(b, k) + bj[k] + rh.get(b, k));
                        }
                        curh.set(b, off + k, out * mt[b]);
                    }
                }
            }
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            lastState = st.get(all(), all(), point(steps - 1)).dup('f');
        }
        if (training) {
            startState = prev == null ? null : h0;
            inputs = x;
            states = st;
            gates = gateStore;
            if (gruStore != null) {
                zs = gruStore[0];
                rs = gruStore[1];
                cs = gruStore[2];
                recs = gruStore[3];
            }
        }
        INDArray top = nl == 1 ? st : mgr.dup(ArrayType.ACTIVATIONS, st.get(all(), interval((long) (nl - 1) * h, (long) nl * h), all()), 'f');
        return permuteIfNWC(top);
    }

    /** Each layer's bias as doubles (zeros without biases). */
    private double[][] biases(int nl, int width) {
        double[][] out = new double[nl][];
        for (int j = 0; j < nl; j++) out[j] = layerConf().isHasBias() ? getParam(b(j)).toDoubleVector() : new double[width];
        return out;
    }

    private static float[][] floats(double[][] v) {
        float[][] out = new float[v.length][];
        for (int j = 0; j < v.length; j++) {
            out[j] = new float[v[j].length];
            for (int i = 0; i < v[j].length; i++) out[j][i] = (float) v[j][i];
        }
        return out;
    }

    /** The mask as [b * T + t] (null without one). */
    private double[] maskValues(int mb, long steps) {
        if (maskArray == null) return null;
        if (maskArray.size(0) != mb || maskArray.length() != mb * steps) {
            throw new IllegalArgumentException(layerId() + ": expected a mask [" + mb + ", " + steps + "], got " + java.util.Arrays.toString(maskArray.shape()));
        }
        return maskArray.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Step t's mask column of a {@link #maskValues} array into {@code out} (all ones without a mask). */
    private static void maskAt(double[] mask, long steps, long t, double[] out) {
        for (int b = 0; b < out.length; b++) out[b] = mask == null ? 1 : mask[(int) (b * steps + t)];
    }

    /** scaled = hp with column block i multiplied by the gate column i. */
    private static void scale(HostMatrix hp, HostMatrix gate, HostMatrix scaled, int mb, int nl, int h) {
        for (int i = 0; i < nl; i++) {
            for (int b = 0; b < mb; b++) {
                double gi = gate.get(b, i);
                for (int k = 0; k < h; k++) scaled.set(b, i * h + k, hp.get(b, i * h + k) * gi);
            }
        }
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int backLength, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (states == null) throw new IllegalStateException(layerId() + ": backprop without a training forward pass");
        int nl = layers();
        int h = (int) hidden();
        int g = layerConf().blocks();
        boolean gru = gru(), global = global();
        INDArray x = inputs;
        INDArray eps = permuteIfNWC(epsilon);
        DataType dt = states.dataType();
        int mb = (int) x.size(0);
        long steps = x.size(2);
        gradientsFlattened.assign(0);
        INDArray epsOut = mgr.create(ArrayType.ACTIVATION_GRAD, dt, x.shape(), 'f'); // zeros: steps before a truncated window get none
        INDArray h0 = startState != null ? startState : Nd4j.zeros(dt, mb, (long) nl * h).dup('f');
        INDArray dNext = Nd4j.zeros(dt, mb, (long) nl * h).dup('f');   // dL/dstates(t) from step t+1
        INDArray dPrev = Nd4j.zeros(dt, mb, (long) nl * h).dup('f');
        INDArray dSt = Nd4j.createUninitialized(dt, new long[] {mb, (long) nl * h}, 'f');
        INDArray da = Nd4j.createUninitialized(dt, new long[] {mb, (long) g * h}, 'f');
        INDArray ds = gru ? Nd4j.createUninitialized(dt, new long[] {mb, h}, 'f') : da;
        INDArray dinTop = Nd4j.createUninitialized(dt, new long[] {mb, h}, 'f');
        INDArray scaled = global ? Nd4j.createUninitialized(dt, new long[] {mb, (long) nl * h}, 'f') : null;
        INDArray dScaled = global ? Nd4j.createUninitialized(dt, new long[] {mb, (long) nl * h}, 'f') : null;
        INDArray dg = global ? Nd4j.createUninitialized(dt, new long[] {mb, nl}, 'f') : null;
        INDArray da0 = Nd4j.create(dt, new long[] {mb * steps, (long) g * h}, 'f'); // layer 0's da for every step (zeros before a truncated window)
        HostMatrix dah = HostMatrix.of(da), dsh = HostMatrix.of(ds), dsth = HostMatrix.of(dSt);
        HostMatrix sh = global ? HostMatrix.of(scaled) : null, dsch = global ? HostMatrix.of(dScaled) : null, dgh = global ? HostMatrix.of(dg) : null;
        double[][] biasGrad = new double[nl][g * h];
        double[] mask = maskValues(mb, steps);
        double[] mt = new double[mb];
        FloatCell cell = dt == DataType.FLOAT ? new FloatCell(mb, h, gru) : null; // float networks: the vectorised cell
        float[] mt32 = new float[mb];
        long end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        for (long t = steps - 1; t >= end; t--) {
            maskAt(mask, steps, t, mt);
            for (int b = 0; b < mb; b++) mt32[b] = (float) mt[b];
            // dSt = what reaches the states at t: from step t+1, and the output gradient into the top layer
            dSt.assign(dNext);
            block(dSt, nl - 1, h).addi(eps.get(all(), all(), point(t)));
            dPrev.assign(0);
            HostMatrix dph = HostMatrix.of(dPrev);
            INDArray hp = t == 0 ? h0 : states.get(all(), all(), point(t - 1));
            INDArray cur = states.get(all(), all(), point(t));
            HostMatrix hph = HostMatrix.of(hp), curh = HostMatrix.of(cur);
            HostMatrix zh = gru ? HostMatrix.of(zs.get(all(), all(), point(t))) : null, rh = gru ? HostMatrix.of(rs.get(all(), all(), point(t))) : null;
            HostMatrix ch = gru ? HostMatrix.of(cs.get(all(), all(), point(t))) : null, rech = gru ? HostMatrix.of(recs.get(all(), all(), point(t))) : null;
            HostMatrix[] stored = gru ? new HostMatrix[] {zh, rh, ch, rech} : null;
            for (int j = nl - 1; j >= 0; j--) {
                INDArray in = j == 0 ? x.get(all(), all(), point(t)) : block(cur, j - 1, h);
                INDArray hpj = block(hp, j, h);
                INDArray daj = j == 0 ? step(da0, t, mb) : da;
                INDArray dsj = gru ? ds : daj;                                 // dR: da itself for the tanh unit
                HostMatrix dahj = j == 0 ? HostMatrix.of(daj) : dah, dshj = gru ? dsh : dahj;
                int off = j * h;
                double[] bg = biasGrad[j];
                if (cell != null) cell.backward(dsth, off, mt32, stored, hph, curh, dahj, dshj, dph, bg);
                else for (int k = 0; k < h; k++) {                             // k outer: contiguous column-major access
                    double sz = 0, sr = 0, sc = 0;
                    for (int b = 0; b < mb; b++) {
                        double dh = dsth.get(b, off + k) * mt[b];
                        if (gru) {
                            double z = zh.get(b, off + k), r = rh.get(b, off + k), c = ch.get(b, off + k), rc = rech.get(b, off + k);
                            double prevH = hph.get(b, off + k);
                            double dac = dh * z * (1 - c * c);                   // through h = hp + z (c - hp), c = tanh(.)
                            double daz = dh * (c - prevH) * z * (1 - z);
                            double dar = dac * rc * r * (1 - r);                 // c = tanh(a_c + r o R)
                            dahj.set(b, k, daz);
                            dahj.set(b, h + k, dar);
                            dahj.set(b, 2 * h + k, dac);
                            dshj.set(b, k, dac * r);                             // dR
                            dph.add(b, off + k, dh * (1 - z));
                            sz += daz;
                            sr += dar;
                            sc += dac;
                        } else {
                            double out = curh.get(b, off + k);
                            double d = dh * (1 - out * out);
                            dahj.set(b, k, d);
                            sz += d;
                        }
                    }
                    bg[k] += sz;
                    if (gru) {
                        bg[h + k] += sr;
                        bg[2 * h + k] += sc;
                    }
                }
                if (gru) {
                    INDArray dzr = daj.get(all(), interval(0, 2L * h));
                    Gemm.gemm(dzr, getParam(v(j)), block(dPrev, j, h), false, true, 1.0, 1.0);
                    Gemm.gemm(hpj, dzr, gradientViews.get(v(j)), true, false, 1.0, 1.0);
                }
                if (j > 0) {                                                   // layer 0's input products are done once, after the loop
                    Gemm.gemm(in, daj, gradientViews.get(w(j)), true, false, 1.0, 1.0);
                    Gemm.gemm(daj, getParam(w(j)), dinTop, false, true, 1.0, 0.0);
                }
                INDArray din = j == 0 ? epsOut.get(all(), all(), point(t)) : dinTop;
                if (global) {
                    HostMatrix gh = HostMatrix.of(block(gates.get(all(), all(), point(t)), j, nl));
                    scale(hph, gh, sh, mb, nl, h);
                    Gemm.gemm(scaled, dsj, gradientViews.get(u(j)), true, false, 1.0, 1.0);
                    Gemm.gemm(dsj, getParam(u(j)), dScaled, false, true, 1.0, 0.0);
                    for (int b = 0; b < mb; b++) {
                        for (int i = 0; i < nl; i++) {
                            double gi = gh.get(b, i), sum = 0;
                            for (int k = 0; k < h; k++) {
                                double d = dsch.get(b, i * h + k);
                                sum += d * hph.get(b, i * h + k);
                                dph.add(b, i * h + k, d * gi);
                            }
                            dgh.set(b, i, sum * gi * (1 - gi));                  // through the gate's sigmoid
                        }
                    }
                    Gemm.gemm(in, dg, gradientViews.get(wg(j)), true, false, 1.0, 1.0);
                    Gemm.gemm(hp, dg, gradientViews.get(ug(j)), true, false, 1.0, 1.0);
                    Gemm.gemm(dg, getParam(wg(j)), din, false, true, 1.0, 1.0); // epsOut starts at zero for layer 0
                    Gemm.gemm(dg, getParam(ug(j)), dPrev, false, true, 1.0, 1.0);
                } else {
                    Gemm.gemm(hpj, dsj, gradientViews.get(u(j)), true, false, 1.0, 1.0);
                    Gemm.gemm(dsj, getParam(u(j)), block(dPrev, j, h), false, true, 1.0, 1.0);
                }
                if (j > 0) block(dSt, j - 1, h).addi(dinTop);
            }
            INDArray swap = dNext;
            dNext = dPrev;
            dPrev = swap;
        }
        Gemm.gemm(stepRows(x), da0, gradientViews.get(w(0)), true, false, 1.0, 1.0);
        INDArray dx = Nd4j.createUninitialized(dt, new long[] {mb * steps, x.size(1)}, 'f');
        Gemm.gemm(da0, getParam(w(0)), dx, false, true, 1.0, 0.0);
        epsOut.addi(fromStepRows(dx, mb, steps));
        if (layerConf().isHasBias()) {
            for (int j = 0; j < nl; j++) gradientViews.get(b(j)).addi(HostMatrix.rowMajor(biasGrad[j], 1, (long) g * h, dt));
        }
        Gradient grad = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) grad.gradientForVariable().put(e.getKey(), e.getValue());
        return new Pair<>(grad, permuteIfNWC(backpropDropOutIfPresent(epsOut)));
    }

    @Override
    public void clear() {
        super.clear();
        startState = null;
        inputs = null;
        states = null;
        zs = rs = cs = recs = null;
        gates = null;
    }
}
