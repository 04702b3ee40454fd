package edu.cs224n.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
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
}
