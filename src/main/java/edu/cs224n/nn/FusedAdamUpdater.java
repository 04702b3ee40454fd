package edu.cs224n.nn;

import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * DL4J's ComputationGraph updater, with its three passes over the gradient (divide by the minibatch, clip each layer
 * by its L2 norm, {@link JavaAdam}) done as a read pass for the layers' norms and one vectorised pass for the rest. On a
 * 9.25M-parameter language model the three passes and libnd4j's norms were a tenth of a training step. Each element
 * goes through DL4J's float operations in DL4J's order ({@code (g / b) * clip}, then Adam); only the norms are summed in
 * another order, so a clipped step can differ in the last bits ({@code FusedAdamUpdaterTest}). Networks with anything
 * else (another updater or normalisation, regularisation, a gradient outside the network's own array) take DL4J's path.
 */
public final class FusedAdamUpdater extends ComputationGraphUpdater {
    private static final int CHUNK = 4096;
    private final float[] chunk = new float[CHUNK];
    /** Null when the network needs DL4J's path (see the class comment). */
    private final Plan plan;
    private long fusedUpdates;

    private FusedAdamUpdater(ComputationGraph net, INDArray state) {
        super(net, state); // builds and initialises the updater blocks the plan reads
        plan = plan();
    }

    /** Gives {@code net} this updater, keeping its updater state (Adam's moments) as they are. */
    public static void install(ComputationGraph net) {
        ComputationGraphUpdater current = net.getUpdater(true);
        if (current instanceof FusedAdamUpdater) return;
        // the current updater has initialised its state array (zeros, or what a saved model held): used as it is
        net.setUpdater(new FusedAdamUpdater(net, current.getStateViewArray()));
    }

    /** How many updates took the fused path (the rest went through DL4J's). */
    public long fusedUpdates() {
        return fusedUpdates;
    }

    /**
     * The layers, each with its parameters' ranges {from, to} in the gradient; per updater block, one segment per
     * parameter: where it ends and its layer's index.
     */
    private record Plan(List<Trainable> layers, List<List<int[]>> layerRanges, int[][] blockEnds, int[][] blockLayer) {}

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr mgr) {
        INDArray flat = gradient.gradient(), own = getFlattenedGradientsView();
        if (plan == null || !sameMemory(flat, own) || !javaLoopsTake()) {
            super.update(gradient, iteration, epoch, batchSize, mgr);
            return;
        }
        fusedUpdates++;
        FloatBuffer g = Gemm.floatBuffer(own);
        float divisor = isMiniBatch() ? batchSize : 1;
        float[] factor = new float[plan.layers().size()];
        for (int l = 0; l < factor.length; l++) {
            Trainable layer = plan.layers().get(l);
            factor[l] = 1;
            if (layer.getConfig().getGradientNormalization() != GradientNormalization.ClipL2PerLayer) continue;
            double threshold = layer.getConfig().getGradientNormalizationThreshold();
            double norm = 0;
            for (int[] r : plan.layerRanges().get(l)) norm += sumOfSquares(g, r[0], r[1]);
            norm = Math.sqrt(norm) / divisor; // the norm of g / b, which DL4J takes after dividing
            if (norm > threshold) factor[l] = (float) (threshold / norm); // DL4J multiplies a float array by this
        }
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        for (int b = 0; b < blocks.size(); b++) {
            UpdaterBlock ub = blocks.get(b);
            int[] layerOf = plan.blockLayer()[b];
            float[] f = new float[layerOf.length];
            for (int s = 0; s < f.length; s++) f[s] = factor[layerOf[s]];
            ((JavaAdam.Updater) ub.getGradientUpdater()).update(g, ub.getParamOffsetStart(), plan.blockEnds()[b], f, divisor, iteration, epoch);
        }
    }

    /** The sum of g[i]^2 over [from, to): eight float lanes within a chunk, double across chunks. */
    private double sumOfSquares(FloatBuffer g, int from, int to) {
        double total = 0;
        for (int at = from; at < to; at += CHUNK) {
            int len = Math.min(CHUNK, to - at);
            g.get(at, chunk, 0, len);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                s0 += chunk[i] * chunk[i];
                s1 += chunk[i + 1] * chunk[i + 1];
                s2 += chunk[i + 2] * chunk[i + 2];
                s3 += chunk[i + 3] * chunk[i + 3];
                s4 += chunk[i + 4] * chunk[i + 4];
                s5 += chunk[i + 5] * chunk[i + 5];
                s6 += chunk[i + 6] * chunk[i + 6];
                s7 += chunk[i + 7] * chunk[i + 7];
            }
            double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
            for (; i < len; i++) sum += chunk[i] * chunk[i];
            total += sum;
        }
        return total;
    }

    /** The fused path's plan, or null when the network needs DL4J's. */
    private Plan plan() {
        Map<Trainable, Integer> index = new IdentityHashMap<>();
        List<Trainable> layers = new ArrayList<>();
        List<List<int[]>> ranges = new ArrayList<>();
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        int[][] ends = new int[blocks.size()][], layerOf = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            UpdaterBlock ub = blocks.get(b);
            if (ub.skipDueToPretrainConfig(false) || !(ub.getGradientUpdater() instanceof JavaAdam.Updater)) return null;
            List<UpdaterBlock.ParamState> params = ub.getLayersAndVariablesInBlock();
            ends[b] = new int[params.size()];
            layerOf[b] = new int[params.size()];
            for (int s = 0; s < params.size(); s++) {
                UpdaterBlock.ParamState p = params.get(s);
                Trainable layer = p.getLayer();
                var regularisation = layer.getConfig().getRegularizationByParam(p.getParamName());
                if (regularisation != null && !regularisation.isEmpty() || !layer.updaterDivideByMinibatch(p.getParamName())) return null;
                GradientNormalization n = layer.getConfig().getGradientNormalization();
                if (n != null && n != GradientNormalization.None && n != GradientNormalization.ClipL2PerLayer) return null;
                int l = index.computeIfAbsent(layer, k -> {
                    layers.add(k);
                    ranges.add(new ArrayList<>());
                    return layers.size() - 1;
                });
                ends[b][s] = p.getParamOffsetEnd();
                layerOf[b][s] = l;
                ranges.get(l).add(new int[] {p.getParamOffsetStart(), p.getParamOffsetEnd()});
            }
        }
        return new Plan(layers, ranges, ends, layerOf);
    }

    private boolean javaLoopsTake() {
        for (UpdaterBlock ub : getUpdaterBlocks()) {
            if (!((JavaAdam.Updater) ub.getGradientUpdater()).javaLoopTakes(ub.getGradientView())) return false;
        }
        return true;
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && b.elementWiseStride() == 1
                && a.length() == b.length() && a.length() < Integer.MAX_VALUE && Gemm.address(a) == Gemm.address(b);
    }
}
