package org.printgate.engine.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every alert in the engine's log: warnings and errors as they fire, an info line as they clear. */
final class LogChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger("org.printgate.engine.alerts");

    @Override
    public void firing(Alert alert) {
        if (alert.severity() == Severity.CRITICAL) {
            log.error("ALERT {} [{}]: {}", alert.kind().title(), alert.key(), alert.message());
        } else {
            log.warn("ALERT {} [{}]: {}", alert.kind().title(), alert.key(), alert.message());
        }
    }

    @Override
    public void resolved(Alert alert) {
        log.info("RESOLVED {} [{}]: {}", alert.kind().title(), alert.key(), alert.message());
    }
}
