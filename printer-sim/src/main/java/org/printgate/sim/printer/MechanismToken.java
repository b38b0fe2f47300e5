package org.printgate.sim.printer;

/**
 * The token that gives one data path the marking engine (seed 003, "Token for controlling access
 * to mechanism by different processing paths"). A path must hold it to put pages on the engine.
 * The holder keeps it across consecutive jobs and gives it up only at a job boundary, and only
 * when the other path is waiting — so pages of two jobs never interleave and neither path starves.
 */
public final class MechanismToken {
    private DataPath holder;
    private boolean jobInProgress;
    private final int[] waiting = new int[DataPath.values().length];

    /** Blocks until {@code path} holds the token and no job is on the engine, then starts a job. */
    public synchronized void acquireForJob(DataPath path) throws InterruptedException {
        waiting[path.ordinal()]++;
        try {
            while (jobInProgress || (holder == path && waiting[path.other().ordinal()] > 0)) {
                wait();
            }
        } finally {
            waiting[path.ordinal()]--;
        }
        holder = path;
        jobInProgress = true;
    }

    /** The job boundary: the holder keeps the token, but a waiting other path may now take it. */
    public synchronized void jobDone(DataPath path) {
        if (holder != path || !jobInProgress) {
            throw new IllegalStateException(path + " does not hold the token for a job");
        }
        jobInProgress = false;
        notifyAll();
    }

    public synchronized DataPath holder() {
        return holder;
    }
}
