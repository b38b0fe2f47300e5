package org.printgate.spooler.ticket;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The waits between retries over one connection to the engine, with decorrelated jitter: each
 * wait is drawn between the first wait and three times the last one, up to a ceiling (Brooker,
 * "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). The waits grow while the
 * engine stays away, and the jobs of a spooler — and the spoolers of a site — that lost the
 * engine together do not all come back in the same second. Every failure over the connection
 * lengthens the waits, whichever job met it; any success starts them again from the first.
 */
final class Backoff {
    private final Duration first;
    private final Duration ceiling;
    private final RandomGenerator random;
    private Duration last;

    /** @param random the jitter's source: seeded in tests, so that they see the same waits each run */
    Backoff(Duration first, Duration ceiling, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || ceiling.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= ceiling, not " + first + " and " + ceiling);
        }
        this.first = first;
        this.ceiling = ceiling;
        this.random = random;
        this.last = first;
    }

    /** The wait before the next try, after a failure. */
    synchronized Duration next() {
        long low = first.toMillis();
        long high = Math.min(ceiling.toMillis(), last.toMillis() * 3);
        last = Duration.ofMillis(high <= low ? low : random.nextLong(low, high + 1));
        return last;
    }

    /** The engine answered: the next failure waits as little as the first. */
    synchronized void reset() {
        last = first;
    }
}
