package org.printgate.ipp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling; tests wait on conditions, never on time. */
final class Await {
    private Await() {}

    static void until(BooleanSupplier condition, String what) {
        until(Duration.ofSeconds(20), condition, what);
    }

    static void until(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            // A short park between polls; the condition, not the time, ends the wait.
            LockSupport.parkNanos(5_000_000);
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
