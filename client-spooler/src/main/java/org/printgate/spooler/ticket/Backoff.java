package org.printgate.spooler.ticket;

import java.time.Duration;

/** Doubling waits between retries of an unreachable engine: 1 s, 2 s, 4 s ... up to a ceiling. */
final class Backoff {
    private final Duration first;
    private final Duration ceiling;
    private Duration next;

    Backoff(Duration first, Duration ceiling) {
        this.first = first;
        this.ceiling = ceiling;
        this.next = first;
    }

    synchronized Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
        return now;
    }

    synchronized void reset() {
        next = first;
    }
}
