package edu.cs224n.seq2seq;

/**
 * The sizes of a character sequence-to-sequence network; the plain and the attention model differ only in
 * {@code attention} (0 = plain).
 *
 * @param embedding    symbol embedding width (source and target tables)
 * @param hidden       encoder LSTM units per direction; the decoder LSTM has 2 * hidden
 * @param attention    the attention MLP's width; 0 = the plain encoder-decoder
 * @param dropout      p_drop on the encoder LSTMs' and the output layer's inputs
 * @param classes      a second output: a class per sequence from the encoder's final states (e.g. Stanza's edit classifier:
 *                     the output is the input, its lowercase, or the decoder's); 0 = none
 */
public record Seq2SeqSizes(int embedding, int hidden, int attention, double dropout, double learningRate, long seed, int classes) {
    public Seq2SeqSizes(int embedding, int hidden, int attention, double dropout, double learningRate, long seed) {
        this(embedding, hidden, attention, dropout, learningRate, seed, 0);
    }

    public Seq2SeqSizes {
        if (embedding < 1 || hidden < 1 || attention < 0 || classes < 0 || classes == 1) {
            throw new IllegalArgumentException("seq2seq sizes: embedding, hidden >= 1, attention >= 0 and classes 0 or >= 2 expected");
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout: expected a probability in [0, 1), got " + dropout);
    }

    public int encoderSize() {
        return 2 * hidden;
    }

    public int decoderSize() {
        return 2 * hidden;
    }
}
