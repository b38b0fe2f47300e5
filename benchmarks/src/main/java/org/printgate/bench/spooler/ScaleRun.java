package org.printgate.bench.spooler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.ipp.IppClient;

/**
 * A spooler against an engine of a large site ({@code --scale-queues}, 2,000 by default), every
 * queue shown to it (the deployment policy's default): start time, the CPU the spooler uses while
 * nothing happens, over {@code idleWindow}, and then its idle RSS as {@link StartRun} reads it
 * (utime + stime from /proc, as a share of one core). The idle window starts after a settling
 * window of a quarter of its length, reported apart: the compiler and collector finish the start's
 * work there (reading 2,000 queues), which is a start's cost, not an idle one. Issue 16 measured 5.2 s, 144 MB and 21 %
 * of a core on 2026-12-07, when the spooler asked for every queue's list every 10 s and rewrote
 * its 6.7 MB remembered list each time.
 */
final class ScaleRun {
    /** Start, settled RSS, and CPU share of one core while idle. */
    record Result(double startMs, double idleRssMb, double settlingCpuPercent, double idleCpuPercent, double idleSeconds) {}

    private ScaleRun() {}

    static Result run(List<String> flags, URI engine, Path directory, Duration idleWindow, IppClient ipp) throws IOException {
        try (SpoolerProcess spooler = SpoolerProcess.launch(flags, engine, directory)) {
            double startMs = spooler.awaitReady(ipp, BenchEngine.FORWARD, Duration.ofSeconds(120));
            double settling = cpuPercent(spooler, idleWindow.dividedBy(4));
            long wallBefore = System.nanoTime();
            double idle = cpuPercent(spooler, idleWindow);
            // Read once it has been idle, as StartRun does.
            double rssMb = StartRun.settledRss(spooler);
            return new Result(startMs, rssMb, settling, idle, (System.nanoTime() - wallBefore) / (double) TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** The spooler's CPU time over {@code window}, as a share of one core. */
    private static double cpuPercent(SpoolerProcess spooler, Duration window) throws IOException {
        long cpuBefore = ProcFs.cpuNanos(spooler.pid());
        long wallBefore = System.nanoTime();
        LockSupport.parkNanos(window.toNanos());
        return 100.0 * (ProcFs.cpuNanos(spooler.pid()) - cpuBefore) / (System.nanoTime() - wallBefore);
    }
}
