package org.printgate.spooler.bench;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.printgate.ipp.IppClient;

/**
 * Print-Jobs of a small document as fast as {@code clients} clients can have them accepted,
 * each client with its own IPP client (its own kept-alive connection) sending the next job when
 * the last one is answered. The same run measures the spooler and the cupsd anchor. Jobs are
 * counted over a window after a warm-up; the server's CPU time over the window comes from /proc.
 */
final class AcceptRun {
    /** Jobs per second, jobs and refusals in the window, and the server's CPU milliseconds per job. */
    record Result(double jobsPerSecond, long jobs, long errors, double serverCpuMsPerJob) {}

    private AcceptRun() {}

    static Result run(String label, URI printer, Path document, int clients, Duration warmup, Duration window,
                      long serverPid) throws InterruptedException, IOException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                IppClient ipp = new IppClient(Duration.ofSeconds(10), Duration.ofSeconds(60));
                for (int job = 0; !Thread.currentThread().isInterrupted(); job++) {
                    try {
                        IppPacket answer = ipp.send(printer, printJob(printer, client, job), document);
                        if (answer.getStatus().equals(Status.successfulOk)) {
                            accepted.incrementAndGet();
                            continue;
                        }
                        firstError.compareAndSet(null, answer.getStatus() + ": "
                                + answer.getString(Tag.operationAttributes, Types.statusMessage));
                    } catch (IOException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        firstError.compareAndSet(null, e.toString());
                    }
                    refused.incrementAndGet();
                }
            }, label + "-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        // Fixed measurement windows: the load runs meanwhile; nothing is being waited for.
        Thread.sleep(warmup.toMillis());
        LongSupplier cpu = () -> {
            try {
                return ProcFs.cpuNanos(serverPid);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        long jobs0 = accepted.get();
        long errors0 = refused.get();
        long cpu0 = cpu.getAsLong();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        long jobs = accepted.get() - jobs0;
        long errors = refused.get() - errors0;
        long cpuNanos = cpu.getAsLong() - cpu0;
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(70).toMillis());
        }
        if (firstError.get() != null) {
            System.err.printf("bench: %s: %d refused in all; the first: %s%n", label, refused.get(), firstError.get());
        }
        return new Result(jobs / seconds, jobs, errors, jobs == 0 ? 0 : cpuNanos / 1e6 / jobs);
    }

    private static IppPacket printJob(URI printer, int client, int job) {
        return new IppPacket(0x0200, Operation.printJob.getCode(), job + 1, List.of(AttributeGroup.groupOf(
                Tag.operationAttributes, Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestingUserName.of("bench" + client),
                Types.jobName.of("letter " + client + "-" + job), Types.documentFormat.of("application/pdf"))));
    }
}
