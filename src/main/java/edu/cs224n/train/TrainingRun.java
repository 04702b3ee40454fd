package edu.cs224n.train;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.RunConfig;
import edu.cs224n.io.ModelFile;
import edu.cs224n.io.Provenance;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one lifecycle of every training run: thread setting and output folder, the resume check against the
 * checkpoint's config, {@code config.yaml} and provenance, the {@link Trainer} with the standard listeners (epoch table,
 * {@code metrics.csv}, {@code curve.png}), the best model reloaded, the model's final report and {@code run.json}.
 * A model brings only a {@link Recipe}: its data, a fresh network, its evaluation and its report.
 */
public final class TrainingRun<C extends Record & RunConfig, M extends TrainableModel> {

    /** What a model supplies to be trained. A recipe serves one run: it keeps the data it prepared and the scores it finished with. */
    public interface Recipe<C extends Record & RunConfig, M extends TrainableModel> {
        /** The {@link ModelFile} kind of the model. */
        String kind();

        /** The curve's title. */
        String title();

        /** The metric that chooses the best model (higher is better). */
        String primaryMetric();

        /** The columns of the epoch table and {@code metrics.csv}. */
        List<String> metrics();

        /** The metrics drawn in {@code curve.png}. */
        default List<String> curveMetrics() {
            return metrics();
        }

        /** Reads (or makes) the run's data, once; returns the data files for the provenance. */
        Map<String, Path> prepare(RunDirectory dir, PrintWriter out) throws IOException;

        /** A fresh model (network, vocabularies) on the prepared data. */
        M fresh(PrintWriter out) throws IOException;

        /** The model in a file (a checkpoint, or the best model), e.g. {@code ParserModel::from}. */
        M fromFile(ModelFile.Contents file) throws IOException;

        /** With the model fixed (fresh or resumed): builds what training needs from it (examples, batched streams) and prints the data and model sizes. */
        void prepareTraining(M model, PrintWriter out);

        Trainer.EpochBatches batches(M model);

        Trainer.Evaluation evaluation(M model);

        /** Scores the best model, writes its own files, prints its summary; returns the fields it adds to {@code run.json}. */
        Map<String, Object> finish(M best, TrainerState state, RunDirectory dir, PrintWriter out) throws IOException;

        /** The budget of training time (evaluation excluded) over the whole run; 0 = none. */
        default double maxTrainSeconds() {
            return 0;
        }

        /** What {@link #maxTrainSeconds} is measured with. */
        default Trainer.Clock clock() {
            return Trainer.Clock.WALL;
        }

        /** Epochs the Trainer runs (a language model counts rounds). */
        default int epochs(M model) {
            return config().epochs();
        }

        C config();
    }

    /** What a run ends with: the best model, the trainer's state and the fields written to {@code run.json}. */
    public record Result<M>(M model, TrainerState state, Map<String, Object> report) {}

    private final Recipe<C, M> recipe;
    private final Path outputDir;
    private final PrintWriter out;

    public TrainingRun(Recipe<C, M> recipe, Path outputDir, PrintWriter out) {
        this.recipe = recipe;
        this.outputDir = outputDir;
        this.out = out;
    }

    public Result<M> run(boolean resume, boolean progressBar) throws IOException {
        C config = recipe.config();
        config.validate();
        RunDirectory dir = RunDirectory.create(outputDir, config);
        Map<String, Path> dataFiles = recipe.prepare(dir, out);

        Path checkpoint = outputDir.resolve(Trainer.CHECKPOINT);
        M model;
        TrainerState state = TrainerState.fresh();
        if (resume && Files.exists(checkpoint)) {
            ModelFile.Contents file = ModelFile.read(checkpoint, recipe.kind(), true);
            @SuppressWarnings("unchecked") C saved = file.config((Class<C>) config.getClass());
            if (!Configs.sameExcept(saved, config, config.resumableKeys())) {
                throw new ConfigException(checkpoint + " was written with a different config (" + String.join(", ", Configs.differences(saved, config))
                        + " differ; only " + String.join(", ", config.resumableKeys().stream().sorted().toList())
                        + " may change on resume); resume with the same config or use a new --output");
            }
            model = recipe.fromFile(file.withConfig(config)); // the checkpoint, run with this run's epochs and threads
            String s = file.optionalText(ModelFile.TRAINER_STATE);
            if (s == null) throw new IllegalArgumentException(checkpoint + ": a model file without trainer state; it cannot be resumed");
            state = TrainerState.fromJson(s);
            out.printf(Locale.ROOT, "resuming from %s after epoch %d (best %s %.4f at epoch %d)%n", checkpoint, state.epochsDone(),
                    recipe.primaryMetric(), state.best(), state.bestEpoch());
        } else {
            if (Files.exists(checkpoint)) out.println("note: " + checkpoint + " exists; starting afresh (--resume continues it)");
            model = recipe.fresh(out);
        }
        dir.record(dataFiles);
        recipe.prepareTraining(model, out);

        M training = model;
        Trainer.Saver saver = (target, st, isCheckpoint) -> {
            ModelFile.Builder f = training.toFile(isCheckpoint).texts(trainingEntries(dir.provenance(), st));
            if (isCheckpoint) f.text(ModelFile.TRAINER_STATE, st.toJson());
            f.write(target);
        };
        List<String> metrics = recipe.metrics();
        Trainer trainer = new Trainer(new Trainer.Options(recipe.epochs(model), outputDir, recipe.primaryMetric(), config.seed(), progressBar,
                recipe.maxTrainSeconds(), recipe.clock()))
                .listen(new EpochTable(out, metrics))
                .listen(new MetricsCsv(outputDir.resolve("metrics.csv"), metrics))
                .listen(new CurvePlot(outputDir.resolve("curve.png"), recipe.title(), recipe.curveMetrics()));
        state = trainer.train(model.network(), recipe.batches(model), recipe.evaluation(model), saver, state);

        M best = recipe.fromFile(ModelFile.read(outputDir.resolve(Trainer.MODEL), recipe.kind(), false));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("parameters", best.network().numParams());
        report.put("best_epoch", state.bestEpoch());
        report.put("epochs", state.epochsDone());
        report.put("train_seconds", state.history().stream().mapToDouble(EpochResult::trainSeconds).sum());
        report.putAll(recipe.finish(best, state, dir, out));
        dir.writeRunJson(report);
        return new Result<>(best, state, report);
    }

    /** The provenance stored in a model file: the run's, with the saved epoch and its metrics. */
    private static Map<String, String> trainingEntries(Map<String, Object> provenance, TrainerState state) {
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        EpochResult last = state.history().get(state.history().size() - 1);
        prov.put("epoch", last.epoch());
        prov.put("metrics", last.metrics());
        return Map.of(ModelFile.PROVENANCE, Provenance.toJson(prov));
    }
}
