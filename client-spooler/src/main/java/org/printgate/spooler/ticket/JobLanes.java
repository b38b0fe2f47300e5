package org.printgate.spooler.ticket;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.printgate.spooler.Scheduler;

/**
 * Threads for the engine calls of jobs: each job's calls run in order on its lane, and the lanes
 * run side by side. One job's call waiting for the engine does not hold up the others', and the
 * engine gets several requests at once to commit together, where one thread for all jobs got
 * through ~200 ticket steps a second and left a burst of jobs waiting minutes for their tickets.
 * A call that must wait (a retry) waits on the {@link Scheduler}, then joins its lane.
 */
final class JobLanes implements AutoCloseable {
    private final ExecutorService[] lanes;
    private final Scheduler scheduler;

    JobLanes(int count, String name, Scheduler scheduler) {
        this.scheduler = scheduler;
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String threadName = name + "-" + (i + 1);
            ThreadPoolExecutor lane = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            // Started now, not by a go-ahead: a job's first steps should not wait for a thread to start.
            lane.prestartCoreThread();
            lanes[i] = lane;
        }
    }

    /** Runs {@code task} on the job's lane, after what is already there. */
    void execute(long jobId, Runnable task) {
        lane(jobId).execute(task);
    }

    /** Runs {@code task} on the job's lane once {@code delay} has passed. */
    void schedule(long jobId, Runnable task, Duration delay) {
        scheduler.schedule(lane(jobId), task, delay);
    }

    private ExecutorService lane(long jobId) {
        return lanes[Math.floorMod(Long.hashCode(jobId), lanes.length)];
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }
}
