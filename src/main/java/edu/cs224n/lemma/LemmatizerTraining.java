package edu.cs224n.lemma;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.seq2seq.Seq2SeqBatch;
import edu.cs224n.seq2seq.Seq2SeqNetwork;
import edu.cs224n.seq2seq.Symbols;
import edu.cs224n.train.RunDirectory;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import edu.cs224n.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lemmatizer run ({@link TrainingRun}): the seq2seq model trained with teacher forcing on the distinct (form, UPOS,
 * lemma) types of the training file (the dictionary covers the frequent tokens; the model is for the types it lacks),
 * the best on dev's full-lemmatizer accuracy kept; test scored with gold UPOS beside the two baselines.
 */
public final class LemmatizerTraining implements TrainingRun.Recipe<LemmatizerConfig, LemmatizerModel> {
    public static final List<String> METRICS = List.of("dev_lemma", "dev_unseen_model");

    /** One training type. */
    record Example(String form, String upos, String xpos, String lemma) {}

    private final LemmatizerConfig config;
    private final Path outputDir;
    private final PrintWriter out;

    private List<Sentence> train, dev, test;
    private List<Example> examples;
    private List<Seq2SeqBatch.Pair> pairs;
    private Lexicon lexicon;

    public LemmatizerTraining(LemmatizerConfig config, Path outputDir, PrintWriter out) {
        this.config = config.validate();
        this.outputDir = outputDir;
        this.out = out;
    }

    public TrainingRun.Result<LemmatizerModel> run(boolean resume, boolean progressBar) throws IOException {
        return new TrainingRun<>(this, outputDir, out).run(resume, progressBar);
    }

    static List<Sentence> read(String path) {
        return path == null || path.isBlank() ? List.of() : ConllSequenceRecordReader.read(DataRoot.resolve(path), false);
    }

    /** The distinct (form, UPOS, lemma) types with a lemma, in first-seen order; with {@code xpos}, (form, UPOS, XPOS, lemma). */
    static List<Example> examples(List<Sentence> sentences, int maxLength, boolean xpos) {
        Set<Example> seen = new LinkedHashSet<>();
        for (Sentence s : sentences) {
            for (Token t : s.tokens()) {
                if (LemmaDictionary.hasLemma(t) && t.form().codePointCount(0, t.form().length()) <= maxLength) seen.add(new Example(t.form(), t.upos(), xpos ? t.xpos() : null, t.lemma()));
            }
        }
        return new ArrayList<>(seen);
    }

    @Override public String kind() { return LemmatizerModel.KIND; }

    @Override public LemmatizerConfig config() { return config; }

    @Override public String title() { return "lemmatizer (" + (config.attention() > 0 ? "attention" : "plain") + " seq2seq): " + config.train(); }

    @Override public String primaryMetric() { return "dev_lemma"; }

    @Override public List<String> metrics() { return METRICS; }

    @Override public double maxTrainSeconds() { return config.maxTrainMinutes() * 60; }

    @Override
    public Map<String, Path> prepare(RunDirectory dir, PrintWriter out) {
        train = read(config.train());
        dev = read(config.dev());
        test = read(config.test());
        if (config.maxTrainSentences() > 0 && train.size() > config.maxTrainSentences()) train = train.subList(0, config.maxTrainSentences());
        if (dev.isEmpty()) throw new ConfigException("dev: a CoNLL-U file is required (the best model is chosen on it)");
        examples = examples(train, config.maxTrainLength(), config.xpos());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("train", DataRoot.resolve(config.train()));
        if (!config.taggedTrain().isBlank()) {
            List<Sentence> tagged = read(config.taggedTrain());
            if (config.maxTrainSentences() > 0 && tagged.size() > config.maxTrainSentences()) tagged = tagged.subList(0, config.maxTrainSentences());
            examples = examples(train, tagged, config.taggedTrain(), config.maxTrainLength(), config.xpos());
            files.put("tagged_train", DataRoot.resolve(config.taggedTrain()));
        }
        files.put("dev", DataRoot.resolve(config.dev()));
        if (!test.isEmpty()) files.put("test", DataRoot.resolve(config.test()));
        return files;
    }

    /** The types of the gold treebank, then those its tagged copy adds (the same words with a tagger's UPOS). */
    static List<Example> examples(List<Sentence> train, List<Sentence> tagged, String file, int maxLength, boolean xpos) {
        requireSameWords(train, tagged, file);
        Set<Example> both = new LinkedHashSet<>(examples(train, maxLength, xpos));
        both.addAll(examples(tagged, maxLength, xpos));
        return new ArrayList<>(both);
    }

