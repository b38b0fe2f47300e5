package org.printgate.ipp.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The logging of every Printgate program (simulator, engine, spooler), set up in code and found
 * by logback through {@code ServiceLoader}: one line per event on stderr, libraries at WARN.
 * Reading an XML file instead would load logback's configurator and the JDK's XML parser, some
 * 800 classes, in the spooler that runs on every desktop. A {@code logback.xml} named by
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path (tests),
 * still wins. Programs without logback never load this class.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final Map<String, Level> LIBRARIES = Map.of(
            "org.apache.pdfbox", Level.WARN, "org.apache.fontbox", Level.WARN, "io.undertow", Level.WARN,
            "org.xnio", Level.WARN, "org.jboss.threads", Level.WARN, "org.snmp4j", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureInCode(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configureInCode(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
