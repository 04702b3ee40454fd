package edu.cs224n.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every command has: the streams of the command line it runs in (picocli's writers, and {@link Main}'s input), so
 * a command never touches {@code System.out} and a test runs one without swapping global streams.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    InputStream in() {
        return ((Main) spec.root().userObject()).in;
    }

    /** A UTF-8 text file, or standard input when {@code input} is null. */
    String readText(Path input) throws IOException {
        return input == null ? new String(in().readAllBytes(), StandardCharsets.UTF_8) : Files.readString(input);
    }

    /** A CoNLL file, or standard input when {@code input} is null; {@code trees}: every sentence must carry a tree. */
    List<Sentence> readConll(Path input, boolean trees) {
        return input == null ? ConllSequenceRecordReader.read(in(), "<stdin>", trees) : ConllSequenceRecordReader.read(input, trees);
    }

    /** How an input is named in messages. */
    static String name(Path input) {
        return input == null ? "<stdin>" : input.toString();
    }
}
