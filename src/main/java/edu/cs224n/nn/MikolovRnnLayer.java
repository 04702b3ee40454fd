package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The computation of {@link MikolovRnn}. Forward, for t = 0..T-1: z(t) = x(t) W + h(t-1) RW + b, h(t) = f(z(t)),
 * h(-1) = the carried state (TBPTT segment or rnnTimeStep) or zero. A training forward keeps z and h, and the
 * state the segment started from, so backprop needs no second forward pass. Backward (by hand, CS224n assignment 2 q3):
 * delta(t) = f'(z(t)) o (dL/dh(t) + delta(t+1) RW^T); dW += x(t)^T delta(t); dRW += h(t-1)^T delta(t), using the
 * carried state at t = 0 (where DL4J's SimpleRnn uses zero); db += sum delta(t); dL/dx(t) = delta(t) W^T.
 */
public class MikolovRnnLayer extends HandWrittenRecurrentLayer<MikolovRnn> {
    static final String STATE = "prevAct";

    private INDArray startState;  // h(-1) of the last training forward pass, or null for zero
    private INDArray activations; // h, [mb, nOut, T], of the last training forward pass
    private INDArray preActivations; // z
    private INDArray inputs;      // x as NCW 'f', of the last training forward pass

    public MikolovRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        return forward(null, training, mgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray out = forward(stateMap.get(STATE), false, mgr);
        storeLast(stateMap, out);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr mgr) {
        setInput(input, mgr);
        INDArray out = forward(tBpttStateMap.get(STATE), training, mgr);
        if (storeLastForTBPTT) storeLast(tBpttStateMap, out);
        return out;
    }

    private void storeLast(java.util.Map<String, INDArray> map, INDArray out) {
        INDArray ncw = permuteIfNWC(out);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            map.put(STATE, ncw.get(all(), all(), point(ncw.size(2) - 1)).dup());
        }
    }

    private INDArray forward(INDArray prev, boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (input.rank() != 3) throw new IllegalArgumentException(layerId() + ": expected input [minibatch, features, time], got rank " + input.rank());
        if (prev != null && prev.size(0) != input.size(0)) {
            throw new IllegalStateException(layerId() + ": stored state has minibatch " + prev.size(0) + " but the input " + input.size(0)
                    + " (call rnnClearPreviousState between sequences of different batch sizes)");
        }
        applyDropOutIfNecessary(training, mgr);
        INDArray x = ncwF(input.castTo(dataType), mgr);
        long mb = x.size(0);
        long steps = x.size(2);
        long nOut = layerConf().getNOut();
        INDArray w = getParam(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rw = getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = getParam(SimpleRnnParamInitializer.BIAS_KEY);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[] {mb, nOut, steps}, 'f');
        INDArray z = training ? mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[] {mb, nOut, steps}, 'f') : null;
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(out, b, out, 1));
        IActivation f = layerConf().getActivationFn();
        INDArray h = prev == null ? null : prev.castTo(w.dataType());
        for (long t = 0; t < steps; t++) {
            INDArray cur = out.get(all(), all(), point(t));
            Gemm.gemm(x.get(all(), all(), point(t)), w, cur, false, false, 1.0, 1.0);
            if (h != null) Gemm.gemm(h, rw, cur, false, false, 1.0, 1.0);
            if (z != null) z.get(all(), all(), point(t)).assign(cur);
            f.getActivation(cur, training);
            if (maskArray != null) cur.muliColumnVector(maskArray.getColumn(t, true).castTo(cur.dataType()));
            h = cur;
        }
        if (maskArray != null && z != null) Nd4j.getExecutioner().exec(new BroadcastMulOp(z, maskArray.castTo(z.dataType()), z, 0, 2));
        if (training) {
            startState = prev == null ? null : prev.castTo(w.dataType());
            activations = out;
            preActivations = z;
            inputs = x;
        }
        return permuteIfNWC(out);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int backLength, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (activations == null || preActivations == null) throw new IllegalStateException(layerId() + ": backprop without a training forward pass");
        INDArray x = inputs;
        INDArray eps = permuteIfNWC(epsilon);
        long steps = x.size(2);
        INDArray w = getParam(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rw = getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray wg = gradientViews.get(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(SimpleRnnParamInitializer.BIAS_KEY);
        gradientsFlattened.assign(0);
        IActivation f = layerConf().getActivationFn();
        INDArray epsOut = mgr.create(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'f'); // zeros: steps before a truncated window get none
        long end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        INDArray deltaNext = null;
        for (long t = steps - 1; t >= end; t--) {
            INDArray dh = eps.get(all(), all(), point(t)).dup('f');
            if (deltaNext != null) Gemm.gemm(deltaNext, rw, dh, false, true, 1.0, 1.0);
            INDArray delta = f.backprop(preActivations.get(all(), all(), point(t)).dup('f'), dh).getFirst();
            if (maskArray != null) delta.muliColumnVector(maskArray.getColumn(t, true).castTo(delta.dataType()));
            bg.addi(delta.sum(0).reshape(bg.shape()));
            Gemm.gemm(x.get(all(), all(), point(t)), delta, wg, true, false, 1.0, 1.0);
            INDArray hPrev = t > 0 ? activations.get(all(), all(), point(t - 1)) : startState;
            if (hPrev != null) Gemm.gemm(hPrev, delta, rwg, true, false, 1.0, 1.0);
            Gemm.gemm(delta, w, epsOut.get(all(), all(), point(t)), false, true, 1.0, 0.0);
            deltaNext = delta;
        }
        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(SimpleRnnParamInitializer.WEIGHT_KEY, wg);
        grad.gradientForVariable().put(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, rwg);
        grad.gradientForVariable().put(SimpleRnnParamInitializer.BIAS_KEY, bg);
        return new Pair<>(grad, permuteIfNWC(backpropDropOutIfPresent(epsOut)));
    }

    @Override
    public void clear() {
        super.clear();
        activations = null;
        preActivations = null;
        inputs = null;
        startState = null;
    }
}
