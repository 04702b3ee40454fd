package edu.cs224n.biaffine;

import edu.cs224n.data.Characters;
import edu.cs224n.parser.ParserVocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Sentences as the network's arrays. Positions 0..n (0 = ROOT) of each sentence ({@link #buckets} groups sentences
 * of one length; others would be padded to the longest and masked):
 * word and tag ids [mb, 1, T], the heads input [mb, 1, T] (the gold head in training, 0 in parsing, -1 on padding),
 * a features mask [mb, T] (ROOT and words); in training the targets (gold head, label index) [mb, 1, T] with a mask
 * [mb, T] over the words (ROOT has no head; a label never seen in training is left out of the label loss).
 */
final class Batches {
    private Batches() {}

    /**
     * A sentence as ids, with its characters per position and its rows of the pre-trained table (each null when the parser
     * reads none), and its gold heads and label indices (index d = word d; null when parsing).
     */
    record Example(ParserVocabulary.EncodedSentence ids, int[][] chars, int[] pretrained, int[] heads, int[] labels) {
        int positions() {
            return ids.n() + 1;
        }
    }

    /** Input dropout in training: each word id (each tag id) becomes UNK with this probability. */
    record Dropout(Random random, double word, double tag) {}

    /**
     * Groups of example indices of one length each (nothing padded), at most {@code size} per group and at most
     * {@code maxPositions} positions (unless one sentence alone has more): by length, in a random order within a length
     * from {@code random} (index order when null), then the groups shuffled (when random is given).
     * <p>Why not pad: in DL4J 1.0.0-M2.1 a {@code Bidirectional} LSTM's backward direction reads a padded batch wrongly
     * even with a features mask (a sentence's backward states change with the padding after it), so every batch holds
     * sentences of one length and needs no mask.
     */
    static List<int[]> buckets(List<Example> examples, int size, int maxPositions, Random random) {
        Integer[] order = new Integer[examples.size()];
        double[] key = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            key[i] = examples.get(i).positions() + (random == null ? i / (double) order.length : random.nextDouble()) * 0.999;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> key[i]));
        List<int[]> groups = consecutive(examples, order, size, maxPositions, true);
        if (random != null) java.util.Collections.shuffle(groups, random);
        return groups;
    }

    /**
     * Groups of example indices of similar length for parsing through {@link Encoder} (which handles padding): by
     * length, consecutive, at most {@code size} per group and {@code maxPositions} padded positions.
     */
    static List<int[]> similarLengths(List<Example> examples, int size, int maxPositions) {
        Integer[] order = new Integer[examples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> examples.get(i).positions()).thenComparingInt(i -> i));
        return consecutive(examples, order, size, maxPositions, false);
    }

    /**
     * Cuts {@code order} (sorted by length) into runs of at most {@code size} examples and {@code maxPositions} padded
     * positions (a single longer example stands alone), and with {@code oneLength} of one length each.
     */
    private static List<int[]> consecutive(List<Example> examples, Integer[] order, int size, int maxPositions, boolean oneLength) {
        List<int[]> groups = new ArrayList<>();
        for (int s = 0; s < order.length; ) {
            int length = examples.get(order[s]).positions();
            int end = s + 1;
            while (end < order.length && end - s < size && (!oneLength || examples.get(order[end]).positions() == length)
                    && (long) (end - s + 1) * examples.get(order[end]).positions() <= maxPositions) end++;
            int[] g = new int[end - s];
            for (int k = 0; k < g.length; k++) g[k] = order[s + k];
            groups.add(g);
            s = end;
        }
        return groups;
    }

    /** The arrays of one batch; {@code dropout} null = none (evaluation, parsing). Targets only when every example has gold heads. */
    static MultiDataSet build(List<Example> examples, int[] batch, int tagSets, Dropout dropout) {
        int mb = batch.length, t = 0;
        for (int i : batch) t = Math.max(t, examples.get(i).positions());
        boolean gold = true;
        for (int i : batch) gold &= examples.get(i).heads() != null;
        float[] words = new float[mb * t], heads = new float[mb * t], mask = new float[mb * t];
        float[][] tags = new float[tagSets][mb * t];
        float[] headTargets = new float[mb * t], labelTargets = new float[mb * t], arcMask = new float[mb * t], labelMask = new float[mb * t];
        Arrays.fill(heads, -1);
        for (int b = 0; b < mb; b++) {
            Example e = examples.get(batch[b]);
            for (int p = 0; p < e.positions(); p++) {
                int at = b * t + p;
                mask[at] = 1;
                int w = e.ids().words()[p];
                if (dropout != null && p > 0 && dropout.word() > 0 && dropout.random().nextDouble() < dropout.word()) w = ParserVocabulary.UNK_ID;
                words[at] = w;
                for (int g = 0; g < tagSets; g++) {
                    int tag = e.ids().tags()[g][p];
                    if (dropout != null && p > 0 && dropout.tag() > 0 && dropout.random().nextDouble() < dropout.tag()) tag = ParserVocabulary.UNK_ID;
                    tags[g][at] = tag;
                }
                heads[at] = gold && p > 0 ? e.heads()[p] : 0;
                if (gold && p > 0) {
                    headTargets[at] = e.heads()[p];
                    arcMask[at] = 1;
                    int label = e.labels()[p];
                    if (label >= 0) {
                        labelTargets[at] = label;
                        labelMask[at] = 1;
                    }
                }
            }
        }
        List<INDArray> features = new ArrayList<>();
        features.add(ids(words, mb, t));
        for (float[] g : tags) features.add(ids(g, mb, t));
        if (examples.get(batch[0]).pretrained() != null) {
            float[] rows = new float[mb * t];
            for (int b = 0; b < mb; b++) {
                int[] p = examples.get(batch[b]).pretrained();
                for (int k = 0; k < p.length; k++) rows[b * t + k] = p[k];
            }
            features.add(ids(rows, mb, t));
        }
        if (examples.get(batch[0]).chars() != null) features.add(chars(examples, batch, t));
        features.add(ids(heads, mb, t));
        INDArray[] masks = null; // none needed when every sentence has the batch's length (see buckets)
        for (int i : batch) {
            if (examples.get(i).positions() < t) {
                masks = new INDArray[features.size()];
                Arrays.fill(masks, Nd4j.create(mask, new long[] {mb, t}, 'c'));
                break;
            }
        }
        if (!gold) return new MultiDataSet(features.toArray(INDArray[]::new), null, masks, null);
        return new MultiDataSet(features.toArray(INDArray[]::new), new INDArray[] {ids(headTargets, mb, t), ids(labelTargets, mb, t)},
                masks, new INDArray[] {Nd4j.create(arcMask, new long[] {mb, t}, 'c'), Nd4j.create(labelMask, new long[] {mb, t}, 'c')});
    }

    /** Character ids [mb, Characters.MAX, T] (0 after each word's last character and at padded positions). */
    private static INDArray chars(List<Example> examples, int[] batch, int t) {
        int slots = Characters.MAX;
        float[] v = new float[batch.length * slots * t];
        for (int b = 0; b < batch.length; b++) {
            int[][] c = examples.get(batch[b]).chars();
            for (int p = 0; p < c.length; p++) for (int k = 0; k < c[p].length; k++) v[(b * slots + k) * t + p] = c[p][k];
        }
        return Nd4j.create(v, new long[] {batch.length, slots, t}, 'c');
    }

    private static INDArray ids(float[] v, int mb, int t) {
        return Nd4j.create(v, new long[] {mb, 1, t}, 'c');
    }
}
