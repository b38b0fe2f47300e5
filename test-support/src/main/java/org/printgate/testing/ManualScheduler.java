package org.printgate.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * A scheduler that moves only when a test advances its {@link MutableClock}: a task scheduled
 * "in 30 s" is handed to its executor by the {@link #advance} that passes its time, not by the
 * wall clock. Its {@link #schedule} has the shape of Caffeine's {@code Scheduler} (and of the
 * spooler's), so a test passes {@code manual::schedule} where one is asked for.
 */
public final class ManualScheduler {
    private final MutableClock clock;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long scheduled;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Hands {@code task} to {@code executor} once the clock has been advanced by {@code delay}; cancel to drop it. */
    public synchronized Future<?> schedule(Executor executor, Runnable task, Duration delay) {
        Timer timer = new Timer(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), scheduled++, executor, task);
        timers.add(timer);
        return timer.future;
    }

    /**
     * Moves the clock forward by {@code step}, handing every task that comes due meanwhile to its
     * executor in the order of their times (those due together in the order they were scheduled),
     * with the clock at each one's time; tasks scheduled by those, if due within the step, too.
     * A task handed to a direct executor has run when this returns; one handed to a thread (a
     * job's lane) has been queued there.
     */
    public void advance(Duration step) {
        Instant until = clock.instant().plus(step);
        while (true) {
            Timer due;
            synchronized (this) {
                due = timers.peek();
                if (due == null || due.at.isAfter(until)) {
                    break;
                }
                timers.poll();
            }
            if (due.at.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), due.at));
            }
            if (due.future.complete(null)) {
                try {
                    due.executor.execute(due.task);
                } catch (RejectedExecutionException closed) {
                    // Its executor was shut down (a spooler closed, restarted): nothing is left to run it.
                }
            }
        }
        if (until.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), until));
        }
    }

    /** How many tasks wait for their time (cancelled ones not counted). */
    public synchronized int waiting() {
        return (int) timers.stream().filter(timer -> !timer.future.isCancelled()).count();
    }

    private record Timer(Instant at, long order, Executor executor, Runnable task, CompletableFuture<Void> future)
            implements Comparable<Timer> {
        Timer(Instant at, long order, Executor executor, Runnable task) {
            this(at, order, executor, task, new CompletableFuture<>());
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
