package edu.cs224n.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream, split as {@link java.io.BufferedReader#readLine()} splits them (at \n, \r or \r\n; a last
 * line without one), each decoded straight from the bytes into its String ({@link #readLine}), or left as bytes ({@link #next}). A reader over a decoder turns the bytes into
 * chars and readLine turns them back into a compact String: two copies per line where this makes one. Malformed bytes
 * become U+FFFD as there. A line is never cut inside a character: no UTF-8 sequence holds the byte \n or \r.
 */
final class Utf8Lines implements Closeable {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;              // the next unread byte
    private int end;              // bytes in buf
    private boolean eof;
    private boolean skipLf;       // the last line ended at \r: a \n right after it belongs to that line

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    private int lineStart;        // the current line is buf[lineStart .. lineEnd)
    private int lineEnd;

    /** The next line without its terminator, or null at the end. */
    String readLine() throws IOException {
        return next() ? new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8) : null;
    }

    /**
     * Moves to the next line (false at the end): its bytes, without the terminator, are {@link #bytes()} from
     * {@link #start()} to {@link #end()}, until the next call. A reader of columns can then decode each column alone.
     */
    boolean next() throws IOException {
        if (skipLf) {
            if (pos == end) fill();
            if (pos < end && buf[pos] == '\n') pos++;
            skipLf = false;
        }
        int i = pos;
        while (true) {
            byte[] b = buf;
            for (; i < end; i++) {
                if (b[i] == '\n' || b[i] == '\r') {
                    lineStart = pos;
                    lineEnd = i;
                    skipLf = b[i] == '\r';
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos == end) return false;
                lineStart = pos;
                lineEnd = end;
                pos = end;
                return true;
            }
            int scanned = i - pos;
            fill();
            i = pos + scanned;
        }
    }

    byte[] bytes() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** Keeps the unread bytes (moved to the front; the buffer doubled when they fill it) and reads more after them. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) buf = Arrays.copyOf(buf, 2 * buf.length);
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) eof = true;
        else end += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
