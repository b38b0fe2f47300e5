package org.printgate.engine.alerts;

/**
 * A way of telling operators: the log, a webhook, e-mail. Called once when an alert is raised
 * and once when it clears; implementations must return at once (no network I/O on the caller's
 * thread), since the caller may be the engine's timer thread.
 */
public interface AlertChannel extends AutoCloseable {
    void firing(Alert alert);

    void resolved(Alert alert);

    /** Stops sending; the webhook and e-mail keep the messages not yet out for their next start. */
    @Override
    default void close() {
    }
}
