package org.printgate.sim.hardware;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The intake faults as one document connection meets them, the same for the IPP and the raw
 * path: slow intake (a rate in bytes per second) and a reset after a number of bytes (taken
 * once, when the connection starts).
 */
public final class IntakeMeter {
    private final Hardware hardware;
    private final long resetAt;
    private long started = System.nanoTime();
    private long total;

    public IntakeMeter(Hardware hardware) {
        this.hardware = hardware;
        this.resetAt = hardware.takeResetAtByte();
    }

    /** Starts the rate's clock now, e.g. once a waiting connection is finally read. */
    public void startClock() {
        started = System.nanoTime();
    }

    /** How much to read next, at most {@code wanted}: a tenth of a second's worth when slow, never past the reset. */
    public int nextRead(int wanted) {
        int rate = hardware.intakeBytesPerSecond();
        int want = rate > 0 ? Math.max(1, Math.min(wanted, rate / 10)) : wanted;
        if (resetAt >= 0) {
            want = (int) Math.min(want, Math.max(1, resetAt - total));
        }
        return want;
    }

    /** Counts bytes read, clipped at the reset point; returns how many count. */
    public int count(int read) {
        int n = resetAt >= 0 && total + read > resetAt ? (int) (resetAt - total) : read;
        total += n;
        return n;
    }

    /** True once the bytes before the scripted reset have all been taken. */
    public boolean resetDue() {
        return resetAt >= 0 && total >= resetAt;
    }

    public long total() {
        return total;
    }

    /** Waits until the bytes counted so far are due at the configured rate (no wait when not slow). */
    public void pace() {
        int rate = hardware.intakeBytesPerSecond();
        if (rate <= 0) {
            return;
        }
        long wait = started + TimeUnit.SECONDS.toNanos(1) * total / rate - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
