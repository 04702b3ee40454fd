package edu.cs224n.bench;

import edu.cs224n.data.Sentence;
import edu.cs224n.parser.ExampleIterator;
import edu.cs224n.parser.FeatureExtractor;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.parser.ParserNetwork;
import edu.cs224n.parser.ParserTraining;
import edu.cs224n.parser.ParserVocabulary;
import edu.cs224n.parser.TaggerContext;
import edu.cs224n.parser.TrainingExamples;
import edu.cs224n.util.Threads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The parser's training speed: a fresh network on the config's training data, trained for a fixed time (after untimed
 * warm-up steps) with the same step as {@code parser train}; data loading and set-up are not timed.
 */
public final class ParserTrainingSpeed {
    private ParserTrainingSpeed() {}

    /** What was measured. */
    public record Speed(long steps, long examples, double seconds, double meanLoss, int features, long parameters, String tables, int classes) {
        public double examplesPerSecond() {
            return examples / seconds;
        }
    }

    /** Called after every timed training step with the minibatch's loss. */
    public interface StepObserver {
        void onStep(long step, double seconds, double loss);
    }

    public static Speed measure(ParserConfig config, double seconds, int warmup) throws IOException {
        return measure(config, seconds, warmup, (step, elapsed, loss) -> {});
    }

    /** {@link #measure(ParserConfig, double, int)}, reporting every step's loss to {@code observer} (its time is not excluded). */
    public static Speed measure(ParserConfig config, double seconds, int warmup, StepObserver observer) throws IOException {
        Threads.set(config.threads());
        ParserTraining training = new ParserTraining(config, null, new PrintWriter(java.io.OutputStream.nullOutputStream()));
        List<Sentence> train = training.readTrain();
        ParserVocabulary vocab = ParserVocabulary.build(train, config.tagSets(), config.labelled(), config.lowercase(), config.minWordCount());
        TaggerContext context = training.loadContext();
        ComputationGraph net = ParserNetwork.build(vocab, config, context == null ? 0 : context.width());
        TrainingExamples examples = TrainingExamples.build(train, vocab, context);
        FeatureExtractor fx = FeatureExtractor.of(vocab);
        ExampleIterator it = new ExampleIterator(examples, ParserNetwork.inputWidths(net, fx), vocab.transitionSystem().numTransitions(),
                config.batchSize(), config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        for (int i = 0; i < warmup; i++) {
            if (!it.hasNext()) it.reset();
            net.fit(it.next());
        }
        long steps = 0;
        long count = 0;
        double lossSum = 0;
        long t0 = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        while (System.nanoTime() - t0 < limit) {
            if (!it.hasNext()) it.reset();
            MultiDataSet batch = it.next();
            net.fit(batch);
            long rows = batch.getFeatures(0).size(0);
            lossSum += net.score() * rows;
            count += rows;
            steps++;
            observer.onStep(steps, (System.nanoTime() - t0) / 1e9, net.score());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        StringBuilder tables = new StringBuilder();
        for (int g = 0; g < fx.groups(); g++) {
            INDArray t = ParserNetwork.table(net, vocab, g);
            tables.append(g == 0 ? "" : ",").append(t.size(0)).append('x').append(fx.width(g)).append('x').append(t.size(1));
        }
        return new Speed(steps, count, elapsed, lossSum / Math.max(1, count), fx.totalWidth(), net.numParams(), tables.toString(),
                vocab.transitionSystem().numTransitions());
    }
}
