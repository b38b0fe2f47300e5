package org.printgate.ipp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The programs' logging set up in code: stderr, INFO, libraries quieter; a test's XML file still wins. */
class ConsoleLoggingTest {

    @Test
    void configuresStderrAtInfoWithLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configureInCode(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
            assertThat(appender.getTarget()).isEqualTo("System.err");
            assertThat(appender.isStarted()).isTrue();
        });
        assertThat(context.getLogger("io.undertow.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.printgate.engine.Engine").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void leavesTheConfigurationToALogbackTestFileWhenThereIsOne() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
}
