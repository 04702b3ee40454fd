package edu.cs224n.testing;

import edu.cs224n.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** A command line run as a user runs it, its streams captured by the command line itself (no global stream swapping). */
public final class Cli {
    private Cli() {}

    public record Result(int code, String out, String err) {}

    /** Runs {@code args} with {@code stdin} (null: empty) as standard input. */
    public static Result run(String stdin, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        int code = Main.run(in, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
