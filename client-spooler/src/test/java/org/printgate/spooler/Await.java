package org.printgate.spooler;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping: polls it until it holds or a deadline passes.
 * The short pause between polls lives here and nowhere else.
 */
public final class Await {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private Await() {
    }

    /** Polls {@code condition} until it is true; fails with "Timed out after …: {@code what}". */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /**
     * Like {@link #until(Duration, BooleanSupplier, String)}, but builds the failure message only
     * when the wait fails, so it can carry the latest state (a log tail, the last answer seen).
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what.get());
            }
            // Back off gently: fast peers answer within milliseconds, slow ones are not hammered.
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
        }
    }
}
