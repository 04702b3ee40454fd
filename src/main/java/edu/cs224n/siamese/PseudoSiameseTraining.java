package edu.cs224n.siamese;

import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.train.Updaters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One pseudo-Siamese run as a {@link TrainingRun}: all this model brings is its network, its data (words with their
 * majority UPOS, split by word) and its evaluation (dev and test accuracy). With both branches trained, every step's
 * gradient norm and relative update ||dW|| / ||W|| of W1 and W2 are recorded ({@link #steps()}).
 */
public final class PseudoSiameseTraining implements TrainingRun.Recipe<PseudoSiameseConfig, PseudoSiameseModel> {
    public static final List<String> METRICS = List.of("dev_acc", "test_acc", "grad_norm_w1", "grad_norm_w2", "rel_update_w1", "rel_update_w2");

    /** Words with their majority tag, as rows of a matrix. */
    public record Dataset(List<String> classes, INDArray x, int[] labels, List<String> words) {
        int size() {
            return labels.length;
        }

        INDArray oneHot(int[] rows) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, classes.size());
            for (int i = 0; i < rows.length; i++) y.putScalar(i, labels[rows[i]], 1f);
            return y;
        }

        double accuracy(PseudoSiameseModel model) {
            int[] argmax = model.network().outputSingle(x).argMax(1).toIntVector();
            int correct = 0;
            for (int i = 0; i < argmax.length; i++) if (argmax[i] == labels[i]) correct++;
            return (double) correct / size();
        }
    }

    /** The three splits and the files they came from. */
    public record Data(Dataset train, Dataset dev, Dataset test, Map<String, Path> files) {}

    private final PseudoSiameseConfig config;
    private final Data data;
    private final List<double[]> steps = new ArrayList<>();

    public PseudoSiameseTraining(PseudoSiameseConfig config, Data data) {
        this.config = config.validate();
        this.data = data;
    }

    /** Per step of the run: {grad norm W1, grad norm W2, relative update W1, relative update W2}; NaN for a frozen matrix's gradient. */
    public List<double[]> steps() {
        return steps;
    }

    @Override public String kind() { return PseudoSiameseModel.KIND; }

    @Override public PseudoSiameseConfig config() { return config; }

    @Override public String title() { return "pseudo-Siamese (" + config.trained() + ", " + config.optimizer() + ")"; }

    @Override public String primaryMetric() { return "dev_acc"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public List<String> curveMetrics() { return List.of("dev_acc", "test_acc"); }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        return data.files();
    }

    @Override
    public PseudoSiameseModel fresh(PrintWriter out) {
        return new PseudoSiameseModel(PseudoSiameseNetwork.build((int) data.train().x().size(1), config.hidden(), data.train().classes().size(),
                Updaters.updater(config.optimizer(), config.learningRate()), config.trainedBranches(), config.seed(), DataType.FLOAT),
                config, data.train().classes());
    }

    @Override
    public PseudoSiameseModel fromFile(ModelFile.Contents file) {
        return PseudoSiameseModel.from(file);
    }

    @Override
    public void prepareTraining(PseudoSiameseModel model, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %d parameters, %s trained%n", title(), model.network().numParams(), config.trained());
    }

    @Override
    public Trainer.EpochBatches batches(PseudoSiameseModel model) {
        return new Trainer.EpochBatches() {
            @Override
            public Steps epoch(int epoch) {
                return new Steps(model, epoch);
            }

            @Override
            public int batchesPerEpoch() {
                return (data.train().size() + config.batch() - 1) / config.batch();
            }
        };
    }

    @Override
    public Trainer.Evaluation evaluation(PseudoSiameseModel model) {
        return () -> {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dev_acc", data.dev().accuracy(model));
            m.put("test_acc", data.test().accuracy(model));
            List<double[]> epoch = steps.subList(epochStart, steps.size());
            for (int k = 0; k < 4; k++) {
                final int c = k;
                m.put(METRICS.get(2 + k), epoch.stream().mapToDouble(s -> s[c]).average().orElse(Double.NaN));
            }
            return m;
        };
    }

    @Override
    public Map<String, Object> finish(PseudoSiameseModel best, TrainerState state, RunDirectory dir, PrintWriter out) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("best_dev_acc", data.dev().accuracy(best));
        run.put("best_test_acc", data.test().accuracy(best));
        return run;
    }

    private int epochStart;

    /**
     * One epoch of shuffled minibatches. Before handing out a batch it closes the previous step's update, then takes
     * this step's raw gradients (DL4J's fit recomputes them; measuring them here leaves the training unchanged).
     */
    private final class Steps extends BatchIterator {
        private final PseudoSiameseModel model;
        private final int[] order;
        private int cursor;
        private INDArray w1Before, w2Before;
        private double[] pending;

        Steps(PseudoSiameseModel model, int epoch) {
            this.model = model;
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < data.train().size(); i++) idx.add(i);
            Collections.shuffle(idx, new Random(config.seed() * 31 + epoch));
            order = idx.stream().mapToInt(Integer::intValue).toArray();
            epochStart = steps.size();
        }

        @Override
        public boolean hasNext() {
            if (cursor < order.length) return true;
            finishStep(); // the epoch's last update is taken before the evaluation reads the steps
            return false;
        }

        @Override
        public MultiDataSet next() {
            finishStep();
            int[] rows = java.util.Arrays.copyOfRange(order, cursor, Math.min(order.length, cursor + config.batch()));
            cursor += rows.length;
            Dataset train = data.train();
            MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.pullRows(train.x(), 1, rows), train.oneHot(rows));
            var net = model.network();
            net.setInputs(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
            double g1 = norm(net.gradient().getGradientFor(PseudoSiameseNetwork.SIGMOID + "_W"));
            double g2 = norm(net.gradient().getGradientFor(PseudoSiameseNetwork.RELU + "_W"));
            w1Before = weights(PseudoSiameseNetwork.SIGMOID).dup();
            w2Before = weights(PseudoSiameseNetwork.RELU).dup();
            pending = new double[] {g1, g2};
            return batch;
        }

        /** A frozen branch has no gradient entry: NaN, not a number that could be read as "no learning". */
        private static double norm(INDArray gradient) {
            return gradient == null ? Double.NaN : gradient.norm2Number().doubleValue();
        }

        private INDArray weights(String layer) {
            return model.network().getLayer(layer).getParam("W");
        }

        private void finishStep() {
            if (pending == null) return;
            double r1 = weights(PseudoSiameseNetwork.SIGMOID).sub(w1Before).norm2Number().doubleValue() / w1Before.norm2Number().doubleValue();
            double r2 = weights(PseudoSiameseNetwork.RELU).sub(w2Before).norm2Number().doubleValue() / w2Before.norm2Number().doubleValue();
            steps.add(new double[] {pending[0], pending[1], r1, r2});
            pending = null;
        }
    }
}
