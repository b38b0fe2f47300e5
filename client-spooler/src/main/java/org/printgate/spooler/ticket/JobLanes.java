package org.printgate.spooler.ticket;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Threads for the engine calls of jobs: each job's calls run in order on its lane, and the lanes
 * run side by side. One job's call waiting for the engine does not hold up the others', and the
 * engine gets several requests at once to commit together, where one thread for all jobs got
 * through ~200 ticket steps a second and left a burst of jobs waiting minutes for their tickets.
 */
final class JobLanes implements AutoCloseable {
    private final ScheduledExecutorService[] lanes;

    JobLanes(int count, String name) {
        lanes = new ScheduledExecutorService[count];
        for (int i = 0; i < count; i++) {
            String threadName = name + "-" + (i + 1);
            java.util.concurrent.ScheduledThreadPoolExecutor lane = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
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

    /** Runs {@code task} on the job's lane once {@code delayMillis} have passed. */
    void schedule(long jobId, Runnable task, long delayMillis) {
        lane(jobId).schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private ScheduledExecutorService lane(long jobId) {
        return lanes[Math.floorMod(Long.hashCode(jobId), lanes.length)];
    }

    @Override
    public void close() {
        for (ScheduledExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }
}
