package edu.cs224n.siamese;

import edu.cs224n.config.DataRoot;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.config.Configs;
import edu.cs224n.vectors.VectorSpace;
import edu.cs224n.vectors.VectorsConfig;
import edu.cs224n.vectors.Word2VecTrainer;
import edu.cs224n.vectors.WordSimilarity;
import edu.cs224n.vectors.WordVectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A Siamese run: input vectors (read, or trained with word2vec), WordNet pairs split by word, training with the
 * shared {@link Trainer} (best model on the dev AUC), then every word mapped into the learned space and both
 * spaces scored: {@code DIR/model.zip}, {@code mapped-vectors.txt}, {@code input-vectors.txt}, {@code report.md},
 * {@code run.json}, {@code metrics.csv}, {@code curve.png}, {@code train-pairs.tsv}, {@code disjoint-words.txt}.
 */
public final class SiameseTraining implements TrainingRun.Recipe<SiameseConfig, SiameseModel> {
    public static final String INPUT_VECTORS = "input-vectors.txt";
    public static final String MAPPED_VECTORS = "mapped-vectors.txt";
    public static final String TRAIN_PAIRS = "train-pairs.tsv", DISJOINT_WORDS = "disjoint-words.txt";
    /** Post-specialisation: the mean cosine between the map's images of held-out specialised words and their specialised vectors. */
    public static final String DEV_FIT = "dev_fit";
    public static final List<String> METRICS = List.of("dev_auc", "dev_auc_syn_ant", "dev_auc_syn_random", "dev_mean_dist_syn",
            "dev_mean_dist_random", "train_auc_syn_random", "ws353-all", "men", "simlex-999");

    /** Scores of one space: the benchmarks' rho and the held-out test metrics. */
    public record Scores(List<WordSimilarity.Result> similarity, Map<String, Double> test) {}

    public record Outcome(SiameseModel model, Scores before, Scores after, Scores afterCosine, TrainerState state) {}

    private final SiameseConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    public SiameseTraining(SiameseConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        TrainingRun.Result<SiameseModel> r = new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
        return new Outcome(r.model(), before, after, afterCosine, r.state());
    }

    // ---- the Siamese map as a TrainingRun.Recipe

    private WordVectors vectors;
    private DisjointWords disjoint;
    private PairSplit split;
    private SiameseEvaluation evaluation;
    private Scores before, after, afterCosine;

    @Override public String kind() { return SiameseModel.KIND; }

    @Override public SiameseConfig config() { return config; }

    @Override public String title() { return "Siamese map (" + config.objective() + ")"; }

    @Override public String primaryMetric() { return fitsOnDev() ? DEV_FIT : "dev_auc"; }

    @Override public List<String> metrics() {
        if (!fitsOnDev()) return METRICS;
        List<String> m = new ArrayList<>(List.of(DEV_FIT));
        m.addAll(METRICS);
        return m;
    }

    /** Post-specialisation with words held out of the map's training: their fit picks the epoch. */
    private boolean fitsOnDev() {
        return config.postSpecialisation() && config.postDev() > 0;
    }

