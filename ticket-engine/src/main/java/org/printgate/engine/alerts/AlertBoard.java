package org.printgate.engine.alerts;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alerts that are open now, and those of late. Raising an alert that is already open (same
 * kind and subject) sends nothing: a printer seen jammed at every check is one incident, told
 * once. Clearing an open alert sends one recovery message; clearing one that is not open does
 * nothing, so sources may clear on every good reading.
 * <p>
 * Channels hear of each alert under the board's lock, so a firing message is always handed to
 * them before its resolved one; they only queue the message and return.
 */
public final class AlertBoard {
    /** Alerts kept in {@link #history()}: a few days of an ordinary site's incidents. */
    static final int HISTORY = 200;

    private final Clock clock;
    private final List<AlertChannel> channels;
    private final Map<String, Alert> open = new LinkedHashMap<>();
    /** Raised and cleared alerts, oldest first; a cleared one appears twice (raised, then cleared). */
    private final Deque<Alert> history = new ArrayDeque<>();

    public AlertBoard(Clock clock, List<AlertChannel> channels) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channels = List.copyOf(channels);
    }

    /** Raises an alert unless one of this kind and subject is open; true if it was raised (and sent) now. */
    public synchronized boolean raise(AlertKind kind, String subject, Severity severity, String message,
                                      Map<String, String> details) {
        Alert alert = new Alert(kind, subject, severity, message, details, clock.instant(), null);
        if (open.putIfAbsent(alert.key(), alert) != null) {
            return false;
        }
        remember(alert);
        for (AlertChannel channel : channels) {
            tell(channel, alert, true);
        }
        return true;
    }

    /** Clears the open alert of this kind and subject, if any; true if one was cleared (and its recovery sent). */
    public synchronized boolean clear(AlertKind kind, String subject) {
        Alert was = open.remove(kind.key() + ":" + subject);
        if (was == null) {
            return false;
        }
        Alert cleared = was.clearedAt(clock.instant());
        remember(cleared);
        for (AlertChannel channel : channels) {
            tell(channel, cleared, false);
        }
        return true;
    }

    /** Is an alert of this kind and subject open? */
    public synchronized boolean isOpen(AlertKind kind, String subject) {
        return open.containsKey(kind.key() + ":" + subject);
    }

    /** The open alerts, oldest first. */
    public synchronized List<Alert> open() {
        return open.values().stream().sorted(Comparator.comparing(Alert::raisedAt)).toList();
    }

    /** How many alerts are open. */
    public synchronized int openCount() {
        return open.size();
    }

    /** The {@code limit} oldest open alerts, oldest first: O(limit), for a page of a site-wide incident's 200,000. */
    public synchronized List<Alert> oldestOpen(int limit) {
        // Kept in the order they were raised, which is the order of their raisedAt.
        return open.values().stream().limit(limit).toList();
    }

    /** The open alerts of one kind, oldest first. */
    public synchronized List<Alert> open(AlertKind kind) {
        return open().stream().filter(a -> a.kind() == kind).toList();
    }

    /**
     * Alerts raised and cleared of late, newest first, at most {@value #HISTORY}: an alert that
     * cleared is listed when it cleared (with {@link Alert#clearedAt()}) and when it was raised.
     */
    public synchronized List<Alert> history() {
        List<Alert> newestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    private void remember(Alert alert) {
        history.addLast(alert);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** One channel's failure (a bug, a full queue) must not keep the others from hearing. */
    private static void tell(AlertChannel channel, Alert alert, boolean firing) {
        try {
            if (firing) {
                channel.firing(alert);
            } else {
                channel.resolved(alert);
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AlertBoard.class)
                    .error("alert channel {} failed on {}", channel.getClass().getSimpleName(), alert.key(), e);
        }
    }
}
