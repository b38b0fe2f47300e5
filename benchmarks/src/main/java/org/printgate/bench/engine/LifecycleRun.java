package org.printgate.bench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Every spooler running job after job, without threads of their own, for a warm-up and then a measured
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
        Shared shared = new Shared(confirm, windowStart, windowStart + window.toNanos(), new AtomicLong(), errors);
        List<Jobs> all = new ArrayList<>();
        for (SimulatedSpooler spooler : spoolers) {
            Jobs jobs = new Jobs(spooler, shared);
            all.add(jobs);
            jobs.next();
        }
        CpuAccount.Use cpu = progress(name, start, shared);
        long lifecycles = 0;
        Samples goAheads = new Samples();
        Samples lifecycleTimes = new Samples();
        for (Jobs jobs : all) {
            try {
                jobs.done.get(180, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(name + ": spooler " + jobs.spooler + " did not finish its last job within 180 s", e);
            }
            synchronized (jobs) {
                lifecycles += jobs.counted;
                goAheads.addAll(jobs.goAheads);
                lifecycleTimes.addAll(jobs.lifecycleTimes);
            }
        }
        return new Result(lifecycles, (shared.windowEnd - windowStart) / 1e9, goAheads.sorted(), lifecycleTimes.sorted(), cpu);
    }

    /**
     * A line every 5 s (to stderr): where the run is, and the rate over the last interval. Takes
     * the CPU snapshots at the window's edges and returns what was used between them.
     */
    private static CpuAccount.Use progress(String name, long start, Shared run) throws InterruptedException {
        long windowStart = run.windowStart;
        long windowEnd = run.windowEnd;
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
            long count = run.finished.get();
            System.err.printf("bench: %s: %5.1f s %s, %6.0f lifecycles/s, %d errors%n", name, (now - start) / 1e9,
                    now < windowStart ? "(warm-up)" : "(measuring)", (count - lastCount) / ((now - lastTime) / 1e9),
                    run.errors.get());
            lastCount = count;
            lastTime = now;
        }
        return CpuAccount.now().since(atStart);
    }

    /** What every spooler's jobs share: how go-aheads are confirmed, the window, the counts of all. */
    private record Shared(SimulatedSpooler.Confirm confirm, long windowStart, long windowEnd, AtomicLong finished,
                          AtomicLong errors) {}

    /**
     * One spooler's jobs until the window closes (it finishes the one it is in), each started by
     * the end of the one before, on whichever thread that ended: no thread of its own.
     */
    private static final class Jobs {
        final SimulatedSpooler spooler;
        private final Shared run;
        final Samples goAheads = new Samples();
        final Samples lifecycleTimes = new Samples();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long counted;

        Jobs(SimulatedSpooler spooler, Shared run) {
            this.spooler = spooler;
            this.run = run;
        }

        void next() {
            if (System.nanoTime() >= run.windowEnd) {
                done.complete(null);
                return;
            }
            spooler.runJob(run.confirm).whenComplete((job, failure) -> {
                if (failure != null) {
                    if (run.errors.incrementAndGet() <= 10) {
                        System.err.println("bench: " + spooler + ": " + failure);
                    }
                    spooler.pause(50).thenRun(this::next);
                    return;
                }
                run.finished.incrementAndGet();
                record(job);
                next();
            });
        }

        private synchronized void record(SimulatedSpooler.Lifecycle job) {
            if (job.completedNanos() >= run.windowStart && job.completedNanos() < run.windowEnd) {
                counted++;
                lifecycleTimes.add(job.completedNanos() - job.createSentNanos());
            }
            long received = job.goAhead().receivedNanos();
            long wait = job.goAheadAfterFreeNanos();
            if (wait >= 0 && received >= run.windowStart && received < run.windowEnd) {
                goAheads.add(wait);
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
