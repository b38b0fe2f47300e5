package org.printgate.spooler.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by asking it again every few milliseconds until it holds or time is up. */
final class Await {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {}

    static void until(Duration timeout, BooleanSupplier condition, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Waits until {@code counter} has not changed for {@code quiet}: traffic in flight has arrived. */
    static void quiet(Duration quiet, Duration timeout, java.util.function.LongSupplier counter) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = counter.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PAUSE_NANOS);
            long now = counter.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }
}
