package edu.cs224n.experiments;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.lm.LmConfig;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * The gated-feedback study ({@code experiment run gfrnn --config conf/gfrnn-study.yaml}): four character-level models of
 * about equal size, a learning-rate search for each, then final runs with several seeds, all on equal CPU budgets.
 * The defaults are the study of {@code conf/gfrnn-study.yaml}; {@link #REDUCED} is the few-minute form CI runs.
 *
 * @param models        each {@code rnn:hidden}, the widths chosen so the parameter counts match (within {@code maxParameterSpread})
 * @param learningRates the search grid; while a model's best rate is at an edge of what it tried, the study also tries
 *                      half (or twice) that rate, twice at most, so the chosen rate is not cut off by the grid
 * @param searchMinutes CPU budget of each learning-rate search run (one seed, the first)
 * @param finalMinutes  CPU budget of each final run
 * @param parallel      runs trained side by side, each on one thread (budgets are CPU time, so sharing the machine is fair)
 * @param work          where the runs live; a run found there (finished or checkpointed) is resumed, not redone
 */
public record GatedFeedbackStudyConfig(
        @Default("corpora/tinyshakespeare/input.txt") String text,
        /** The first {@code split} of the text trains, the rest validates. */
        @Default("0.9") double split,
        @Default("[stacked-tanh:410, gf-tanh:280, stacked-gru:236, gf-gru:200]") List<String> models,
        @Default("3") int layers,
        @Default("64") int embedding,
        @Default("50") int tau,
        @Default("64") int streams,
        @Default("500") int chunk,
        @Default("5.0") double clip,
        /** Chunks between validations (the curve's points). */
        @Default("10") int evalEvery,
        @Default("16") int evalStreams,
        @Default("[0.001, 0.002, 0.004]") List<Double> learningRates,
        /** How many times the grid may be extended past an edge (0 = the grid as given). */
        @Default("1") int maxExtensions,
        @Default("3") double searchMinutes,
        @Default("10") double finalMinutes,
        @Default("[1234, 4321]") List<Long> seeds,
        @Default("2") int parallel,
        @Default("0.05") double maxParameterSpread,
        @Default("runs/gfrnn-study") String work) {

    /** The CI form: the same four model kinds and claim shape at about a tenth of the size, two learning rates, one seed. */
    public static final GatedFeedbackStudyConfig REDUCED = new GatedFeedbackStudyConfig("corpora/tinyshakespeare/input.txt", 0.99,
            List.of("stacked-tanh:120", "gf-tanh:82", "stacked-gru:68", "gf-gru:58"), 3, 32, 50, 32, 250, 5.0, 8, 16,
            List.of(0.002, 0.004), 0, 0.05, 0.15, List.of(1234L), 2, 0.05, "runs/gfrnn-study-reduced");

    /** The reduced study with its runs in {@code work}. */
    public GatedFeedbackStudyConfig in(String work) {
        return Configs.with(this, "work", work);
    }

    /** One model of the study. */
    public record Model(String rnn, int hidden) {
        public String name() {
            return rnn + "-" + hidden;
        }

        public boolean gatedFeedback() {
            return rnn.startsWith("gf-");
        }

        /** The unit type: tanh or gru. */
        public String unit() {
            return rnn.substring(rnn.indexOf('-') + 1);
        }
    }

    public List<Model> parsedModels() {
        return models.stream().map(m -> {
            int colon = m.indexOf(':');
            if (colon <= 0) throw new ConfigException("models: expected rnn:hidden, got " + m);
            String rnn = m.substring(0, colon).trim();
            if (!List.of("stacked-tanh", "gf-tanh", "stacked-gru", "gf-gru").contains(rnn)) {
                throw new ConfigException("models: expected stacked-tanh, gf-tanh, stacked-gru or gf-gru, got " + rnn);
            }
            try {
                return new Model(rnn, Integer.parseInt(m.substring(colon + 1).trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("models: expected a hidden width after ':', got " + m);
            }
        }).toList();
    }

    public GatedFeedbackStudyConfig validate() {
        List<Model> ms = parsedModels();
        for (String unit : List.of("tanh", "gru")) {
            boolean stacked = ms.stream().anyMatch(m -> m.unit().equals(unit) && !m.gatedFeedback());
            boolean gf = ms.stream().anyMatch(m -> m.unit().equals(unit) && m.gatedFeedback());
            if (stacked != gf) throw new ConfigException("models: the " + unit + " units need both a stacked and a gated-feedback model");
        }
        if (learningRates.isEmpty()) throw new ConfigException("learning_rates: at least one");
        if (seeds.isEmpty()) throw new ConfigException("seeds: at least one");
        if (!(searchMinutes > 0) || !(finalMinutes > 0)) throw new ConfigException("search_minutes and final_minutes: expected > 0");
        ConfigException.requirePositive("parallel", parallel);
        if (maxExtensions < 0) throw new ConfigException("max_extensions: expected >= 0, got " + maxExtensions);
        return this;
    }

    /** The LM config of one run. */
    LmConfig run(Model m, double learningRate, long seed, double minutes) {
        return Configs.with(LmConfig.defaults(), Map.ofEntries(
                entry("train", text), entry("valid", ""), entry("test", ""),
                entry("level", "char"), entry("split", split), entry("min_count", 1),
                entry("embedding", embedding), entry("rnn", m.rnn()), entry("layers", layers),
                entry("hidden", m.hidden()), entry("output", "softmax"), entry("tau", tau),
                entry("streams", streams), entry("chunk", chunk), entry("learning_rate", learningRate),
                entry("clip", clip), entry("epochs", 1000), entry("eval_every", evalEvery),
                entry("max_minutes", minutes), entry("budget_clock", "cpu"),
                entry("eval_streams", evalStreams), entry("seed", seed), entry("threads", 1)));
    }
}
