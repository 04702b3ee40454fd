package edu.cs224n.util;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

/**
 * Compiler directives for a long file job in a fresh JVM on few cores. C2's compile time is taken from the job itself
 * there (on one core, about a quarter of a 40k-sentence parse), and most of what it compiles is code that C1's code runs
 * about as fast for this job: the JDK's strings, maps and encoders, the CoNLL reader and writer, the vocabularies'
 * lookups. Those stay at C1; the parser's own loops get C2 as before. Added through HotSpot's diagnostic command MBean
 * (the in-process form of {@code jcmd Compiler.directives_add}); a JVM without it is left as it is. Starting the MBean
 * server costs about 0.17 s, so callers use this for large inputs only. The directives change speed, never results.
 */
public final class CompilerHints {
    private CompilerHints() {}

    /** Methods left to C1 (a directive's {@code match} patterns; C2 may still inline them into the methods it compiles). */
    static final String DIRECTIVES = """
            [ { match: ["java/*.*", "sun/*.*", "jdk/*.*", "edu/cs224n/data/*.*",
                        "edu/cs224n/parser/ParserVocabulary.*", "edu/cs224n/parser/InputContract*.*"],
                c2: { Exclude: true } } ]
            """;

    /** Adds {@link #DIRECTIVES}; returns whether the JVM took them. */
    public static boolean keepSupportCodeAtC1() {
        Path file = null;
        try {
            file = Files.createTempFile("cs224n-directives", ".json");
            Files.writeString(file, DIRECTIVES, StandardCharsets.UTF_8);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return String.valueOf(answer).strip().matches("[1-9][0-9]* compiler directives added");
        } catch (Exception | LinkageError e) {
            return false; // another JVM, or no temporary directory: the JIT as it is
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file of a few hundred bytes left behind
                }
            }
        }
    }
}
