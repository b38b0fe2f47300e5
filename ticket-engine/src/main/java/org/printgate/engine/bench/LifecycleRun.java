package org.printgate.engine.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Every spooler running job after job, each on its own thread, for a warm-up and then a measured
 * window. A lifecycle counts when its completion is answered inside the window; a go-ahead
 * latency sample counts when the go-ahead arrives inside it.
 */
final class LifecycleRun {
    /** What the window saw, and the CPU the engine and the spoolers used in it. */
    record Result(long lifecycles, double seconds, long[] goAheadAfterFreeNanos, long[] lifecycleNanos,
                  CpuAccount.Use cpu) {
        double perSecond() {
            return lifecycles / seconds;
        }

        /** CPU milliseconds per counted lifecycle, of one side's nanoseconds. */
        double cpuMillisPerLifecycle(long nanos) {
            return lifecycles == 0 ? 0 : nanos / 1e6 / lifecycles;
        }
    }

    private LifecycleRun() {}

    static Result run(String name, List<SimulatedSpooler> spoolers, IntFunction<SimulatedSpooler.Assignment> where,
                      SimulatedSpooler.Confirm confirm, Duration warmup, Duration window, AtomicLong errors)
            throws InterruptedException {
        for (int i = 0; i < spoolers.size(); i++) {
            spoolers.get(i).assign(where.apply(i));
        }
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        AtomicLong finished = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (SimulatedSpooler spooler : spoolers) {
            Worker worker = new Worker(spooler, confirm, windowStart, windowEnd, finished, errors);
            workers.add(worker);
            worker.thread.start();
        }
        CpuAccount.Use cpu = progress(name, start, windowStart, windowEnd, finished, errors);
        long lifecycles = 0;
        Samples goAheads = new Samples();
        Samples lifecycleTimes = new Samples();
        for (Worker worker : workers) {
            worker.thread.join(TimeUnit.SECONDS.toMillis(180));
            if (worker.thread.isAlive()) {
                throw new IllegalStateException(name + ": a spooler did not finish its last job within 180 s");
            }
            lifecycles += worker.counted;
            goAheads.addAll(worker.goAheads);
            lifecycleTimes.addAll(worker.lifecycleTimes);
        }
        return new Result(lifecycles, (windowEnd - windowStart) / 1e9, goAheads.sorted(), lifecycleTimes.sorted(), cpu);
    }

    /**
     * A line every 5 s (to stderr): where the run is, and the rate over the last interval. Takes
     * the CPU snapshots at the window's edges and returns what was used between them.
     */
    private static CpuAccount.Use progress(String name, long start, long windowStart, long windowEnd, AtomicLong finished,
                                           AtomicLong errors) throws InterruptedException {
        long lastCount = 0;
        long lastTime = start;
        CpuAccount atStart = null;
        while (System.nanoTime() < windowEnd) {
            long now = System.nanoTime();
            long wake = Math.min(now + TimeUnit.SECONDS.toNanos(5), atStart == null ? windowStart : windowEnd);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - now));
            now = System.nanoTime();
            if (atStart == null && now >= windowStart) {
                atStart = CpuAccount.now();
            }
            long count = finished.get();
            System.err.printf("bench: %s: %5.1f s %s, %6.0f lifecycles/s, %d errors%n", name, (now - start) / 1e9,
                    now < windowStart ? "(warm-up)" : "(measuring)", (count - lastCount) / ((now - lastTime) / 1e9),
                    errors.get());
            lastCount = count;
            lastTime = now;
        }
        return CpuAccount.now().since(atStart);
    }

    /** One spooler's thread: jobs until the window closes, then it finishes the one it is in. */
    private static final class Worker implements Runnable {
        final Thread thread;
        private final SimulatedSpooler spooler;
        private final SimulatedSpooler.Confirm confirm;
        private final long windowStart;
        private final long windowEnd;
        private final AtomicLong finished;
        private final AtomicLong errors;
        final Samples goAheads = new Samples();
        final Samples lifecycleTimes = new Samples();
        long counted;

        Worker(SimulatedSpooler spooler, SimulatedSpooler.Confirm confirm, long windowStart, long windowEnd,
               AtomicLong finished, AtomicLong errors) {
            this.spooler = spooler;
            this.confirm = confirm;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.finished = finished;
            this.errors = errors;
            this.thread = new Thread(this, "jobs-" + spooler);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (System.nanoTime() < windowEnd) {
                try {
                    SimulatedSpooler.Lifecycle job = spooler.runJob(confirm);
                    finished.incrementAndGet();
                    if (job.completedNanos() >= windowStart && job.completedNanos() < windowEnd) {
                        counted++;
                        lifecycleTimes.add(job.completedNanos() - job.createSentNanos());
                    }
                    long received = job.goAhead().receivedNanos();
                    long wait = job.goAheadAfterFreeNanos();
                    if (wait >= 0 && received >= windowStart && received < windowEnd) {
                        goAheads.add(wait);
                    }
                } catch (IOException e) {
                    if (errors.incrementAndGet() <= 10) {
                        System.err.println("bench: " + spooler + ": " + e);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A growable array of nanosecond samples. */
    static final class Samples {
        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** The p-quantile (0 < p ≤ 1) of sorted samples in milliseconds, nearest rank; 0 when there are none. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
