package edu.cs224n.biaffine;

import edu.cs224n.data.Characters;
import edu.cs224n.vectors.PretrainedWords;
import edu.cs224n.config.ConfigException;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.io.ModelFile;
import edu.cs224n.parser.AttachmentScores;
import edu.cs224n.parser.FinalScores;
import edu.cs224n.parser.ParserVocabulary;
import edu.cs224n.parser.Projectivity;
import edu.cs224n.train.BatchIterator;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A biaffine parser run as a {@link TrainingRun.Recipe}: every training tree (projective or not) as an example, batches
 * of similar-length sentences with word and tag dropout, dev UAS/LAS after each epoch (the best kept), then dev and
 * test scored with the non-projective arcs counted, predictions and per-label scores written beside the model.
 */
public final class BiaffineTraining implements TrainingRun.Recipe<BiaffineConfig, BiaffineModel> {
    public static final List<String> METRICS = List.of("dev_uas", "dev_las", "dev_uas_nopunct", "dev_las_nopunct");

    /** Final scores of the best model. */
    public record Outcome(BiaffineModel model, AttachmentScores dev, AttachmentScores test, TrainerState state) {}

    private final BiaffineConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    public BiaffineTraining(BiaffineConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public Outcome run(boolean resume, boolean progressBar) throws IOException {
        TrainingRun.Result<BiaffineModel> r = new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
        return new Outcome(r.model(), devScores, testScores, r.state());
    }

    static List<Sentence> readTreebank(String path) {
        return ConllSequenceRecordReader.read(DataRoot.resolve(path), true);
    }

    private List<Sentence> train, dev;
    private List<Batches.Example> trainExamples, devExamples;
    private AttachmentScores devScores, testScores;

    @Override public String kind() { return BiaffineModel.KIND; }

    @Override public BiaffineConfig config() { return config; }

    @Override public String title() { return "biaffine parser: " + config.train(); }

    @Override public String primaryMetric() { return "dev_las"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public List<String> curveMetrics() { return List.of("dev_uas", "dev_las"); }

    @Override public double maxTrainSeconds() { return config.maxTrainMinutes() * 60; }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        train = readTreebank(config.train());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) train = train.subList(0, config.maxTrainSentences());
        for (Sentence s : train) {
            if (config.labelled() && !s.isLabelled()) {
                throw new ConfigException(s.source() + ":" + s.firstLine() + ": this treebank has no dependency labels (DEPREL '_'), "
                        + "so labelled training cannot apply; set labelled: false (--set labelled=false) for unlabelled training");
            }
        }
        if (config.dev().isBlank()) throw new ConfigException("dev: a development treebank is required (the best model is chosen on it)");
        if (!config.test().isBlank() && !DataRoot.exists(config.test())) {
            throw new ConfigException("test: no such file " + DataRoot.resolve(config.test()) + " (leave test empty to train without one)");
        }
        dev = readTreebank(config.dev());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", DataRoot.resolve(config.train()));
        files.put("dev", DataRoot.resolve(config.dev()));
        if (!config.test().isBlank()) files.put("test", DataRoot.resolve(config.test()));
        if (config.hasPretrained()) files.put("pretrained_vectors", DataRoot.require("pretrained_vectors", config.pretrainedVectors()));
        return files;
    }

    @Override
    public BiaffineModel fresh(PrintWriter out) throws IOException {
        ParserVocabulary vocab = ParserVocabulary.build(train, config.tagSets(), config.labelled(), config.lowercase(), config.minWordCount());
        Characters chars = config.charDim() > 0 ? Characters.build(train) : null;
        if (!config.hasPretrained()) return new BiaffineModel(BiaffineNetwork.build(vocab, null, chars, config), vocab, null, chars, config);
        Path file = DataRoot.require("pretrained_vectors", config.pretrainedVectors());
        WordVectors vectors = WordVectors.read(file);
        PretrainedWords words = PretrainedWords.of(vectors, config.pretrainedWords());
        ComputationGraph net = BiaffineNetwork.build(vocab, words, chars, config);
        words.fill(net, vectors);
        out.println(words.summary(file, vectors, config.wordDim(), train));
        return new BiaffineModel(net, vocab, words, chars, config);
    }

    @Override
    public BiaffineModel fromFile(ModelFile.Contents file) throws IOException {
        return BiaffineModel.from(file);
    }

    @Override
    public void prepareTraining(BiaffineModel model, PrintWriter out) {
        ParserVocabulary v = model.vocabulary();
        trainExamples = new ArrayList<>(train.size());
        int nonProjective = 0;
        for (Sentence s : train) {
            Batches.Example e = model.example(s, true);
            trainExamples.add(e);
            for (boolean np : Projectivity.nonProjectiveArcs(e.heads())) {
                if (np) {
                    nonProjective++;
                    break;
                }
            }
        }
        devExamples = model.examples(dev);
        out.printf(Locale.ROOT, "train: %s, %d sentences (all used; %d non-projective)%n", DataRoot.resolve(config.train()), train.size(), nonProjective);
        out.printf(Locale.ROOT, "vocabulary: %d words, tags %s, %d labels; parameters %d%n", v.words().size(), v.tagSets(),
                v.transitionLabels().size(), model.network().numParams());
    }

    @Override
    public Trainer.EpochBatches batches(BiaffineModel model) {
        int tagSets = model.vocabulary().tagSets().size();
        int batches = Batches.buckets(trainExamples, config.batchSize(), Integer.MAX_VALUE, null).size();
        return new Trainer.EpochBatches() {
            @Override
            public MultiDataSetIterator epoch(int epoch) {
                Random random = new Random(config.seed() * 31 + epoch);
                List<int[]> groups = Batches.buckets(trainExamples, config.batchSize(), Integer.MAX_VALUE, random);
                Batches.Dropout dropout = new Batches.Dropout(random, config.wordDropout(), config.tagDropout());
                return BatchIterator.over(groups, group -> Batches.build(trainExamples, group, tagSets, dropout));
            }

            @Override
            public int batchesPerEpoch() {
                return batches;
            }

            /** Per word: DL4J's score sums each output's loss over a sentence's words (and averages over sentences). */
            @Override
            public double loss(ComputationGraph net, MultiDataSet batch) {
                double words = batch.getLabelsMaskArray(0).sumNumber().doubleValue();
                return net.score() * batch.getFeatures(0).size(0) / Math.max(1, words);
            }

            @Override
            public long examples(MultiDataSet batch) {
                return (long) batch.getLabelsMaskArray(0).sumNumber().doubleValue();
            }
        };
    }

    @Override
    public Trainer.Evaluation evaluation(BiaffineModel model) {
        return () -> AttachmentScores.score(dev, model.parse(dev, devExamples)).asMetrics("dev_");
    }

    @Override
    public Map<String, Object> finish(BiaffineModel best, TrainerState state, RunDirectory dir, PrintWriter out) throws IOException {
        List<Sentence> test = config.test().isBlank() ? null : readTreebank(config.test());
        FinalScores scores = FinalScores.of("Biaffine parser scores (best epoch " + state.bestEpoch() + " of " + state.epochsDone() + ")", best,
                config.threads(), dev, test, dir, out);
        devScores = scores.dev();
        testScores = scores.test();
        return scores.fields();
    }
}
