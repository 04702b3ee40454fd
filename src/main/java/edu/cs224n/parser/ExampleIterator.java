package edu.cs224n.parser;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Minibatches of oracle examples as DL4J MultiDataSets: the feature columns split over the network's inputs
 * (one input of every column for the fused network, one per feature group for the plain graph), then the dense
 * tagger-state input when the examples have one, and one-hot transitions. The example order is reshuffled on each {@link #reset()} from a seeded RNG (epoch e uses
 * seed + e, so a resumed run sees the same batches). The INDArrays are allocated once per batch size and
 * refilled, so a training step allocates no input arrays; it is therefore not for asynchronous prefetch.
 */
public final class ExampleIterator implements MultiDataSetIterator {
    private final TrainingExamples examples;
    private final int[] widths;    // every input's width: the id inputs', then the dense input's (if any)
    private final int idInputs;
    private final int classes;
    private final int batchSize;
    private final long seed;
    private final int[] order;
    private final Map<Integer, INDArray[]> buffers = new HashMap<>();
    private final float[][] staging;
    private final float[] labelStaging;
    private int epoch;
    private int cursor;
    private MultiDataSetPreProcessor preProcessor;

    /** @param inputWidths the columns of each network input, in order; they add up to the examples' row width */
    public ExampleIterator(TrainingExamples examples, int[] inputWidths, int classes, int batchSize, long seed) {
        this.examples = examples;
        if (java.util.Arrays.stream(inputWidths).sum() != examples.width()) {
            throw new IllegalArgumentException("input widths " + java.util.Arrays.toString(inputWidths) + " do not add up to " + examples.width());
        }
        this.idInputs = inputWidths.length;
        this.widths = examples.denseWidth() > 0 ? java.util.Arrays.copyOf(inputWidths, idInputs + 1) : inputWidths.clone();
        if (examples.denseWidth() > 0) widths[idInputs] = examples.denseWidth();
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
        this.order = new int[examples.count()];
        this.staging = new float[widths.length][];
        for (int g = 0; g < widths.length; g++) staging[g] = new float[batchSize * widths[g]];
        this.labelStaging = new float[batchSize * classes];
        setEpoch(0);
    }

    /** Positions the iterator at the start of epoch {@code e} (0-based) with that epoch's shuffle. */
    public void setEpoch(int e) {
        epoch = e;
        for (int i = 0; i < order.length; i++) order[i] = i;
        Random rng = new Random(seed + e);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        cursor = 0;
    }

    public int batchesPerEpoch() {
        return (examples.count() + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public MultiDataSet next(int num) {
        int rows = Math.min(Math.min(num, batchSize), order.length - cursor);
        INDArray[] arrays = buffers.computeIfAbsent(rows, this::allocate);
        java.util.Arrays.fill(labelStaging, 0, rows * classes, 0f);
        int[] features = examples.features();
        int rowWidth = examples.width();
        for (int r = 0; r < rows; r++) {
            int ex = order[cursor + r];
            int col = ex * rowWidth;
            for (int g = 0; g < idInputs; g++) {
                float[] dst = staging[g];
                int at = r * widths[g];
                for (int k = 0; k < widths[g]; k++) dst[at + k] = features[col + k];
                col += widths[g];
            }
            if (idInputs < widths.length) examples.dense(ex, staging[idInputs], r * widths[idInputs]);
            labelStaging[r * classes + examples.transitions()[ex]] = 1f;
        }
        for (int g = 0; g < widths.length; g++) copy(staging[g], rows * widths[g], arrays[g]);
        copy(labelStaging, rows * classes, arrays[widths.length]);
        cursor += rows;
        INDArray[] inputs = java.util.Arrays.copyOf(arrays, widths.length);
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(inputs, new INDArray[] {arrays[widths.length]});
        if (preProcessor != null) preProcessor.preProcess(mds);
        return mds;
    }

    private static void copy(float[] src, int length, INDArray dst) {
        FloatBuffer buf = dst.data().asNioFloat();
        buf.position(0);
        buf.put(src, 0, length);
    }

    private INDArray[] allocate(int rows) {
        INDArray[] out = new INDArray[widths.length + 1];
        for (int g = 0; g < widths.length; g++) out[g] = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, widths[g]);
        out[widths.length] = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, classes);
        return out;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch. */
    @Override
    public void reset() {
        setEpoch(epoch + 1);
    }
}
