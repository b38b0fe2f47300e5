package org.printgate.bench.spooler;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.apache.hc.core5.util.Timeout;

/**
 * Print-Jobs of a small document as fast as {@code clients} clients can have them accepted,
 * each client on its own kept-alive connection ({@link IppPoster}) sending the next job when
 * the last one is answered. The same load measures the spooler and the cupsd anchor, in
 * alternating windows ({@link #compare}), so that whatever else runs on the machine weighs on
 * both alike. The server's CPU time over the windows comes from /proc, the clients' (this JVM,
 * with the engine in it) from the JVM.
 */
final class AcceptRun {
    /** Jobs per second over the windows, jobs and refusals in them, CPU milliseconds per job of the server and of this JVM. */
    record Result(double jobsPerSecond, long jobs, long errors, double serverCpuMsPerJob, double benchCpuMsPerJob,
                  double otherServerCores) {}

    /** One server under load: the clients run until {@link #stop()}, and are counted in windows. */
    private static final class Load {
        private final String label;
        private final long serverPid;
        /** The server measured in the other windows: whatever it still does in this one takes CPU from this one's. */
        private final long otherPid;
        private long otherCpuNanos;
        /** Given the jobs accepted so far: has the server finished the work they left it? */
        private final LongPredicate settled;
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean paused = true;
        /** Set before the clients are interrupted: an interrupt the HTTP client swallows must not leave one waiting. */
        private volatile boolean stopped;
        private long jobs;
        private long errors;
        private long serverCpuNanos;
        private long benchCpuNanos;
        private long windowNanos;

        Load(String label, URI printer, byte[] document, int clients, long serverPid, long otherPid, LongPredicate settled) {
            this.label = label;
            this.otherPid = otherPid;
            this.settled = settled;
            this.serverPid = serverPid;
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> send(printer, document, client), label + "-client-" + c);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        private void send(URI printer, byte[] document, int client) {
            try (IppPoster poster = new IppPoster(printer, Timeout.ofSeconds(60))) {
                for (int job = 0; !stopped; job++) {
                    if (paused && !awaitRunning()) {
                        return;
                    }
                    try {
                        int status = poster.post(printJob(printer, client, job, document));
                        if (status == Status.successfulOk.getCode()) {
                            accepted.incrementAndGet();
                            continue;
                        }
                        firstError.compareAndSet(null, String.format("IPP status 0x%04x", status));
                    } catch (IOException e) {
                        if (stopped) {
                            return;
                        }
                        firstError.compareAndSet(null, e.toString());
                    }
                    refused.incrementAndGet();
                }
            }
        }

        /** Waits while the load is paused; false when it stopped meanwhile. */
        private synchronized boolean awaitRunning() {
            while (paused && !stopped) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !stopped;
        }

        synchronized void run(boolean on) {
            paused = !on;
            notifyAll();
        }

        /**
         * Runs the load for {@code warmup} (not counted), then counts {@code window}'s jobs; the load
         * pauses after, and the server's CPU is counted on until it has done the work its jobs left
         * it (the spooler's ticket requests): that work must not run in the other server's window.
         */
        void window(Duration warmup, Duration window) throws InterruptedException {
            run(true);
            // Fixed measurement windows: the load runs meanwhile; nothing is being waited for.
            Thread.sleep(warmup.toMillis());
            long jobs0 = accepted.get();
            long errors0 = refused.get();
            long server0 = cpu(serverPid);
            long other0 = cpu(otherPid);
            long bench0 = benchCpu();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            jobs += accepted.get() - jobs0;
            errors += refused.get() - errors0;
            windowNanos += System.nanoTime() - start;
            otherCpuNanos += cpu(otherPid) - other0;
            run(false);
            awaitSettled();
            serverCpuNanos += cpu(serverPid) - server0;
            benchCpuNanos += benchCpu() - bench0;
        }

        private void awaitSettled() throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
            while (!settled.test(accepted.get())) {
                if (System.nanoTime() > deadline) {
                    System.err.printf("bench: %s: not settled %d s after its window; going on%n", label, SETTLE_WITHIN.toSeconds());
                    return;
                }
                Thread.sleep(50);
            }
        }

        Result result() {
            return new Result(jobs / (windowNanos / 1e9), jobs, errors, jobs == 0 ? 0 : serverCpuNanos / 1e6 / jobs,
                    jobs == 0 ? 0 : benchCpuNanos / 1e6 / jobs, otherCpuNanos / (double) windowNanos);
        }

        void stop() throws InterruptedException {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(70).toMillis());
            }
            if (firstError.get() != null) {
                System.err.printf("bench: %s: %d refused in all; the first: %s%n", label, refused.get(), firstError.get());
            }
        }
    }

    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(5);

    private AcceptRun() {}

    /**
     * The spooler and cupsd under the same load, one after the other in {@code rounds} pairs of
     * windows of {@code window / rounds} each; the first window of each gets the full warm-up,
     * later ones a second to refill the pipelines. {@code spoolerSettled} tells, given the jobs the
     * spooler accepted, whether it has asked for all their tickets; cupsd has nothing left to do
     * for a job on a stopped queue once it answered. Returns {spooler, cupsd}.
     */
    static Result[] compare(URI spooler, long spoolerPid, LongPredicate spoolerSettled, URI cupsd, long cupsdPid,
                            Path document, int clients, Duration warmup, Duration window, int rounds)
            throws InterruptedException {
        byte[] bytes = readDocument(document);
        Load first = new Load("spooler", spooler, bytes, clients, spoolerPid, cupsdPid, spoolerSettled);
        Load second = new Load("cupsd", cupsd, bytes, clients, cupsdPid, spoolerPid, accepted -> true);
        try {
            Duration part = window.dividedBy(rounds);
            Duration refill = warmup.compareTo(Duration.ofSeconds(1)) < 0 ? warmup : Duration.ofSeconds(1);
            for (int round = 0; round < rounds; round++) {
                first.window(round == 0 ? warmup : refill, part);
                second.window(round == 0 ? warmup : refill, part);
            }
        } finally {
            first.stop();
            second.stop();
        }
        return new Result[] {first.result(), second.result()};
    }

    private static byte[] readDocument(Path document) {
        try {
            return java.nio.file.Files.readAllBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long cpu(long pid) {
        try {
            return ProcFs.cpuNanos(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long benchCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A Print-Job of the document, as one HTTP body. */
    private static byte[] printJob(URI printer, int client, int job, byte[] document) throws IOException {
        IppPacket request = new IppPacket(0x0200, Operation.printJob.getCode(), job + 1, List.of(AttributeGroup.groupOf(
                Tag.operationAttributes, Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestingUserName.of("bench" + client),
                Types.jobName.of("letter " + client + "-" + job), Types.documentFormat.of("application/pdf"))));
        ByteArrayOutputStream body = new ByteArrayOutputStream(512 + document.length);
        request.write(body);
        body.write(document);
        return body.toByteArray();
    }
}
