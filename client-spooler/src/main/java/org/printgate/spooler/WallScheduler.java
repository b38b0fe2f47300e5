package org.printgate.spooler;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler#system()}: due tasks handed over by one daemon thread, on wall time. */
final class WallScheduler implements Scheduler {
    static final WallScheduler INSTANCE = new WallScheduler();

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "spooler-timer");
        thread.setDaemon(true);
        return thread;
    });

    private WallScheduler() {
        // A cancelled wait (a heartbeat of a run that ended, a retry made moot) goes at once.
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Future<?> schedule(Executor executor, Runnable task, Duration delay) {
        return timer.schedule(() -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException closed) {
                // Its spooler has closed meanwhile: nothing is left to run it.
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
