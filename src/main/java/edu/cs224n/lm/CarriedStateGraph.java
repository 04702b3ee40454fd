package edu.cs224n.lm;

import edu.cs224n.nn.FusedAdamUpdater;
import edu.cs224n.nn.TiedEmbeddingLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A ComputationGraph whose truncated-BPTT state survives between {@code fit} calls: DL4J clears it at the start
 * and end of each call, so a stream fed in chunks would restart from a zero state every chunk. Here the training
 * loop clears it itself, at the start of each epoch ({@link #rnnClearPreviousState()}).
 */
public final class CarriedStateGraph extends ComputationGraph {
    public CarriedStateGraph(ComputationGraphConfiguration conf) {
        super(conf);
        clearTbpttState = false;
    }

    /**
     * The same network (configuration, parameters and updater state) as a CarriedStateGraph, with the fused updater
     * ({@link FusedAdamUpdater}: the same updates in fewer passes over the parameters).
     */
    public static CarriedStateGraph of(ComputationGraph net) {
        CarriedStateGraph g = net instanceof CarriedStateGraph c ? c : copy(net);
        FusedAdamUpdater.install(g);
        return g;
    }

    private static CarriedStateGraph copy(ComputationGraph net) {
        CarriedStateGraph g = new CarriedStateGraph(net.getConfiguration().clone());
        // clone() drops the counters, and Adam's bias correction reads the iteration count.
        g.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount());
        g.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount());
        g.init(net.params().dup(), false);
        TiedEmbeddingLayer.tie(g);
        if (net.getUpdater(false) != null && net.getUpdater().getStateViewArray() != null) {
            g.getUpdater().getStateViewArray().assign(net.getUpdater().getStateViewArray());
        }
        return g;
    }
}
