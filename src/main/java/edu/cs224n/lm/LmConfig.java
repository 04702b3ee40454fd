package edu.cs224n.lm;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;

import java.util.List;

/**
 * Every hyper-parameter of an RNN LM run; YAML keys are the snake_case names, paths found through
 * {@link edu.cs224n.config.DataRoot}.
 *
 * @param level       {@code word} (tokens separated by whitespace, one sentence a line, or CoNLL forms) or {@code char}
 *                    (every character a token; a line end is the end-of-sentence token)
 * @param split       when > 0, {@code train} is cut: its first {@code split} fraction trains and the rest validates
 *                    ({@code valid} is then ignored); 0 = separate files
 * @param rnn         the recurrent part, by name: {@code mikolov} (sigmoid, CS224n assignment 2), {@code stacked-tanh},
 *                    {@code stacked-gru} (a GRU when layers = 1), {@code gf-tanh}, {@code gf-gru} (Gated-Feedback RNN)
 * @param dropout     drop probability on the recurrent part's input and output (0 = none)
 * @param dropoutMask {@code step}: a new mask at every step (DL4J's dropout); {@code sequence}: one mask per unit for all
 *                    the steps of a training sequence (variational or "locked" dropout, Gal and Ghahramani 2016)
 * @param tie         tied input and output embeddings: the input vectors are the output layer's word vectors (one
 *                    array, its gradient the sum of both uses); needs embedding = hidden
 * @param output      {@code softmax} (full) or {@code class} (class-factored softmax)
 * @param classes     classes of the class-factored softmax (0 = sqrt(|V|))
 * @param clip        gradient L2-norm clipping per layer (0 = none)
 * @param evalEvery   chunks between validations (0 = once per pass over the training text)
 * @param maxMinutes  training-time budget (0 = none): training stops when it is spent, then the model is validated
 * @param budgetClock what the budget counts: {@code wall} (elapsed time) or {@code cpu} (the training thread's CPU
 *                    time, so that runs sharing the machine get equal compute; needs {@code threads: 1})
 * @param evalStreams the validation between rounds reads the text as this many parts side by side (faster; the final
 *                    valid and test figures always read it as one stream, exactly)
 */
public record LmConfig(
        @Default("corpora/brown/brown.train.txt") String train,
        @Default("corpora/brown/brown.valid.txt") String valid,
        @Default("corpora/brown/brown.test.txt") String test,
        @Default("word") String level,
        @Default("0") double split,
        /** Words seen fewer times are {@code <unk>} (4: the Bengio et al. Brown vocabulary). */
        @Default("4") int minCount,
        /** At most this many words (0 = no limit). */
        @Default("0") int maxVocab,
        @Default("100") int embedding,
        @Default("mikolov") String rnn,
        @Default("1") int layers,
        @Default("200") int hidden,
        @Default("0") double dropout,
        @Default("step") String dropoutMask,
        @Default("false") boolean tie,
        @Default("softmax") String output,
        @Default("0") int classes,
        /** Truncated BPTT length. */
        @Default("10") int tau,
        /** Parallel streams the training text is cut into (the batch size). */
        @Default("32") int streams,
        /** Steps per fit call (a multiple of tau); the state is carried across chunks. */
        @Default("500") int chunk,
        @Default("2e-3") double learningRate,
        @Default("0") double clip,
        @Default("4") int epochs,
        @Default("0") int evalEvery,
        @Default("0") double maxMinutes,
        @Default("wall") String budgetClock,
        @Default("1234") long seed,
        /** Steps per forward pass when scoring perplexity. */
        @Default("500") int evalWindow,
        @Default("1") int evalStreams,
        @Default("2") int threads) implements RunConfig {

    public static final List<String> RNNS = List.of("mikolov", "stacked-tanh", "stacked-gru", "gf-tanh", "gf-gru");
    public static final List<String> OUTPUTS = List.of("softmax", "class");

    /** Mikolov-style defaults on Brown with the Bengio et al. vocabulary (words seen <= 3 times -> <unk>). */
    public static LmConfig defaults() {
        return Configs.defaults(LmConfig.class);
    }

    /** A resumed run may also change its time budget. */
    @Override
    public java.util.Set<String> resumableKeys() {
        return java.util.Set.of("epochs", "max_minutes", "threads");
    }

    public boolean charLevel() {
        return "char".equals(level);
    }

    public LmConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a training text is required");
        if (split == 0 && (valid == null || valid.isBlank())) {
            throw new ConfigException("valid: a validation text is required (the best model is chosen on it), or split > 0");
        }
        if (!List.of("word", "char").contains(level)) throw new ConfigException("level: expected word or char, got " + level);
        if (!(split >= 0 && split < 1)) throw new ConfigException("split: expected 0 (separate files) or a fraction in (0, 1), got " + split);
        if (!RNNS.contains(rnn)) throw new ConfigException("rnn: expected one of " + RNNS + ", got " + rnn);
        if (!OUTPUTS.contains(output)) throw new ConfigException("output: expected one of " + OUTPUTS + ", got " + output);
        if ("mikolov".equals(rnn) && layers != 1) throw new ConfigException("layers: the mikolov RNN has one layer, got " + layers);
        ConfigException.requirePositive("min_count", minCount);
        ConfigException.requirePositive("embedding", embedding);
        ConfigException.requirePositive("layers", layers);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("tau", tau);
        ConfigException.requirePositive("streams", streams);
        ConfigException.requirePositive("chunk", chunk);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("eval_window", evalWindow);
        ConfigException.requirePositive("eval_streams", evalStreams);
        if (chunk % tau != 0) throw new ConfigException("chunk: expected a multiple of tau (" + tau + "), got " + chunk);
        if (maxVocab < 0) throw new ConfigException("max_vocab: expected >= 0 (0 = no limit), got " + maxVocab);
        if (classes < 0) throw new ConfigException("classes: expected >= 0 (0 = sqrt of the vocabulary), got " + classes);
        if (evalEvery < 0) throw new ConfigException("eval_every: expected >= 0 (0 = once per pass), got " + evalEvery);
        if (!List.of("step", "sequence").contains(dropoutMask)) throw new ConfigException("dropout_mask: expected step or sequence, got " + dropoutMask);
        if (tie && embedding != hidden) {
            throw new ConfigException("tie: the input vectors are the output layer's, so embedding must equal hidden; got embedding " + embedding + ", hidden " + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
        if (!(clip >= 0)) throw new ConfigException("clip: expected >= 0 (0 = none), got " + clip);
        if (!(maxMinutes >= 0)) throw new ConfigException("max_minutes: expected >= 0 (0 = no budget), got " + maxMinutes);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (!List.of("wall", "cpu").contains(budgetClock)) throw new ConfigException("budget_clock: expected wall or cpu, got " + budgetClock);
        if (budgetClock.equals("cpu") && threads != 1) {
            throw new ConfigException("budget_clock: cpu counts the training thread's time alone, so it needs threads: 1, got " + threads);
        }
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }

}
