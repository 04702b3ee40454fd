package edu.cs224n.train;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A one-pass {@link MultiDataSetIterator} over batches a model builds itself (one epoch; the next epoch is a new
 * iterator from {@link Trainer.EpochBatches#epoch}): subclasses say only whether there is another batch and build it.
 */
public abstract class BatchIterator implements MultiDataSetIterator {
    /** One pass over an epoch's batches, planned ahead (e.g. groups of example indices), each built when asked for. */
    public static <B> BatchIterator over(java.util.List<B> batches, java.util.function.Function<B, MultiDataSet> build) {
        return new BatchIterator() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < batches.size();
            }

            @Override
            public MultiDataSet next() {
                return build.apply(batches.get(next++));
            }
        };
    }

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract MultiDataSet next();

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("the batch size is the model's");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are built ready for the network");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one pass; ask for the next epoch instead");
    }
}
