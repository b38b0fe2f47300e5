package org.printgate.engine.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One condition an operator should know of, from the moment it was raised until it cleared.
 *
 * @param kind what it is about
 * @param subject what it is about, by name: a queue, "job 12", a client's credential, a directory
 * @param severity how soon to look
 * @param message what happened, in words, for people
 * @param details facts for programs (the printer's state and reasons, a job's queue), in order
 * @param raisedAt when it was raised, by the engine's clock
 * @param clearedAt when it cleared, or null while it is open
 */
public record Alert(AlertKind kind, String subject, Severity severity, String message, Map<String, String> details,
                    Instant raisedAt, Instant clearedAt) {
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        // Kept in the order given: the webhook's JSON and the e-mail read better that way.
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    /**
     * The de-duplication key: one open alert per key, and a receiver can pair the resolved
     * message with its firing one.
     */
    public String key() {
        return kind.key() + ":" + subject;
    }

    public boolean isOpen() {
        return clearedAt == null;
    }

    /** The same alert, cleared at {@code when}. */
    public Alert clearedAt(Instant when) {
        return new Alert(kind, subject, severity, message, details, raisedAt, when);
    }
}
