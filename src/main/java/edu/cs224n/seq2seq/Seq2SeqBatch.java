package edu.cs224n.seq2seq;

import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.Trainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Source and target id sequences as the arrays {@link Seq2SeqNetwork} reads, all on one time axis padded at the end. */
public final class Seq2SeqBatch {
    private Seq2SeqBatch() {}

    /** One source/target pair: target without BOS and EOS; {@code sequenceClass} the class output's label (-1: the network has none). */
    public record Pair(int[] source, int[] target, int sequenceClass) {
        public Pair(int[] source, int[] target) {
            this(source, target, -1);
        }
    }

    /** Teacher forcing: previous = BOS y_1 .. y_m, labels = y_1 .. y_m EOS; T = the longest source or target + 1. */
    public static MultiDataSet training(List<Pair> pairs) {
        int mb = pairs.size(), t = 1;
        for (Pair p : pairs) t = Math.max(t, Math.max(p.source().length, p.target().length + 1));
        INDArray[] in = sources(pairs.stream().map(Pair::source).toList(), t);
        INDArray previous = Nd4j.zeros(DataType.FLOAT, mb, 1, t), labels = Nd4j.zeros(DataType.FLOAT, mb, 1, t);
        INDArray targetMask = Nd4j.zeros(DataType.FLOAT, mb, t);
        for (int b = 0; b < mb; b++) {
            int[] y = pairs.get(b).target();
            for (int j = 0; j <= y.length; j++) {
                previous.putScalar(b, 0, j, j == 0 ? Symbols.BOS : y[j - 1]);
                labels.putScalar(b, 0, j, j == y.length ? Symbols.EOS : y[j]);
                targetMask.putScalar(b, j, 1);
            }
        }
        INDArray[] features = {in[0], previous, in[1].reshape(mb, 1, t)}, featureMasks = {in[1], targetMask, null};
        if (pairs.get(0).sequenceClass() < 0) {
            return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {labels}, featureMasks, new INDArray[] {targetMask});
        }
        INDArray classes = Nd4j.zeros(DataType.FLOAT, mb, 1);
        for (int b = 0; b < mb; b++) classes.putScalar(b, 0, pairs.get(b).sequenceClass());
        return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {labels, classes}, featureMasks, new INDArray[] {targetMask, null});
    }

    /**
     * Epochs of batches of pairs with sources of similar length (shuffled, sorted by source length, cut into batches,
     * the batches shuffled: little padding), the loss reported per output symbol.
     */
    public static Trainer.EpochBatches epochs(List<Pair> pairs, int batchSize, long seed) {
        int batches = (pairs.size() + batchSize - 1) / batchSize;
        return new Trainer.EpochBatches() {
            @Override
            public MultiDataSetIterator epoch(int epoch) {
                Random random = new Random(seed * 31 + epoch);
                List<Pair> order = new ArrayList<>(pairs);
                Collections.shuffle(order, random);
                order.sort(Comparator.comparingInt(p -> p.source().length)); // stable: still shuffled within a length
                List<List<Pair>> planned = new ArrayList<>();
                for (int b = 0; b < order.size(); b += batchSize) planned.add(order.subList(b, Math.min(order.size(), b + batchSize)));
                Collections.shuffle(planned, random);
                return BatchIterator.over(planned, Seq2SeqBatch::training);
            }

            @Override
            public int batchesPerEpoch() {
                return batches;
            }

            /** DL4J's score sums over output steps (plus the class output's loss, if any), averaged over pairs: per output symbol here. */
            @Override
            public double loss(ComputationGraph net, MultiDataSet batch) {
                return net.score() * batch.getFeatures(0).size(0) / examples(batch);
            }

            @Override
            public long examples(MultiDataSet batch) {
                return batch.getLabelsMaskArray(0).sumNumber().longValue();
            }
        };
    }

    /** The sources as ids [mb, 1, t] and mask [mb, t], padded to length {@code t} (at least the longest). */
    public static INDArray[] sources(List<int[]> sources, int t) {
        int mb = sources.size();
        INDArray ids = Nd4j.zeros(DataType.FLOAT, mb, 1, t), mask = Nd4j.zeros(DataType.FLOAT, mb, t);
        for (int b = 0; b < mb; b++) {
            int[] x = sources.get(b);
            if (x.length == 0) throw new IllegalArgumentException("an empty source sequence (row " + b + ")");
            for (int j = 0; j < x.length; j++) {
                ids.putScalar(b, 0, j, x[j]);
                mask.putScalar(b, j, 1);
            }
        }
        return new INDArray[] {ids, mask};
    }
}
