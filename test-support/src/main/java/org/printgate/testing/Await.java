package org.printgate.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a condition with a deadline, on Awaitility: tests wait on conditions, never on time.
 * A failed wait says what it waited for, with the latest state when the caller gives a supplier.
 */
public final class Await {
    /** How long a wait lasts when the test names no time: peers answer in milliseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** A condition that may throw (an assertion, a request to a peer): a throw fails the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Condition condition) {
        until(DEFAULT_TIMEOUT, what, condition);
    }

    public static void until(BooleanSupplier condition, String what) {
        until(DEFAULT_TIMEOUT, condition, what);
    }

    public static void until(Duration timeout, String what, Condition condition) {
        wait(timeout, condition::holds, () -> what);
    }

    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /** Builds the failure message only when the wait fails, so it can carry the latest state. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        wait(timeout, condition::getAsBoolean, what);
    }

    /**
     * Polls every {@code every}, not ever less often as the others do: for a condition that
     * advances a test's clock as it polls, so that the clock runs at a steady pace.
     */
    public static void until(Duration timeout, Duration every, BooleanSupplier condition, Supplier<String> what) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(every)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Timed out after " + timeout + " waiting for: " + what.get(), e);
        }
    }

    /** Waits until {@code counter} has not changed for {@code quiet}: traffic in flight has arrived. */
    public static void untilSteady(Duration quiet, Duration timeout, LongSupplier counter) {
        long[] last = {counter.getAsLong(), System.nanoTime()};
        wait(timeout, () -> {
            long now = counter.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] >= quiet.toNanos();
        }, () -> "a count that stays still for " + quiet + " (last " + last[0] + ")");
    }

    private static void wait(Duration timeout, Callable<Boolean> condition, Supplier<String> what) {
        try {
            // Polls fast at first (local peers answer within milliseconds), then backs off.
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(org.awaitility.pollinterval.FibonacciPollInterval.fibonacci(
                            5, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Timed out after " + timeout + " waiting for: " + what.get(), e);
        }
    }
}