    @Override public List<String> curveMetrics() { return List.of("dev_auc_syn_ant", "dev_auc_syn_random", "ws353-all", "men", "simlex-999"); }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        List<WordSimilarity> benchmarks = new ArrayList<>(WordSimilarity.standard());
        WordSimilarity simlex = benchmarks.stream().filter(b -> b.name().equals("simlex-999")).findFirst().orElseThrow();
        disjoint = new DisjointWords(Set.of());
        if (config.disjointWords() > 0) {
            disjoint = DisjointWords.draw(simlex, config.disjointWords(), config.seed() + 11);
            for (WordSimilarity b : List.copyOf(benchmarks)) benchmarks.add(b.within(disjoint.words(), b.name() + " disjoint"));
        }
        benchmarks.addAll(WordSimilarity.simlexByClass());
        vectors = inputVectors(files);
        List<String> ranked = vectors.words();
        Set<String> known = config.pairWords(ranked);
        files.put("synonyms", DataRoot.resolve(config.synonyms()));
        files.put("antonyms", DataRoot.resolve(config.antonyms()));
        List<LexicalPairs.Pair> synonyms = LexicalPairs.covered(LexicalPairs.read(files.get("synonyms")), known::contains);
        List<LexicalPairs.Pair> antonyms = LexicalPairs.covered(LexicalPairs.read(files.get("antonyms")), known::contains);
        out.printf(Locale.ROOT, "vectors: %d words, dim %d; WordNet pairs within the first %d words: %d synonyms, %d antonyms%n",
                vectors.vectors().size(), vectors.dim(), known.size(), synonyms.size(), antonyms.size());
        if (config.disjointWords() > 0) {
            List<LexicalPairs.Pair> keptSynonyms = disjoint.outside(synonyms), keptAntonyms = disjoint.outside(antonyms);
            out.printf(Locale.ROOT, "disjoint: %d of SimLex-999's %d words are in no pair (%d SimLex pairs have both words out); "
                            + "%d synonym and %d antonym pairs that mention them dropped%n", disjoint.words().size(), simlex.words().size(),
                    simlex.within(disjoint.words(), "").pairs().size(), synonyms.size() - keptSynonyms.size(), antonyms.size() - keptAntonyms.size());
            synonyms = keptSynonyms;
            antonyms = keptAntonyms;
        }
        // In the disjoint setting every benchmark word is either disjoint (in no pair) or a training word: dev and test words,
        // held out for the AUCs, are drawn from the rest, so that "all pairs" mixes only the two kinds the setting defines.
        Set<String> benchmarkWords = new HashSet<>();
        if (config.disjointWords() > 0) for (WordSimilarity b : benchmarks) benchmarkWords.addAll(b.words());
        split = PairSplit.byWord(synonyms, antonyms, config.devWords(), config.testWords(), config.seed(), benchmarkWords);
        // SimLex on the pairs whose two words the map was trained on: what training alone can reach.
        benchmarks.add(simlex.within(Set.copyOf(split.train().words()), "simlex-999 trained"));
        evaluation = new SiameseEvaluation(benchmarks);
        writeSplit(dir);
        for (var e : Map.of("train", split.train(), "dev", split.dev(), "test", split.test()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            out.printf(Locale.ROOT, "  %-5s %6d words %6d synonym pairs %5d antonym pairs%n", e.getKey(), e.getValue().words().size(),
                    e.getValue().synonyms().size(), e.getValue().antonyms().size());
        }
        return files;
    }

    /**
     * The words held out of training ({@code disjoint-words.txt}) and the pairs trained on ({@code train-pairs.tsv}:
     * word1, word2, synonym|antonym), after checking that no training pair mentions a disjoint word.
     */
    private void writeSplit(RunDirectory dir) throws IOException {
        StringBuilder pairs = new StringBuilder();
        for (var kind : List.of(Map.entry("synonym", split.train().synonyms()), Map.entry("antonym", split.train().antonyms()))) {
            for (LexicalPairs.Pair p : kind.getValue()) {
                if (disjoint.contains(p.first()) || disjoint.contains(p.second())) {
                    throw new IllegalStateException("training " + kind.getKey() + " pair " + p + " mentions a disjoint benchmark word");
                }
                pairs.append(p.first()).append('\t').append(p.second()).append('\t').append(kind.getKey()).append('\n');
            }
        }
        dir.writeText(TRAIN_PAIRS, pairs.toString());
        dir.writeText(DISJOINT_WORDS, disjoint.words().isEmpty() ? "" : String.join("\n", disjoint.words()) + "\n");
    }

    @Override
    public SiameseModel fresh(PrintWriter out) throws IOException {
        return new SiameseModel(config.postSpecialisation() ? SiameseNetwork.buildRegression(config, vectors.dim())
                : SiameseNetwork.build(config, vectors.dim()), config);
    }

    @Override
    public SiameseModel fromFile(ModelFile.Contents file) {
        return SiameseModel.from(file);
    }

    /** Every vocabulary word as the network reads it, computed once for the batches and the evaluation. */
    private INDArray inputs;
    /**
     * Post-specialisation: the rows of the words the training pairs mention, and their per-word specialised unit vectors;
     * the map trains on {@code fitted} (indices into both) and is scored on {@code heldOut} ({@code post_dev} of them).
     */
    private int[] specialisedRows, fitted, heldOut;
    private INDArray specialised;
    private WordVectors perWord;

