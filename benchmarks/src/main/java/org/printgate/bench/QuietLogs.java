package org.printgate.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The engine logs each queue its watch cannot check, and a bench makes thousands: while a bench
 * runs, Printgate logs below WARN (ERROR for the watch), and the levels come back when it ends.
 */
public final class QuietLogs implements AutoCloseable {
    private final Map<String, Level> before = new LinkedHashMap<>();

    public QuietLogs() {
        Map<String, Level> wanted = new LinkedHashMap<>();
        wanted.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        wanted.put("org.printgate", Level.WARN);
        wanted.put("org.printgate.engine.watch", Level.ERROR);
        wanted.forEach((name, level) -> {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                before.put(name, logger.getLevel());
                logger.setLevel(level);
            }
        });
    }

    @Override
    public void close() {
        before.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
