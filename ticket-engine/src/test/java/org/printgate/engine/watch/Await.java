package org.printgate.engine.watch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by polling it against a deadline: tests wait for state, never for time. */
public final class Await {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** A condition that may throw, e.g. an assertion. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Condition condition) {
        until(DEFAULT_TIMEOUT, what, condition);
    }

    public static void until(Duration timeout, String what, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check(condition, what)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            // The poll interval, not a wait for the behaviour under test.
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean check(Condition condition, String what) {
        try {
            return condition.holds();
        } catch (Exception e) {
            throw new AssertionError("failed checking whether " + what, e);
        }
    }
}