    @Override
    public void prepareTraining(SiameseModel model, PrintWriter out) {
        inputs = model.inputs(vectors, vectors.words());
        if (config.postSpecialisation()) {
            long t0 = System.nanoTime();
            perWord = AttractRepelPerWord.apply(vectors, split.train().synonyms(), split.train().antonyms(),
                    AttractRepelPerWord.Options.paper(config.perWordRate(), config.perWordEpochs(), config.seed()));
            List<String> words = vectors.words();
            Set<String> moved = new HashSet<>(split.train().words());
            specialisedRows = java.util.stream.IntStream.range(0, words.size()).filter(i -> moved.contains(words.get(i))).toArray();
            List<String> movedWords = java.util.Arrays.stream(specialisedRows).mapToObj(words::get).toList();
            specialised = SiameseModel.normalizeRows(perWord.matrix(movedWords));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < specialisedRows.length; i++) order.add(i);
            java.util.Collections.shuffle(order, new Random(config.seed() + 17));
            int dev = (int) Math.round(config.postDev() * order.size());
            heldOut = order.subList(0, dev).stream().mapToInt(Integer::intValue).sorted().toArray();
            fitted = order.subList(dev, order.size()).stream().mapToInt(Integer::intValue).sorted().toArray();
            out.printf(Locale.ROOT, "per-word Attract-Repel on the training pairs (rate %s, %d epochs): %d words specialised in %.0f s%n",
                    config.perWordRate(), config.perWordEpochs(), specialisedRows.length, (System.nanoTime() - t0) / 1e9);
        }
        out.printf(Locale.ROOT, "shared map %s (%s), %d parameters, objective %s%n", config.layers(), config.activation(),
                model.network().numParams(), config.seedObjective() ? "seed (1/2 ||h1 - h2||^2 on synonyms only)"
                        : config.attractRepel() ? String.format(Locale.ROOT, "attract-repel, in-batch negatives, margins %s / %s", config.attractMargin(), config.repelMargin())
                        : config.explicitRetrofit() ? "explicit retrofitting, in-batch negatives kept at their input cosines"
                        : config.postSpecialisation() ? "post-specialisation, cosine to each trained word's specialised vector"
                                + (config.postNegatives() > 0 ? String.format(Locale.ROOT, ", max-margin hinges (delta %s) against the %d nearest other targets of the batch",
                                config.postMargin(), config.postNegatives()) : "")
                        : "contrastive, margin " + config.margin());
    }

    @Override
    public Trainer.EpochBatches batches(SiameseModel model) {
        if (config.postSpecialisation()) return new SpecialisedBatches();
        PairBatches batches = new PairBatches(model.network());
        return new Trainer.EpochBatches() {
            @Override
            public MultiDataSetIterator epoch(int epoch) {
                return batches.epoch(epoch);
            }

            @Override
            public int batchesPerEpoch() {
                return batches.batchesPerEpoch();
            }
        };
    }

    @Override
    public Trainer.Evaluation evaluation(SiameseModel model) {
        return () -> {
            INDArray images = images(model);
            VectorSpace learned = new VectorSpace(learnedVectors(images, config.trainedWords()));
            Map<String, Double> m = new LinkedHashMap<>();
            if (fitsOnDev()) m.put(DEV_FIT, heldOutFit(images));
            Map<String, Double> dev = SiameseEvaluation.heldOut("dev_", learned, learnedMetric(), split.dev(), config.seed() + 3);
            m.put("dev_auc", (dev.getOrDefault("dev_auc_syn_ant", dev.get("dev_auc_syn_random")) + dev.get("dev_auc_syn_random")) / 2);
            m.putAll(dev);
            m.put("train_auc_syn_random", SiameseEvaluation.heldOut("train_", learned, learnedMetric(), split.train(), config.seed() + 5).get("train_auc_syn_random"));
            for (WordSimilarity.Result r : evaluation.similarity(learned, learnedMetric())) m.put(r.benchmark(), r.rho());
            return m;
        };
    }

    /** The mean cosine between the map's (unit) images of the held-out specialised words and their specialised vectors. */
    private double heldOutFit(INDArray images) {
        INDArray held = Nd4j.pullRows(images, 1, java.util.Arrays.stream(heldOut).map(i -> specialisedRows[i]).toArray());
        return held.mul(Nd4j.pullRows(specialised, 1, heldOut)).sum(1).meanNumber().doubleValue();
    }

    /** Every word's image under the map, computed once per evaluation; after post-specialisation scaled to unit length. */
    private INDArray images(SiameseModel model) {
        INDArray mapped = SiameseNetwork.map(model.network(), inputs);
        return config.postSpecialisation() ? SiameseModel.normalizeRows(mapped) : mapped;
    }

    /**
     * Every word in the learned space: its image; after post-specialisation the words the training pairs moved are placed
     * as {@code trainedWords} says (on a copy: {@code images} stays as it was, for the other placements).
     */
    private WordVectors learnedVectors(INDArray images, String trainedWords) {
        INDArray space = config.postSpecialisation() ? placeTrainedWords(images.dup(), inputs, specialisedRows, specialised, trainedWords) : images;
        return WordVectors.of(vectors.words(), space);
    }

    /**
     * Post-specialisation's final space from the map's unit images {@code mapped} (changed in place and returned): the rows
     * {@code rows} of the trained words get their specialised unit vectors ({@code per-word}), keep their images
     * ({@code map}), or get image + specialised - input, scaled to unit length ({@code shifted}).
     */
    static INDArray placeTrainedWords(INDArray mapped, INDArray inputs, int[] rows, INDArray specialised, String trainedWords) {
        for (int i = 0; i < rows.length; i++) {
            switch (trainedWords) {
                case "per-word" -> mapped.putRow(rows[i], specialised.getRow(i));
                case "shifted" -> {
                    INDArray v = mapped.getRow(rows[i]).add(specialised.getRow(i)).subi(inputs.getRow(rows[i]));
                    mapped.putRow(rows[i], v.divi(v.norm2Number()));
                }
                case "map" -> { }
                default -> throw new IllegalArgumentException("trained_words: expected one of " + SiameseConfig.TRAINED_WORDS + ", got " + trainedWords);
            }
        }
        return mapped;
    }

    /** The learned space's geometry: the objectives on unit vectors train cosines, the pair objectives Euclidean distances. */
    private VectorSpace.Metric learnedMetric() {
        return config.cosineGeometry() ? VectorSpace.Metric.COSINE : VectorSpace.Metric.EUCLIDEAN;
    }

    @Override
    public Map<String, Object> finish(SiameseModel best, TrainerState state, RunDirectory dir, PrintWriter out) throws IOException {
        INDArray images = images(best);
        WordVectors mapped = learnedVectors(images, config.trainedWords());
        mapped.writeText(dir.resolve(MAPPED_VECTORS));
        VectorSpace in = new VectorSpace(vectors), learned = new VectorSpace(mapped);
        before = scores(evaluation, in, VectorSpace.Metric.COSINE, split);
        after = scores(evaluation, learned, VectorSpace.Metric.EUCLIDEAN, split);
        afterCosine = scores(evaluation, learned, VectorSpace.Metric.COSINE, split);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("before_cosine", asMap(before));
        run.put("after_euclidean", asMap(after));
        run.put("after_cosine", asMap(afterCosine));
        String report = report(new Outcome(best, before, after, afterCosine, state));
        if (config.postSpecialisation()) {
            // What the map adds: the same per-word vectors with every other word left where the input had it; and each
            // place the final space can give the trained words (trained_words), the configured one included.
            List<Scores> spaces = new ArrayList<>(List.of(scores(evaluation, new VectorSpace(perWord), VectorSpace.Metric.COSINE, split)));
            run.put("per_word_only_cosine", asMap(spaces.get(0)));
            StringBuilder sb = new StringBuilder("\n| benchmark (cosine) | per-word Attract-Repel only, other words as input |");
            for (String place : SiameseConfig.TRAINED_WORDS) {
                Scores space = place.equals(config.trainedWords()) ? afterCosine
                        : scores(evaluation, new VectorSpace(learnedVectors(images, place)), VectorSpace.Metric.COSINE, split);
                spaces.add(space);
                run.put("trained_words_" + place.replace('-', '_') + "_cosine", asMap(space));
                sb.append(" trained_words: ").append(place).append(place.equals(config.trainedWords()) ? " (this run's space)" : "").append(" |");
            }
            sb.append("\n|---|").append("---:|".repeat(spaces.size())).append('\n');
            for (int i = 0; i < spaces.get(0).similarity().size(); i++) {
                sb.append("| ").append(spaces.get(0).similarity().get(i).benchmark()).append(" |");
                for (Scores space : spaces) sb.append(String.format(Locale.ROOT, " %.4f |", space.similarity().get(i).rho()));
                sb.append('\n');
            }
            report += sb;
        }
        dir.writeText("report.md", report);
        out.print(report);
        return run;
    }

    /** The input vectors: the configured file, or word2vec trained on the configured corpora (reused on resume). */
    private WordVectors inputVectors(Map<String, Path> files) throws IOException {
        Path target = outputDir.resolve(INPUT_VECTORS);
        if (config.vectors() != null && !config.vectors().isBlank()) {
            Path source = DataRoot.resolve(config.vectors());
            if (!Files.exists(source)) source = Path.of(config.vectors());
            if (!Files.exists(source)) throw new IllegalArgumentException("vectors: no such file " + config.vectors() + " (train some with `vectors train --output FILE`)");
            files.put("vectors", source);
            WordVectors v = WordVectors.read(source);
            v.writeText(target);
            return v;
        }
        List<Path> corpora = new ArrayList<>();
        for (String c : config.vectorCorpora()) {
            Path p = DataRoot.resolve(c);
            if (!Files.exists(p)) throw new IllegalArgumentException("vector_corpora: no such file " + p + " (set " + DataRoot.ENV + ")");
            corpora.add(p);
            files.put("corpus:" + p.getFileName(), p);
        }
        if (Files.exists(target) && Files.exists(outputDir.resolve(Trainer.CHECKPOINT))) {
            out.println("input vectors: reusing " + target);
            return WordVectors.read(target);
        }
        out.printf(Locale.ROOT, "input vectors: training word2vec (dim %d, %d epochs) on %s%n", config.w2vDim(), config.w2vEpochs(), corpora);
        long t0 = System.nanoTime();
        var w2v = Word2VecTrainer.train(Word2VecTrainer.sentences(corpora, true),
                Configs.with(VectorsConfig.defaults(), Map.of("dim", config.w2vDim(), "window", 5, "min_count", config.w2vMinCount(),
                        "epochs", config.w2vEpochs(), "sampling", config.w2vSampling(), "seed", config.seed(), "lowercase", true,
                        "threads", Math.max(1, config.threads()))));
        WordVectors v = Word2VecTrainer.vectors(w2v);
        v.writeText(target);
        out.printf(Locale.ROOT, "input vectors: %d words in %.0f s%n", v.vectors().size(), (System.nanoTime() - t0) / 1e9);
        return v;
    }

    private Scores scores(SiameseEvaluation evaluation, VectorSpace space, VectorSpace.Metric metric, PairSplit split) {
        return new Scores(evaluation.similarity(space, metric), SiameseEvaluation.heldOut("test_", space, metric, split.test(), config.seed() + 7));
    }

    private static Map<String, Object> asMap(Scores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (WordSimilarity.Result r : s.similarity()) m.put(r.benchmark(), Map.of("rho", r.rho(), "covered", r.covered(), "pairs", r.total()));
        m.putAll(s.test());
        return m;
    }

    static String report(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n| benchmark | pairs covered | input (cosine) | learned (Euclidean) | gain | learned (cosine) |\n|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < o.before().similarity().size(); i++) {
            WordSimilarity.Result b = o.before().similarity().get(i), a = o.after().similarity().get(i), c = o.afterCosine().similarity().get(i);
            sb.append(String.format(Locale.ROOT, "| %s | %d / %d | %.4f | %.4f | %+.4f | %.4f |%n", b.benchmark(), b.covered(), b.total(), b.rho(), a.rho(), a.rho() - b.rho(), c.rho()));
        }
        sb.append("\n| held-out test pairs | input (cosine) | learned (Euclidean) | learned (cosine) |\n|---|---:|---:|---:|\n");
        for (String k : o.after().test().keySet()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", k, o.before().test().getOrDefault(k, Double.NaN), o.after().test().get(k), o.afterCosine().test().get(k)));
        }
        sb.append("\n(mean_dist rows are Euclidean distances in each space whatever the column's metric.)\n");
        return sb.toString();
    }

    /** Post-specialisation's batches: the specialised words, shuffled each epoch, each input vector with its target. */
    private final class SpecialisedBatches implements Trainer.EpochBatches {
        @Override
        public MultiDataSetIterator epoch(int epoch) {
            List<Integer> order = new ArrayList<>();
            for (int i : fitted) order.add(i);
            java.util.Collections.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
            List<int[]> batches = new ArrayList<>();
            for (int from = 0; from < order.size(); from += config.batch()) {
                batches.add(order.subList(from, Math.min(order.size(), from + config.batch())).stream().mapToInt(Integer::intValue).toArray());
            }
            return BatchIterator.over(batches, batch -> new org.nd4j.linalg.dataset.MultiDataSet(
                    Nd4j.pullRows(inputs, 1, java.util.Arrays.stream(batch).map(i -> specialisedRows[i]).toArray()), Nd4j.pullRows(specialised, 1, batch)));
        }

        @Override
        public int batchesPerEpoch() {
            return (fitted.length + config.batch() - 1) / config.batch();
        }
    }

    /**
     * Training pairs of one epoch: synonyms (label 1); unless the seed objective, antonyms and random pairs (label 0).
     * Attract-Repel: batches of synonyms only or antonyms only (no random pairs), each pair with its in-batch negatives.
     */
    private final class PairBatches extends BatchIterator {
        private final ComputationGraph net;
        private final List<String> words;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> randomWords = new ArrayList<>();
        private final int[] anchorRows;
        private Random anchorRng;
        private int[] left, right;
        private float[] labels;
        /** Where each batch starts in left/right/labels, and the end. */
        private List<Integer> starts;
        private int batch;

        PairBatches(ComputationGraph net) {
            this.net = net;
            this.words = vectors.words();
            for (int i = 0; i < words.size(); i++) index.put(words.get(i), i);
            // Random pairs come from the training pairs' words, the same kind of words as the held-out pairs: drawn from
            // the whole vocabulary they would teach the map to tell WordNet words from names and function words.
            randomWords.addAll(split.train().words());
            // Words the preserve term keeps in place: the words pairs may use (the max_rank most frequent) but the held-out
            // words, which stay unseen.
            Set<String> heldOut = new HashSet<>(split.dev().words());
            heldOut.addAll(split.test().words());
            heldOut.addAll(disjoint.words());
            Set<String> frequent = config.pairWords(words);
            anchorRows = java.util.stream.IntStream.range(0, words.size())
                    .filter(i -> frequent.contains(words.get(i)) && !heldOut.contains(words.get(i))).toArray();
        }

        /** Positions the batches at the start of epoch {@code epoch}: the epoch's pairs, shuffled deterministically. */
        PairBatches epoch(int epoch) {
            Random rng = new Random(config.seed() * 1_000_003L + epoch);
            List<int[]> synonyms = new ArrayList<>(), repel = new ArrayList<>();
            for (LexicalPairs.Pair p : split.train().synonyms()) synonyms.add(new int[] {index.get(p.first()), index.get(p.second()), 1});
            if (!config.seedObjective()) {
                for (int r = 0; r < config.antonymRepeats(); r++) {
                    for (LexicalPairs.Pair p : split.train().antonyms()) repel.add(new int[] {index.get(p.first()), index.get(p.second()), 0});
                }
                int randoms = config.withNegatives() ? 0 : (int) Math.round(config.randomPerSynonym() * split.train().synonyms().size());
                for (LexicalPairs.Pair p : SiameseEvaluation.randomPairs(randomWords, randoms, rng.nextLong())) {
                    repel.add(new int[] {index.get(p.first()), index.get(p.second()), 0});
                }
            }
            List<List<int[]>> batches = new ArrayList<>();
            if (config.withNegatives()) {
                // Batches of one kind: the negatives of a synonym pair are the nearest other words, of an antonym pair the farthest.
                for (List<int[]> kind : List.of(synonyms, repel)) {
                    java.util.Collections.shuffle(kind, rng);
                    for (int from = 0; from < kind.size(); from += config.batch()) batches.add(kind.subList(from, Math.min(kind.size(), from + config.batch())));
                }
                java.util.Collections.shuffle(batches, rng);
            } else {
                List<int[]> pairs = new ArrayList<>(synonyms);
                pairs.addAll(repel);
                java.util.Collections.shuffle(pairs, rng);
                for (int from = 0; from < pairs.size(); from += config.batch()) batches.add(pairs.subList(from, Math.min(pairs.size(), from + config.batch())));
            }
            anchorRng = new Random(rng.nextLong());
            int total = batches.stream().mapToInt(List::size).sum();
            left = new int[total];
            right = new int[total];
            labels = new float[total];
            starts = new ArrayList<>();
            int i = 0;
            for (List<int[]> b : batches) {
                starts.add(i);
                for (int[] p : b) {
                    left[i] = p[0];
                    right[i] = p[1];
                    labels[i++] = p[2];
                }
            }
            starts.add(total);
            batch = 0;
            return this;
        }

        int batchesPerEpoch() {
            return starts.size() - 1;
        }

        @Override
        public boolean hasNext() {
            return batch < starts.size() - 1;
        }

        @Override
        public MultiDataSet next() {
            int from = starts.get(batch), to = starts.get(batch + 1);
            batch++;
            int[] l = java.util.Arrays.copyOfRange(left, from, to), r = java.util.Arrays.copyOfRange(right, from, to);
            INDArray y = Nd4j.createFromArray(java.util.Arrays.copyOfRange(labels, from, to)).reshape(to - from, 1);
            List<INDArray> x = new ArrayList<>(List.of(Nd4j.pullRows(inputs, 1, l), Nd4j.pullRows(inputs, 1, r)));
            if (config.withNegatives()) {
                // Explicit retrofitting takes the nearest negatives for antonym pairs too: they are held at their input cosines.
                int[][] negatives = negatives(l, r, labels[from] == 1 || config.explicitRetrofit());
                INDArray tl = Nd4j.pullRows(inputs, 1, negatives[0]), tr = Nd4j.pullRows(inputs, 1, negatives[1]);
                x.add(tl);
                x.add(tr);
                if (config.explicitRetrofit()) y = retrofitTargets(y, x.get(0).mul(tl).sum(1), x.get(1).mul(tr).sum(1));
            }
            if (config.preserve() == 0) return new org.nd4j.linalg.dataset.MultiDataSet(x.toArray(INDArray[]::new), new INDArray[] {y});
            // The preserve branch: as many random anchor words, each its own target.
            int[] a = new int[l.length];
            for (int i = 0; i < a.length; i++) a[i] = anchorRows[anchorRng.nextInt(anchorRows.length)];
            INDArray anchors = Nd4j.pullRows(inputs, 1, a);
            x.add(anchors);
            return new org.nd4j.linalg.dataset.MultiDataSet(x.toArray(INDArray[]::new), new INDArray[] {y, anchors});
        }

        /** Explicit retrofitting's label rows [g, g_l, g_r]: the pair's target cosine, the negatives' input cosines. */
        private INDArray retrofitTargets(INDArray kind, INDArray inputCosLeft, INDArray inputCosRight) {
            INDArray pair = kind.mul(ExplicitRetrofitLoss.SYNONYM_TARGET - ExplicitRetrofitLoss.ANTONYM_TARGET).addi(ExplicitRetrofitLoss.ANTONYM_TARGET);
            return Nd4j.hstack(pair, inputCosLeft.reshape(-1, 1), inputCosRight.reshape(-1, 1));
        }

        /**
         * Attract-Repel's in-batch negatives under the current map: for each word of each pair, among the batch's other
         * words (neither of the pair's two), the one with the highest cosine for a synonym pair, the lowest for an antonym pair.
         */
        private int[][] negatives(int[] l, int[] r, boolean attract) {
            int n = l.length;
            int[] rows = new int[2 * n];
            System.arraycopy(l, 0, rows, 0, n);
            System.arraycopy(r, 0, rows, n, n);
            INDArray h = SiameseModel.normalizeRows(SiameseNetwork.map(net, Nd4j.pullRows(inputs, 1, rows)));
            float[][] cos = h.mmul(h.transpose()).toFloatMatrix();
            int[][] out = new int[2][n];
            for (int i = 0; i < n; i++) {
                for (int side = 0; side < 2; side++) {
                    float[] row = cos[side * n + i];
                    int best = -1;
                    for (int j = 0; j < 2 * n; j++) {
                        if (rows[j] == l[i] || rows[j] == r[i]) continue;
                        if (best < 0 || (attract ? row[j] > row[best] : row[j] < row[best])) best = j;
                    }
                    // A batch of one pair has no other word: a random vocabulary word stands in.
                    out[side][i] = best >= 0 ? rows[best] : anchorRows[anchorRng.nextInt(anchorRows.length)];
                }
            }
            return out;
        }
    }
}
