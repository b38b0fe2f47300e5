package org.printgate.spooler.bench;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
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
import org.printgate.ipp.IppClient;

/**
 * Print-Jobs of a small document as fast as {@code clients} clients can have them accepted,
 * each client with its own IPP client (its own kept-alive connection) sending the next job when
 * the last one is answered. The same load measures the spooler and the cupsd anchor, in
 * alternating windows ({@link #compare}), so that whatever else runs on the machine weighs on
 * both alike. The server's CPU time over the windows comes from /proc, the clients' (this JVM,
 * with the engine in it) from the JVM.
 */
final class AcceptRun {
    /** Jobs per second over the windows, jobs and refusals in them, CPU milliseconds per job of the server and of this JVM. */
    record Result(double jobsPerSecond, long jobs, long errors, double serverCpuMsPerJob, double benchCpuMsPerJob) {}

    /** One server under load: the clients run until {@link #stop()}, and are counted in windows. */
    private static final class Load {
        private final String label;
        private final long serverPid;
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

        Load(String label, URI printer, Path document, int clients, long serverPid) {
            this.label = label;
            this.serverPid = serverPid;
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> send(printer, document, client), label + "-client-" + c);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        private void send(URI printer, Path document, int client) {
            IppClient ipp = new IppClient(Duration.ofSeconds(10), Duration.ofSeconds(60));
            for (int job = 0; !stopped; job++) {
                if (paused) {
                    synchronized (this) {
                        while (paused && !stopped) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }
                try {
                    IppPacket answer = ipp.send(printer, printJob(printer, client, job), document);
                    if (answer.getStatus().equals(Status.successfulOk)) {
                        accepted.incrementAndGet();
                        continue;
                    }
                    firstError.compareAndSet(null, answer.getStatus() + ": "
                            + answer.getString(Tag.operationAttributes, Types.statusMessage));
                } catch (IOException e) {
                    if (stopped) {
                        return;
                    }
                    firstError.compareAndSet(null, e.toString());
                }
                refused.incrementAndGet();
            }
        }

        synchronized void run(boolean on) {
            paused = !on;
            notifyAll();
        }

        /** Runs the load for {@code warmup} (not counted), then counts {@code window}; the load pauses after. */
        void window(Duration warmup, Duration window) throws InterruptedException {
            run(true);
            // Fixed measurement windows: the load runs meanwhile; nothing is being waited for.
            Thread.sleep(warmup.toMillis());
            long jobs0 = accepted.get();
            long errors0 = refused.get();
            long server0 = cpu(serverPid);
            long bench0 = benchCpu();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            jobs += accepted.get() - jobs0;
            errors += refused.get() - errors0;
            serverCpuNanos += cpu(serverPid) - server0;
            benchCpuNanos += benchCpu() - bench0;
            windowNanos += System.nanoTime() - start;
            run(false);
        }

        Result result() {
            return new Result(jobs / (windowNanos / 1e9), jobs, errors, jobs == 0 ? 0 : serverCpuNanos / 1e6 / jobs,
                    jobs == 0 ? 0 : benchCpuNanos / 1e6 / jobs);
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

    private AcceptRun() {}

    /**
     * The spooler and cupsd under the same load, one after the other in {@code rounds} pairs of
     * windows of {@code window / rounds} each; the first window of each gets the full warm-up,
     * later ones a second to refill the pipelines. Returns {spooler, cupsd}.
     */
    static Result[] compare(URI spooler, long spoolerPid, URI cupsd, long cupsdPid, Path document, int clients,
                            Duration warmup, Duration window, int rounds) throws InterruptedException {
        Load first = new Load("spooler", spooler, document, clients, spoolerPid);
        Load second = new Load("cupsd", cupsd, document, clients, cupsdPid);
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

    private static IppPacket printJob(URI printer, int client, int job) {
        return new IppPacket(0x0200, Operation.printJob.getCode(), job + 1, List.of(AttributeGroup.groupOf(
                Tag.operationAttributes, Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestingUserName.of("bench" + client),
                Types.jobName.of("letter " + client + "-" + job), Types.documentFormat.of("application/pdf"))));
    }
}
