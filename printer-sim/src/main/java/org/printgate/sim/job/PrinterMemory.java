package org.printgate.sim.job;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A printer's memory for received document data, shared by every job's {@link DocumentPipe}.
 * Jobs waiting for the engine may fill it only up to the capacity; the job on the engine may
 * always buffer up to the capacity of its own, so it can never be starved by the jobs queued
 * behind it (which would deadlock: they wait for it to finish, it waits for their memory).
 */
public final class PrinterMemory {
    /** Larger printer memories are modelled, not allocated: the heap used stays bounded. */
    private static final long MAX_HEAP_BYTES = 8L * 1024 * 1024;

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    private final long capacity;
    private long used;

    public PrinterMemory(long printerMemoryBytes) {
        this.capacity = Math.max(64 * 1024, Math.min(printerMemoryBytes, MAX_HEAP_BYTES));
    }

    /** May a pipe holding {@code own} bytes add {@code n} more? Called with the lock held. */
    boolean mayAdd(long own, int n, boolean onEngine) {
        if (own == 0 && used == 0) {
            return true;
        }
        if (onEngine) {
            return own + n <= capacity;
        }
        return used + n <= capacity;
    }

    void add(long n) {
        used += n;
        changed.signalAll();
    }

    /** Bytes received and not yet printed, over all jobs. */
    public long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes writers, e.g. when their job reached the engine. */
    public void poke() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