    /** The tagged treebank must be the training one: the same sentences, forms and lemmas, only other tags. */
    private static void requireSameWords(List<Sentence> train, List<Sentence> tagged, String file) {
        if (train.size() != tagged.size()) {
            throw new ConfigException("tagged_train: " + file + " has " + tagged.size() + " sentences, train has " + train.size());
        }
        for (int i = 0; i < train.size(); i++) {
            List<Token> a = train.get(i).tokens(), b = tagged.get(i).tokens();
            for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
                if (k >= a.size() || k >= b.size() || !a.get(k).form().equals(b.get(k).form()) || !a.get(k).lemma().equals(b.get(k).lemma())) {
                    throw new ConfigException("tagged_train: " + file + " line " + (k < b.size() ? b.get(k).line() : tagged.get(i).firstLine())
                            + ": expected the training treebank's sentence " + (i + 1) + " (same words and lemmas)");
                }
            }
        }
    }

    @Override
    public LemmatizerModel fresh(PrintWriter out) {
        Map<String, Integer> src = new HashMap<>(), tgt = new HashMap<>();
        for (Example e : examples) {
            for (String s : LemmatizerModel.sourceSymbols(e.form(), e.upos(), e.xpos())) src.merge(s, 1, Integer::sum);
            for (String s : Symbols.characters(e.lemma())) tgt.merge(s, 1, Integer::sum);
        }
        Vocabulary source = Symbols.vocabulary(src), target = Symbols.vocabulary(tgt);
        ComputationGraph net = Seq2SeqNetwork.build(source.size(), target.size(), config.sizes());
        return new LemmatizerModel(net, source, target, LemmaDictionary.train(train), lexicon(), config);
    }

    /**
     * The config's lexicon, read once per run (a fresh model, a resumed checkpoint and the best model at the end all
     * take it; on resume it comes from the config, so a resumed run may add one).
     */
    private Lexicon lexicon() {
        if (lexicon == null) lexicon = config.lexicon().isBlank() ? Lexicon.NONE : Lexicon.read(DataRoot.require("lexicon", config.lexicon()));
        return lexicon;
    }

    @Override
    public LemmatizerModel fromFile(ModelFile.Contents file) {
        return LemmatizerModel.from(file).withLexicon(lexicon());
    }

    @Override
    public void prepareTraining(LemmatizerModel model, PrintWriter out) {
        pairs = new ArrayList<>(examples.size());
        for (Example e : examples) {
            pairs.add(new Seq2SeqBatch.Pair(model.sourceIds(new LemmatizerModel.Word(e.form(), e.upos(), e.xpos())),
                    Symbols.ids(model.targetSymbols(), Symbols.characters(e.lemma())), config.editClassifier() ? LemmatizerModel.edit(e.form(), e.lemma()) : -1));
        }
        out.printf(Locale.ROOT, "train: %s%s, %d (form, %s, lemma) types of at most %d characters; %d source and %d target symbols; "
                        + "dictionary %d entries; %s model, parameters %d%n", config.train(),
                config.taggedTrain().isBlank() ? "" : " and its tags from " + config.taggedTrain(), pairs.size(), config.xpos() ? "UPOS, XPOS" : "UPOS",
                config.maxTrainLength(),
                model.sourceSymbols().size(), model.targetSymbols().size(), model.dictionary().size(),
                config.attention() > 0 ? "attention" : "plain", model.network().numParams());
    }

    @Override
    public Trainer.EpochBatches batches(LemmatizerModel model) {
        return Seq2SeqBatch.epochs(pairs, config.batchSize(), config.seed());
    }

    @Override
    public Trainer.Evaluation evaluation(LemmatizerModel model) {
        return () -> {
            Scores s = scores(model, dev, 1);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dev_lemma", s.full().accuracy());
            m.put("dev_unseen_model", s.modelOnly().unseenAccuracy());
            return m;
        };
    }

    /** The full lemmatizer's and the model alone's scores on gold-tagged sentences. */
    public record Scores(LemmaScores full, LemmaScores modelOnly) {}

    public static Scores scores(LemmatizerModel model, List<Sentence> gold, int beam) {
        Set<LemmatizerModel.Word> words = LemmatizerModel.words(gold);
        Map<LemmatizerModel.Word, String> full = model.lemmatize(words, beam);
        // The model alone is scored on the unseen forms (the number the targets name; elsewhere it counts as wrong). A form
        // training never had is in no dictionary entry, so the full lemmatizer already took the model's lemma for it.
        Map<LemmatizerModel.Word, String> alone = new HashMap<>();
        for (LemmatizerModel.Word w : words) if (!model.dictionary().seen(w.form())) alone.put(w, full.get(w));
        return new Scores(LemmaScores.score(gold, t -> full.get(LemmatizerModel.Word.of(t)), model.dictionary()),
                LemmaScores.score(gold, t -> alone.getOrDefault(LemmatizerModel.Word.of(t), ""), model.dictionary()));
    }

    @Override
    public Map<String, Object> finish(LemmatizerModel best, TrainerState state, RunDirectory dir, PrintWriter out) {
        Map<String, Object> run = new LinkedHashMap<>();
        report("dev", best, dev, run, out);
        if (!test.isEmpty()) report("test", best, test, run, out);
        return run;
    }

    private void report(String name, LemmatizerModel best, List<Sentence> gold, Map<String, Object> run, PrintWriter out) {
        Scores s = scores(best, gold, config.beam());
        LemmaScores dictionary = LemmaScores.score(gold, t -> best.dictionary().lemmatize(t.form(), t.upos(), t.xpos()), best.dictionary());
        LemmaScores identity = LemmaScores.score(gold, t -> LemmaDictionary.identity(t.form()), best.dictionary());
        run.put(name + "_lemma", s.full().accuracy());
        run.put(name + "_unseen_lemma", s.full().unseenAccuracy());
        run.put(name + "_unseen_model", s.modelOnly().unseenAccuracy());
        run.put(name + "_dictionary_lemma", dictionary.accuracy());
        run.put(name + "_identity_lemma", identity.accuracy());
        out.printf(Locale.ROOT, "%s (gold UPOS, beam %d): lemma %.2f (unseen %.2f, %d words); model alone on unseen %.2f; "
                        + "dictionary baseline %.2f; identity %.2f (%d words)%n", name, config.beam(), s.full().accuracy(), s.full().unseenAccuracy(),
                s.full().unseenWords(), s.modelOnly().unseenAccuracy(), dictionary.accuracy(), identity.accuracy(), s.full().words());
    }
}
