package edu.cs224n.util;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * Logback's configuration, in code rather than {@code logback.xml}: parsing the XML (Joran) took a quarter of a second
 * of every start-up. Logback finds this class through {@code META-INF/services}; a {@code logback.xml} given with
 * {@code -Dlogback.configurationFile} still wins. Everything goes to standard error; the libraries' chatter is quieted.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final Map<String, Level> LEVELS = Map.of(
            "org.nd4j", Level.WARN, "org.deeplearning4j", Level.WARN, "org.datavec", Level.WARN,
            "org.nd4j.imports", Level.ERROR, "org.nd4j.autodiff.functions", Level.ERROR,
            "io.undertow", Level.WARN, "org.xnio", Level.WARN, "org.jboss", Level.WARN);

    @Override
    public void configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} %-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
