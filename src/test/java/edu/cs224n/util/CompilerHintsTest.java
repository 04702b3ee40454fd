package edu.cs224n.util;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CompilerHintsTest {
    @Test
    void hotSpotTakesTheDirectives() throws Exception {
        // The build's JDK is HotSpot: the directives must parse (a syntax error answers "Parsing ... failed").
        assertTrue(CompilerHints.keepSupportCodeAtC1(), "HotSpot refused the compiler directives");
        // Removed again, so the rest of this test JVM compiles as usual.
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerDirectivesRemove", new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }
}
