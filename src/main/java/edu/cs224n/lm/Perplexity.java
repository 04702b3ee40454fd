package edu.cs224n.lm;

import java.util.Locale;

/**
 * Perplexity as CS224n assignment 2 defines it: exp of the mean per-token cross-entropy, -1/T sum log P(x_t | x_<t), over
 * every predicted token, end-of-sentence tokens included; {@code <unk>} tokens are predicted and counted like any
 * other word, and how many there were is reported beside the figure.
 */
public record Perplexity(double negLogLikelihood, long tokens, long unknownTokens) {
    public double value() {
        return Math.exp(negLogLikelihood / tokens);
    }

    /** Mean cross-entropy in nats per token. */
    public double natsPerToken() {
        return negLogLikelihood / tokens;
    }

    /** Bits per token (per character for a character-level model). */
    public double bitsPerToken() {
        return natsPerToken() / Math.log(2);
    }

    /** The character-level summary: bits and nats per character (a line end counts as one). */
    public String charSummary() {
        return String.format(Locale.ROOT, "BPC=%.4f nats_per_char=%.4f chars=%d unk=%d", bitsPerToken(), natsPerToken(), tokens, unknownTokens);
    }

    public String summary() {
        return String.format(Locale.ROOT, "PPL=%.2f tokens=%d unk=%d (%.2f%%)", value(), tokens, unknownTokens, 100.0 * unknownTokens / tokens);
    }
}
