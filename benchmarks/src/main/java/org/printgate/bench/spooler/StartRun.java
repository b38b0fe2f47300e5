package org.printgate.bench.spooler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.ipp.IppClient;

/**
 * Start time and idle memory of the spooler as the launcher runs it: each start is a new JVM
 * with an empty spool against the bench's engine (ten queues); start = from the launch to the
 * first successful Get-Printer-Attributes of a queue's local printer (it listens and knows its
 * queues); idle RSS = VmRSS once it has stopped moving. The last spooler is left running.
 */
final class StartRun {
    /** Medians over the starts, every start's figures, and the spooler still running. */
    record Result(double startMs, double idleRssMb, List<Double> startsMs, List<Double> rssMb, SpoolerProcess running) {}

    /** RSS counts as settled when it moved less than this over {@link #SETTLE_WINDOW}. */
    private static final double SETTLED_MB = 0.5;
    private static final int SETTLE_SAMPLES = 8;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Duration SETTLE_WINDOW = Duration.ofMillis(SETTLE_SAMPLES * 250L);

    /**
     * How long a started spooler is left alone before its idle RSS is read: what a desktop holds
     * once the start's work is done and the JVM has given back what it freed (the launcher's
     * flags trim the C heap every 5 s), not the start's peak.
     */
    static final Duration IDLE_AFTER_READY = Duration.ofSeconds(12);

    private StartRun() {}

    static Result run(List<String> flags, URI engine, Path directory, int starts, IppClient ipp) throws IOException {
        List<Double> startMs = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        SpoolerProcess spooler = null;
        for (int i = 1; i <= starts; i++) {
            if (spooler != null) {
                spooler.close();
            }
            spooler = SpoolerProcess.launch(flags, engine, directory.resolve("start-" + i));
            try {
                startMs.add(spooler.awaitReady(ipp, BenchEngine.FORWARD, Duration.ofSeconds(60)));
                LockSupport.parkNanos(IDLE_AFTER_READY.toNanos());
                rss.add(settledRss(spooler));
            } catch (IOException | RuntimeException e) {
                spooler.close();
                throw e;
            }
            System.err.printf("bench: start %d: ready in %.0f ms, idle RSS %.1f MiB%n", i, startMs.get(i - 1), rss.get(i - 1));
        }
        return new Result(median(startMs), median(rss), startMs, rss, spooler);
    }

    /** VmRSS once the last {@link #SETTLE_SAMPLES} samples lie within {@link #SETTLED_MB}; the last sample after 30 s. */
    static double settledRss(SpoolerProcess spooler) throws IOException {
        Deque<Double> recent = new ArrayDeque<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            recent.addLast(spooler.rssMb());
            if (recent.size() > SETTLE_SAMPLES) {
                recent.removeFirst();
            }
            double spread = recent.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    - recent.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            if (recent.size() == SETTLE_SAMPLES && spread < SETTLED_MB || System.nanoTime() > deadline) {
                if (System.nanoTime() > deadline) {
                    System.err.printf("bench: RSS still moving by %.1f MiB per %s after 30 s%n", spread, SETTLE_WINDOW);
                }
                return recent.getLast();
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
