package org.printgate.bench.spooler;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.printgate.bench.engine.CountingProxy;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.ipp.IppClient;
import org.printgate.testing.Await;

/**
 * A big job forwarded to a raw-socket printer, against a plain socket copy of the same bytes.
 * Each job is sent to the spooler while its queue is paused; once the engine holds its ticket
 * with the size (spooled, page count known), the queue is resumed and the clock runs from the
 * resume to the engine's "completed": go-ahead, confirm, the forward (connect, stream)
 * and the completion report.
 * <ul>
 * <li>Small jobs go first, the first timed apart: a fresh spooler runs every step after a
 * go-ahead for the first time (class loading, the interpreter), which a desktop spooler does
 * once per start, and which is not what a throughput figure should weigh.</li>
 * <li>The big job is forwarded {@code runs} times, each followed by a plain copy, and the medians
 * are compared: on a shared VM either side moves by ±15 % from one second to the next, so one
 * forward against one copy says more about the moment than about the spooler.</li>
 * <li>While a big job runs, jstat samples the spooler's heap, and every byte on the network is
 * counted: what the sink received and the ticket traffic through the proxy, from the Print-Job
 * to the end.</li>
 * </ul>
 */
final class ForwardRun {
    private static final int COPY_CHUNK = 64 * 1024;
    private static final double MIB = 1 << 20;
    private static final int WARM_UP_JOBS = 5;

    /**
     * One forward of the big job and the copy after it. {@code forwardCpuSecondsPerGib}: the
     * spooler process's CPU (every thread: ticket steps, journal, stream) per GiB forwarded;
     * {@code copyCpuSecondsPerGib}: the plain copy's (its one thread), what moving the bytes costs
     * at the least.
     */
    record Trial(double forwardMbPerSecond, double streamMbPerSecond, double copyMbPerSecond, double goAheadToFirstByteMs,
                 double wireBytesRatio, long ticketBytes, double heapPeakMb, double heapCommittedMb, long youngGcs,
                 double spoolMbPerSecond, double forwardCpuSecondsPerGib, double copyCpuSecondsPerGib) {}

    record Result(long documentBytes, List<Trial> trials, double firstJobGoAheadToFirstByteMs) {
        /** The median of the runs. */
        double median(ToDoubleFunction<Trial> figure) {
            double[] sorted = trials.stream().mapToDouble(figure).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /** The worst (highest) of the runs, for the figures with a ceiling. */
        double worst(ToDoubleFunction<Trial> figure) {
            return trials.stream().mapToDouble(figure).max().orElseThrow();
        }

        /** Each run's figure, in the order run, e.g. "1605/1447/1750". */
        String each(ToDoubleFunction<Trial> figure) {
            return each(figure, 0);
        }

        /** Each run's figure with {@code decimals} places, e.g. "0.41/0.38/0.44". */
        String each(ToDoubleFunction<Trial> figure, int decimals) {
            return trials.stream().map(t -> String.format(java.util.Locale.ROOT, "%." + decimals + "f", figure.applyAsDouble(t)))
                    .collect(java.util.stream.Collectors.joining("/"));
        }
    }

    /**
     * One job through the paused queue: its spooling time, the resume, the completion and the
     * sink's view in System.nanoTime, and the spooler's CPU nanoseconds from resume to completion.
     */
    private record Forwarded(double spoolSeconds, long resumed, long completed, DiscardingSink.Received received,
                             long spoolerCpuNanos) {
        double firstByteMs() {
            return (received.firstByteNanos() - resumed) / 1e6;
        }
    }

    private ForwardRun() {}

    static Result run(SpoolerProcess spooler, BenchEngine engine, CountingProxy proxy, DiscardingSink sink,
                      Path smallJob, Path document, int runs, IppClient ipp) throws IOException, InterruptedException {
        Forwarded first = forward(spooler, engine, sink, smallJob, ipp);
        System.err.printf("bench: forward: the first job (%.0f MiB) took %.0f ms from the resume to its first byte%n",
                Files.size(smallJob) / MIB, first.firstByteMs());
        for (int i = 1; i < WARM_UP_JOBS; i++) {
            forward(spooler, engine, sink, smallJob, ipp);
        }
        List<Trial> trials = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            trials.add(trial(spooler, engine, proxy, sink, document, ipp));
        }
        return new Result(Files.size(document), trials, first.firstByteMs());
    }

    /** The big job forwarded once, with the heap sampled and the bytes counted, then the plain copy. */
    private static Trial trial(SpoolerProcess spooler, BenchEngine engine, CountingProxy proxy, DiscardingSink sink,
                               Path document, IppClient ipp) throws IOException, InterruptedException {
        long size = Files.size(document);
        try (HeapSampler heap = new HeapSampler(spooler.pid(), 100)) {
            heap.awaitFirst();
            proxy.reset();
            sink.reset();
            Forwarded big = forward(spooler, engine, sink, document, ipp);
            // The completion report's answer may still be on its way through the proxy.
            Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), proxy::bytes);
            long ticketBytes = proxy.bytes();
            double ratio = (sink.bytes() + ticketBytes) / (double) size;

