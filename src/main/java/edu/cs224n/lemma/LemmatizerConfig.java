package edu.cs224n.lemma;

import edu.cs224n.config.ConfigException;
import edu.cs224n.config.Configs;
import edu.cs224n.config.Default;
import edu.cs224n.config.RunConfig;
import edu.cs224n.seq2seq.Seq2SeqSizes;

import java.util.Set;

/**
 * A lemmatizer experiment (YAML, snake_case keys): a (form, UPOS) -> lemma dictionary from training, and a character
 * seq2seq model (input: the UPOS tag as one symbol, then the form's characters; output: the lemma's characters) for
 * everything the dictionary lacks. {@code attention: 0} is the plain encoder-decoder.
 */
public record LemmatizerConfig(
        @Default("") String train,
        /** Required: the best model is chosen on it. */
        @Default("") String dev,
        @Default("") String test,
        /**
         * The training treebank with a tagger's UPOS in place of the gold (as {@code tagger jackknife --tagged} writes it):
         * the model then also trains on its (form, predicted UPOS, lemma) types, so a pipeline's lemmatizer learns what
         * the lemma is where the tagger errs (as a pipeline's parser trains on jackknifed tags). The dictionary stays
         * gold. Empty = gold tags only.
         */
        @Default("") String taggedTrain,
        /**
         * The word's XPOS as a second tag symbol of the model's input, after the UPOS (an ADJ tagged NNP keeps its
         * capital in EWT, one tagged JJ mostly does not); false = the UPOS alone.
         */
        @Default("false") boolean xpos,
        /** Character (and tag) embedding width. */
        @Default("50") int embedding,
        /** Encoder LSTM units per direction; the decoder LSTM has twice as many. */
        @Default("100") int hidden,
        /** Width of Bahdanau's attention MLP; 0 = the plain encoder-decoder. */
        @Default("100") int attention,
        @Default("0.3") double dropout,
        @Default("2e-3") double learningRate,
        /** (form, UPOS, lemma) types per batch. */
        @Default("64") int batchSize,
        @Default("30") int epochs,
        /** Training time budget over the whole run (evaluation excluded); 0 = none. */
        @Default("25") double maxTrainMinutes,
        /** Forms longer than this many characters are not trained on (URLs, e-mail addresses: their lemma is the form). */
        @Default("30") int maxTrainLength,
        /**
         * Stanza's edit classifier, for both models: a second output of the network, from the encoder's final states,
         * chooses "the form itself", "the form lowercased" or "the decoder's output".
         */
        @Default("true") boolean editClassifier,
        /** Beam width for lemmatizing (1 = greedy); dev evaluation during training is greedy. */
        @Default("1") int beam,
        /**
         * A word list, or a word-vector text file (its first column), of words known to exist: lemmatizing with
         * {@code beam} >= 2 takes the most probable output of the beam that is one of them or a training lemma, instead
         * of the most probable output ({@link Lexicon}); kept in the model file. Empty = none.
         */
        @Default("") String lexicon,
        /** Train on the first N sentences only; 0 = all. */
        @Default("0") int maxTrainSentences,
        @Default("1234") long seed,
        @Default("2") int threads) implements RunConfig {

    public static LemmatizerConfig defaults() {
        return Configs.defaults(LemmatizerConfig.class);
    }

    public Seq2SeqSizes sizes() {
        return new Seq2SeqSizes(embedding, hidden, attention, dropout, learningRate, seed, editClassifier ? LemmatizerModel.EDITS : 0);
    }

    @Override
    public LemmatizerConfig validate() {
        if (train == null || train.isBlank()) throw new ConfigException("train: a CoNLL-U file is required");
        ConfigException.requirePositive("embedding", embedding);
        ConfigException.requirePositive("hidden", hidden);
        ConfigException.requirePositive("batch_size", batchSize);
        ConfigException.requirePositive("epochs", epochs);
        ConfigException.requirePositive("max_train_length", maxTrainLength);
        ConfigException.requirePositive("beam", beam);
        if (maxTrainSentences < 0) throw new ConfigException("max_train_sentences: expected >= 0 (0 = all), got " + maxTrainSentences);
        if (attention < 0) throw new ConfigException("attention: expected >= 0 (0 = no attention), got " + attention);
        if (maxTrainMinutes < 0) throw new ConfigException("max_train_minutes: expected >= 0 (0 = no budget), got " + maxTrainMinutes);
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
        if (!(learningRate > 0)) throw new ConfigException("learning_rate: expected > 0, got " + learningRate);
        if (threads < 0) throw new ConfigException("threads: expected >= 0 (0 = ND4J default), got " + threads);
        return this;
    }

    @Override
    public Set<String> resumableKeys() {
        return Set.of("epochs", "threads", "max_train_minutes", "beam", "lexicon");
    }
}
