package edu.cs224n.siamese;

import edu.cs224n.nn.JavaAdam;
import edu.cs224n.config.DataRoot;
import edu.cs224n.config.Configs;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.util.RankStatistics;
import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.WordSimilarity;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How far can WordNet pairs take these input vectors at all? Two references that are strictly freer than a Siamese map,
 * so their figures bound what the targets set for the Siamese specialisation can expect from the same vectors and pairs:
 * <ol>
 *   <li>Word-similarity rho after retrofitting (Faruqui et al. 2015) on EVERY WordNet synonym pair of the vocabulary,
 *       benchmark words included: each word gets its own update, where a map shares one function among all words; and
 *       after Attract-Repel run per word ({@link AttractRepelPerWord}) on every synonym and antonym pair.</li>
 *   <li>Held-out synonym-vs-antonym AUC of pair classifiers (logistic regression, and an MLP) on symmetric pair features
 *       [a*b, |a-b|, cos(a,b)] trained on the same word split as {@code siamese train}: any function of the pair, not
 *       only a distance between two images of one map; model chosen on dev, several split seeds.</li>
 * </ol>
 */
public final class SiameseCeiling {
    /** One split's held-out test AUC (synonym pairs the closer) for the input cosine and each classifier. */
    public record SplitResult(long seed, int testSynonyms, int testAntonyms, double inputCosine, List<Double> classifiers, List<Integer> bestEpochs) {}

    private final SiameseCeilingConfig options;
    private final SiameseConfig config;
    private final PrintWriter out;

    /** @param pairs the Siamese config naming the pair files, max_rank and the split fractions */
    public SiameseCeiling(SiameseCeilingConfig options, SiameseConfig pairs, PrintWriter out) {
        this.options = options.validate();
        this.config = pairs.validate();
        this.out = out;
    }

    /** The config's vectors (and its Siamese config) from their files. */
    public static SiameseCeiling of(SiameseCeilingConfig options, PrintWriter out) {
        return new SiameseCeiling(options, Configs.load(DataRoot.resolve(options.siameseConfig()), List.of(), SiameseConfig.class), out);
    }

