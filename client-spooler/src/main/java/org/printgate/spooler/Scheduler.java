package org.printgate.spooler;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * When the spooler's timers fire: retry waits, heartbeats, the queue-list and place-in-line
 * refreshes, the early-go-ahead wait. As Caffeine's {@code Scheduler}, it only decides when; the
 * task runs on the executor it is handed to (a job's lane, the engine-calls thread), so it never
 * holds up the scheduler. The program runs on {@link #system()}; tests pass one that moves only
 * when they advance its clock, and so test the timers without waiting for them.
 */
@FunctionalInterface
public interface Scheduler {
    /**
     * Hands {@code task} to {@code executor} once {@code delay} has passed; cancelling the
     * returned future before then means it is never handed over.
     */
    Future<?> schedule(Executor executor, Runnable task, Duration delay);

    /** Wall time: one daemon thread for the whole program, which only hands due tasks over. */
    static Scheduler system() {
        return WallScheduler.INSTANCE;
    }
}