            // The forward's samples, and the first one after it: a short forward may fall between two.
            List<HeapSampler.Sample> samples = heap.between(big.resumed(), heap.awaitSampleAfter(big.completed()));
            double peak = samples.stream().mapToDouble(HeapSampler.Sample::usedKb).max().orElse(0) / 1024;
            double committed = samples.stream().mapToDouble(HeapSampler.Sample::committedKb).max().orElse(0) / 1024;
            long gcs = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).youngGcs() - samples.get(0).youngGcs();

            Copied copy = copy(sink, document);
            double seconds = (big.completed() - big.resumed()) / 1e9;
            double streamed = size / MIB / big.received().seconds();
            System.err.printf("bench: forward: %.0f MiB spooled in %.1f s, forwarded in %.2f s (first byte %.0f ms after "
                            + "the resume, streamed at %.0f MiB/s); plain copy %.0f MiB/s; %d ticket bytes; heap peak %.1f MiB "
                            + "of %.1f committed, %d young GCs in %d samples%n",
                    size / MIB, big.spoolSeconds(), seconds, big.firstByteMs(), streamed, copy.mbPerSecond(), ticketBytes, peak,
                    committed, gcs, samples.size());
            double gib = size / (MIB * 1024);
            return new Trial(size / MIB / seconds, streamed, copy.mbPerSecond(), big.firstByteMs(), ratio, ticketBytes, peak,
                    committed, gcs, size / MIB / big.spoolSeconds(), big.spoolerCpuNanos() / 1e9 / gib,
                    copy.cpuNanos() / 1e9 / gib);
        }
    }

    /** Spools {@code document} on the paused queue, lets it go, and waits for the engine to record it completed; the queue is paused again. */
    private static Forwarded forward(SpoolerProcess spooler, BenchEngine engine, DiscardingSink sink, Path document,
                                     IppClient ipp) throws IOException, InterruptedException {
        long size = Files.size(document);
        // Spool it: the Print-Job is answered once the document is on disk.
        long uploadStart = System.nanoTime();
        URI printer = spooler.printerUri(BenchEngine.FORWARD);
        IppPacket answer = ipp.withRequestTimeout(Duration.ofMinutes(30)).send(printer, printJob(printer), document);
        if (!answer.getStatus().equals(Status.successfulOk)) {
            throw new IOException("the spooler refused the job: " + answer.getStatus());
        }
        double spoolSeconds = (System.nanoTime() - uploadStart) / 1e9;
        Await.until(Duration.ofMinutes(10), () -> engine.liveTicket(BenchEngine.FORWARD)
                .filter(t -> t.kOctets() > 0 && t.state() == TicketState.QUEUED).isPresent(),
                "the engine to hold the job's ticket with its size");
        long ticketId = engine.liveTicket(BenchEngine.FORWARD).map(Ticket::jobId).orElseThrow();

        // Let it go, and time it to the completion the engine records.
        var connection = nextConnection(sink);
        long cpuAtResume = ProcFs.cpuNanos(spooler.pid());
        long resumed = System.nanoTime();
        engine.setPaused(BenchEngine.FORWARD, false);
        Await.until(Duration.ofMinutes(30), () -> engine.ticket(ticketId).map(t -> t.state().jobState().getCode() >= 7)
                .orElse(false), "the job to end");
        long completed = System.nanoTime();
        long spoolerCpu = ProcFs.cpuNanos(spooler.pid()) - cpuAtResume;
        engine.setPaused(BenchEngine.FORWARD, true);
        Ticket ended = engine.ticket(ticketId).orElseThrow();
        if (ended.state() != TicketState.COMPLETED) {
            throw new IOException("the job ended " + ended.state() + ": " + ended.message());
        }
        DiscardingSink.Received received = await(connection.join());
        if (received.bytes() != size) {
            throw new IOException("the sink received " + received.bytes() + " bytes of " + size);
        }
        return new Forwarded(spoolSeconds, resumed, completed, received, spoolerCpu);
    }

    /** What the plain copy did: MiB/s from connect to the sink's end, and its thread's CPU nanoseconds. */
    private record Copied(double mbPerSecond, long cpuNanos) {}

    /**
     * The anchor: the same file streamed to the same sink by a plain socket copy. Its CPU is the
     * copying thread's (user and system, ThreadMXBean): a figure the VM's neighbours do not move
     * as much as they move MiB/s.
     */
    private static Copied copy(DiscardingSink sink, Path document) throws IOException, InterruptedException {
        var connection = nextConnection(sink);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.port()), 10_000);
            try (InputStream in = Files.newInputStream(document); OutputStream out = socket.getOutputStream()) {
                byte[] chunk = new byte[COPY_CHUNK];
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    out.write(chunk, 0, n);
                }
                socket.shutdownOutput();
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        DiscardingSink.Received received = await(connection.join());
        return new Copied(received.bytes() / MIB / ((received.endNanos() - start) / 1e9), cpu);
    }

    /** The sink's next connection, taken on another thread: the one that makes it is about to be started. */
    private static java.util.concurrent.CompletableFuture<java.util.concurrent.CompletableFuture<DiscardingSink.Received>> nextConnection(
            DiscardingSink sink) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return sink.nextConnection();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static DiscardingSink.Received await(java.util.concurrent.CompletableFuture<DiscardingSink.Received> done)
            throws IOException, InterruptedException {
        try {
            return done.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the sink's connection did not end cleanly", e);
        }
    }

    private static IppPacket printJob(URI printer) {
        return new IppPacket(0x0200, Operation.printJob.getCode(), 1, List.of(AttributeGroup.groupOf(
                Tag.operationAttributes, Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestingUserName.of("bench"),
                Types.jobName.of("large raster job"), Types.documentFormat.of("application/vnd.hp-pcl"))));
    }
}
