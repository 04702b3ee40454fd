package edu.cs224n.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one training loop of the project: epochs of minibatch steps, an evaluation after each, the
 * best-on-primary-metric model kept in {@code model.zip}, an atomic {@code checkpoint.zip} (with updater
 * state) after every epoch so a killed run resumes where it stopped, listeners for the table, CSV and
 * curve, and a guard that stops on a non-finite loss (the best model stays on disk).
 */
public final class Trainer {
    public static final String MODEL = "model.zip";
    public static final String CHECKPOINT = "checkpoint.zip";

    /**
     * A model's training batches, epoch by epoch. A model whose data already is a {@link MultiDataSetIterator} returns
     * it as it is; {@link BatchIterator} is the small base class for those that build batches themselves.
     */
    public interface EpochBatches {
        /** The batches of epoch {@code epoch} (1-based) in a deterministic order (so a resumed run continues as it would have). */
        MultiDataSetIterator epoch(int epoch);

        /** For the progress bar. */
        int batchesPerEpoch();

        /** The loss of the step just taken, per example (DL4J's score, unless the model's score is summed otherwise). */
        default double loss(ComputationGraph net, MultiDataSet batch) {
            return net.score();
        }

        /** How many examples a batch holds (rows; a language model counts tokens). */
        default long examples(MultiDataSet batch) {
            return batch.getFeatures(0).size(0);
        }
    }

    /** The metrics after an epoch (e.g. dev_uas); the primary one chooses the best model. */
    @FunctionalInterface
    public interface Evaluation {
        Map<String, Double> evaluate() throws IOException;
    }

    /** Writes the best model ({@code checkpoint=false}) or a checkpoint with the updater and trainer state. */
    @FunctionalInterface
    public interface Saver {
        void save(Path target, TrainerState state, boolean checkpoint) throws IOException;
    }

    /**
     * What training time is measured with. {@code THREAD_CPU} counts the CPU time of the training thread only, so runs
     * that share the machine (side by side, or beside other work) still get equal budgets; it is exact only when ND4J
     * computes in the calling thread (one thread), which is why configs allow it only with {@code threads: 1}.
     */
    public enum Clock {
        WALL, THREAD_CPU;

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        /** Nanoseconds on this clock (only differences mean anything). */
        public long nanos() {
            return this == WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
        }

        public static Clock named(String name) {
            return switch (name) {
                case "wall" -> WALL;
                case "cpu" -> THREAD_CPU;
                default -> throw new IllegalArgumentException("budget clock: expected wall or cpu, got " + name);
            };
        }
    }

    /**
     * @param maxTrainSeconds a budget of training time (evaluation excluded) over the whole run, resumed runs
     *                        included: the epoch in which it runs out ends early, is evaluated, and is the last; 0 = none
     * @param clock           what training seconds (the budget, and each epoch's {@code train_seconds}) are measured with
     */
    public record Options(int epochs, Path outputDir, String primaryMetric, long seed, boolean progressBar, double maxTrainSeconds, Clock clock) {
        public Options(int epochs, Path outputDir, String primaryMetric, long seed, boolean progressBar, double maxTrainSeconds) {
            this(epochs, outputDir, primaryMetric, seed, progressBar, maxTrainSeconds, Clock.WALL);
        }

        public Options(int epochs, Path outputDir, String primaryMetric, long seed, boolean progressBar) {
            this(epochs, outputDir, primaryMetric, seed, progressBar, 0);
        }
    }

    private final Options options;
    private final List<EpochListener> listeners = new ArrayList<>();

    public Trainer(Options options) {
        this.options = options;
    }

    public Trainer listen(EpochListener l) {
        listeners.add(l);
        return this;
    }

    public TrainerState train(ComputationGraph net, EpochBatches data, Evaluation evaluation, Saver saver, TrainerState start) throws IOException {
        TrainerState state = start;
        double spent = start.history().stream().mapToDouble(EpochResult::trainSeconds).sum();
        boolean outOfTime = options.maxTrainSeconds() > 0 && spent >= options.maxTrainSeconds();
        for (int epoch = start.epochsDone() + 1; epoch <= options.epochs() && !outOfTime; epoch++) {
            // Reseeding per epoch makes dropout masks (and so a resumed run) reproducible.
            Nd4j.getRandom().setSeed(options.seed() + epoch);
            MultiDataSetIterator epochBatches = data.epoch(epoch);
            Clock clock = options.clock();
            long t0 = clock.nanos();
            double lossSum = 0;
            long examples = 0;
            int batches = 0;
            try (ProgressBar bar = progressBar(epoch, data.batchesPerEpoch())) {
                while (epochBatches.hasNext()) {
                    MultiDataSet batch = epochBatches.next();
                    net.fit(batch);
                    double loss = data.loss(net, batch);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "training diverged: loss %s at epoch %d, batch %d; the best model so far is kept in %s",
                                loss, epoch, batches + 1, options.outputDir().resolve(MODEL)));
                    }
                    long rows = data.examples(batch);
                    lossSum += loss * rows;
                    examples += rows;
                    batches++;
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / examples));
                    }
                    if (options.maxTrainSeconds() > 0 && spent + (clock.nanos() - t0) / 1e9 >= options.maxTrainSeconds()) {
                        outOfTime = true;
                        break;
                    }
                }
            }
            double trainSeconds = (clock.nanos() - t0) / 1e9;
            spent += trainSeconds;
            long t1 = System.nanoTime();
            Map<String, Double> metrics = evaluation.evaluate();
            double evalSeconds = (System.nanoTime() - t1) / 1e9;
            EpochResult result = new EpochResult(epoch, lossSum / Math.max(1, examples), examples, trainSeconds, evalSeconds, metrics);
            Double score = metrics.get(options.primaryMetric());
            if (score == null) throw new IllegalStateException("evaluation did not report the primary metric " + options.primaryMetric());
            state = state.after(result, score);
            if (state.bestEpoch() == epoch) saver.save(options.outputDir().resolve(MODEL), state, false);
            saver.save(options.outputDir().resolve(CHECKPOINT), state, true);
            for (EpochListener l : listeners) l.onEpoch(state, result);
        }
        for (EpochListener l : listeners) l.onEnd(state);
        return state;
    }

    private ProgressBar progressBar(int epoch, int batches) {
        if (!options.progressBar()) return null;
        return new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build();
    }
}
