package org.printgate.spooler.ticket;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.printgate.spooler.Scheduler;

/**
 * A task run again and again on an executor, {@code every} apart from the end of one run to the
 * start of the next (a fixed delay, as {@code scheduleWithFixedDelay}), timed by a
 * {@link Scheduler}, until {@link #cancel}: the queue-list refresh, a print run's heartbeats.
 */
final class Repeating {
    private final Scheduler scheduler;
    private final Executor executor;
    private final Runnable task;
    private final Duration every;
    private volatile boolean cancelled;
    private volatile Future<?> next;

    private Repeating(Scheduler scheduler, Executor executor, Runnable task, Duration every) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.task = task;
        this.every = every;
    }

    /** Runs {@code task} first once {@code every} has passed, then every {@code every} after each run. */
    static Repeating start(Scheduler scheduler, Executor executor, Runnable task, Duration every) {
        Repeating repeating = new Repeating(scheduler, executor, task, every);
        repeating.waitForNext();
        return repeating;
    }

    private void runThenWait() {
        if (cancelled) {
            return;
        }
        try {
            task.run();
        } finally {
            waitForNext();
        }
    }

    private void waitForNext() {
        if (!cancelled) {
            try {
                next = scheduler.schedule(executor, this::runThenWait, every);
            } catch (RejectedExecutionException closed) {
                cancelled = true;
            }
        }
    }

    /** No run starts after this; one under way finishes. */
    void cancel() {
        cancelled = true;
        Future<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