    public void run(Path outputDir) throws IOException {
        Path vectorsFile = DataRoot.require("vectors", options.vectors());
        RunDirectory dir = RunDirectory.create(outputDir, options);
        WordVectors vectors = WordVectors.read(vectorsFile);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("vectors", vectorsFile);
        files.put("synonyms", DataRoot.resolve(config.synonyms()));
        files.put("antonyms", DataRoot.resolve(config.antonyms()));
        List<LexicalPairs.Pair> allSynonyms = LexicalPairs.read(files.get("synonyms"));
        SiameseEvaluation evaluation = SiameseEvaluation.standard();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Input vectors %s: %d words, dim %d.%n", vectorsFile, vectors.vectors().size(), vectors.dim()));

        // 1. Retrofitting on every covered synonym pair: the per-word reference for the benchmarks.
        List<LexicalPairs.Pair> lexicon = LexicalPairs.covered(allSynonyms, vectors::contains);
        VectorSpace input = new VectorSpace(vectors);
        List<WordSimilarity.Result> before = evaluation.similarity(input, VectorSpace.Metric.COSINE);
        report.append(String.format(Locale.ROOT, "%n## Retrofitting on all %d WordNet synonym pairs of the vocabulary (%d sweeps), cosine%n%n",
                lexicon.size(), options.sweeps()));
        report.append("| vectors |");
        for (WordSimilarity.Result r : before) report.append(' ').append(r.benchmark()).append(" |");
        report.append("\n|---|").append("---:|".repeat(before.size())).append('\n');
        appendRow(report, "input", before, null);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (WordSimilarity.Result r : before) metrics.put("input_" + r.benchmark(), r.rho());
        for (double alpha : options.alphas()) {
            List<WordSimilarity.Result> after = evaluation.similarity(new VectorSpace(Retrofit.apply(vectors, lexicon, alpha, options.sweeps())), VectorSpace.Metric.COSINE);
            appendRow(report, String.format(Locale.ROOT, "retrofit alpha=%s (gain)", alpha), after, before);
            for (WordSimilarity.Result r : after) metrics.put(String.format(Locale.ROOT, "retrofit_%s_%s", alpha, r.benchmark()), r.rho());
        }
        // Per-word Attract-Repel on every covered synonym and antonym pair: the per-word reference of the Siamese objective.
        List<LexicalPairs.Pair> allAntonyms = LexicalPairs.read(files.get("antonyms"));
        List<LexicalPairs.Pair> antonymLexicon = LexicalPairs.covered(allAntonyms, vectors::contains);
        for (double rate : options.attractRepelRates()) {
            var o = AttractRepelPerWord.Options.paper(rate, options.attractRepelEpochs(), options.seed());
            List<WordSimilarity.Result> after = evaluation.similarity(new VectorSpace(AttractRepelPerWord.apply(vectors, lexicon, antonymLexicon, o)),
                    VectorSpace.Metric.COSINE);
            appendRow(report, String.format(Locale.ROOT, "attract-repel per word, +%d antonym pairs, rate %s (gain)", antonymLexicon.size(), rate), after, before);
            for (WordSimilarity.Result r : after) metrics.put(String.format(Locale.ROOT, "attract_repel_%s_%s", rate, r.benchmark()), r.rho());
        }
        out.print(report);

        // 2. Pair classifiers on the same word split as siamese train, over several split seeds.
        List<String> ranked = vectors.words();
        Set<String> known = config.pairWords(ranked);
        List<LexicalPairs.Pair> synonyms = LexicalPairs.covered(allSynonyms, known::contains);
        List<LexicalPairs.Pair> antonyms = LexicalPairs.covered(allAntonyms, known::contains);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n## Held-out synonym-vs-antonym AUC of pair classifiers (split by word, first %d words, %d epochs, best on dev)%n%n",
                known.size(), options.epochs()));
        table.append("| split seed | test synonyms | test antonyms | input cosine |");
        for (int h : options.hidden()) table.append(' ').append(classifierName(h)).append(" |");
        table.append("\n|---:|---:|---:|---:|").append("---:|".repeat(options.hidden().size())).append('\n');
        out.print(table);
        report.append(table);
        List<SplitResult> results = new ArrayList<>();
        WordVectors unit = WordVectors.of(ranked, SiameseModel.normalizeRows(vectors.matrix(ranked)));
        for (int s = 0; s < options.splits(); s++) {
            long seed = options.seed() + s;
            PairSplit split = PairSplit.byWord(synonyms, antonyms, config.devWords(), config.testWords(), seed);
            double cosine = SiameseEvaluation.heldOut("test_", input, VectorSpace.Metric.COSINE, split.test(), seed).get("test_auc_syn_ant");
            PairData data = PairData.of(unit, split);
            List<Double> aucs = new ArrayList<>();
            List<Integer> epochs = new ArrayList<>();
            for (int h : options.hidden()) {
                double[] r = classifier(data, h, seed);
                aucs.add(r[0]);
                epochs.add((int) r[1]);
            }
            SplitResult result = new SplitResult(seed, split.test().synonyms().size(), split.test().antonyms().size(), cosine, aucs, epochs);
            results.add(result);
            String row = String.format(Locale.ROOT, "| %d | %d | %d | %.4f |", seed, result.testSynonyms(), result.testAntonyms(), cosine)
                    + aucs.stream().map(a -> String.format(Locale.ROOT, " %.4f |", a)).reduce("", String::concat) + "\n";
            out.print(row);
            report.append(row);
        }
        String mean = String.format(Locale.ROOT, "| mean | | | %.4f |", results.stream().mapToDouble(SplitResult::inputCosine).average().orElse(Double.NaN));
        for (int k = 0; k < options.hidden().size(); k++) {
            int kk = k;
            double m = results.stream().mapToDouble(r -> r.classifiers().get(kk)).average().orElse(Double.NaN);
            mean += String.format(Locale.ROOT, " %.4f |", m);
            metrics.put("mean_test_auc_syn_ant_" + classifierName(options.hidden().get(k)).replace(' ', '_'), m);
        }
        out.println(mean);
        report.append(mean).append('\n');

        dir.record(files);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("pairs_config", config);
        run.put("metrics", metrics);
        run.put("splits", results);
        dir.writeRunJson(run);
        dir.writeText("report.md", report.toString());
    }

    static String classifierName(int hidden) {
        return hidden == 0 ? "logistic" : "MLP " + hidden;
    }

    private static void appendRow(StringBuilder sb, String name, List<WordSimilarity.Result> rows, List<WordSimilarity.Result> base) {
        sb.append("| ").append(name).append(" |");
        for (int i = 0; i < rows.size(); i++) {
            double rho = rows.get(i).rho();
            sb.append(base == null ? String.format(Locale.ROOT, " %.4f |", rho) : String.format(Locale.ROOT, " %.4f (%+.4f) |", rho, rho - base.get(i).rho()));
        }
        sb.append('\n');
    }

    /** Symmetric features of each pair of (unit-length) vectors: a*b, |a-b| and the cosine. */
    static INDArray features(WordVectors unit, List<LexicalPairs.Pair> pairs) {
        int d = unit.dim();
        float[][] rows = new float[pairs.size()][2 * d + 1];
        for (int i = 0; i < pairs.size(); i++) {
            float[] a = unit.vectors().get(pairs.get(i).first()), b = unit.vectors().get(pairs.get(i).second());
            float cos = 0;
            for (int k = 0; k < d; k++) {
                rows[i][k] = a[k] * b[k];
                rows[i][d + k] = Math.abs(a[k] - b[k]);
                cos += a[k] * b[k];
            }
            rows[i][2 * d] = cos;
        }
        return Nd4j.createFromArray(rows);
    }

    /**
     * A split's pair features, built once for every classifier: the training rows (synonyms, label 0, then the
     * antonyms repeated to balance the classes, label 1) and the dev and test pairs of each kind.
     */
    record PairData(INDArray x, float[] y, INDArray devSyn, INDArray devAnt, INDArray testSyn, INDArray testAnt) {
        static PairData of(WordVectors unit, PairSplit split) {
            List<LexicalPairs.Pair> synonyms = split.train().synonyms(), antonyms = split.train().antonyms();
            int repeats = Math.max(1, Math.round(synonyms.size() / (float) Math.max(1, antonyms.size())));
            List<LexicalPairs.Pair> pairs = new ArrayList<>(synonyms);
            for (int r = 0; r < repeats; r++) pairs.addAll(antonyms);
            float[] y = new float[pairs.size()];
            java.util.Arrays.fill(y, synonyms.size(), y.length, 1f);
            return new PairData(features(unit, pairs), y, features(unit, split.dev().synonyms()), features(unit, split.dev().antonyms()),
                    features(unit, split.test().synonyms()), features(unit, split.test().antonyms()));
        }
    }

    /**
     * Trains P(antonym | pair) on the split's training pairs (antonyms repeated to balance the classes) and returns
     * {test AUC, best epoch}: the AUC of the epoch best on dev, synonyms counting as the closer pairs.
     */
    double[] classifier(PairData data, int hidden, long seed) {
        INDArray x = data.x();
        float[] y = data.y();
        int nIn = (int) x.size(1);
        var list = new NeuralNetConfiguration.Builder().seed(seed).updater(new JavaAdam(options.learningRate())).weightInit(WeightInit.XAVIER).l2(1e-4).list();
        if (hidden > 0) list.layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(hidden > 0 ? hidden : nIn).nOut(1).activation(Activation.SIGMOID).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        Random rng = new Random(seed);
        int[] order = java.util.stream.IntStream.range(0, y.length).toArray();
        double bestDev = -1, bestTest = Double.NaN;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += 128) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + 128));
                float[] yb = new float[rows.length];
                for (int i = 0; i < rows.length; i++) yb[i] = y[rows[i]];
                net.fit(Nd4j.pullRows(x, 1, rows), Nd4j.createFromArray(yb).reshape(rows.length, 1));
            }
            double dev = auc(net, data.devSyn(), data.devAnt());
            if (dev > bestDev) {
                bestDev = dev;
                bestEpoch = epoch;
                bestTest = auc(net, data.testSyn(), data.testAnt());
            }
        }
        return new double[] {bestTest, bestEpoch};
    }

    /** AUC with the synonym pairs as positives: a pair scores higher the less likely the net thinks it an antonym pair. */
    private static double auc(MultiLayerNetwork net, INDArray synonyms, INDArray antonyms) {
        double[] s = net.output(synonyms, false).neg().toDoubleVector(), a = net.output(antonyms, false).neg().toDoubleVector();
        return RankStatistics.auc(s, a);
    }
}
