package edu.cs224n.data;

/** Malformed input (CoNLL, word vectors): names the file, the 1-based line and what was expected there. */
public final class InputFormatException extends RuntimeException {
    private final String source;
    private final int line;

    public InputFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    public String source() { return source; }

    public int line() { return line; }
}
