package org.printgate.spooler.bench;

import org.printgate.engine.bench.CountingProxy;
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
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.ipp.IppClient;

/**
 * One big job forwarded to a raw-socket printer, against a plain socket copy of the same bytes.
 * The job is sent to the spooler while its queue is paused; once the engine holds its ticket
 * with the size (spooled, page count known), the queue is resumed and the clock runs from the
 * resume to the engine's "completed": go-ahead, confirm, the forward (connect, stream)
 * and the completion report. Meanwhile jstat samples the spooler's heap,
 * and every byte on the network is counted: what the sink received and the ticket traffic
 * through the proxy, from the Print-Job to the end.
 */
final class ForwardRun {
    private static final int COPY_CHUNK = 64 * 1024;
    private static final double MIB = 1 << 20;

    record Result(long documentBytes, double forwardMbPerSecond, double transferMbPerSecond, double copyMbPerSecond,
                  double wireBytesRatio, long ticketBytes, double heapPeakMb, double heapCommittedMb, long youngGcs,
                  double spoolMbPerSecond, double goAheadToFirstByteMs) {}

    private ForwardRun() {}

    static Result run(SpoolerProcess spooler, BenchEngine engine, CountingProxy proxy, DiscardingSink sink,
                      Path document, IppClient ipp) throws IOException, InterruptedException {
        long size = Files.size(document);
        try (HeapSampler heap = new HeapSampler(spooler.pid(), 100)) {
            heap.awaitFirst();
            proxy.reset();
            sink.reset();

            // Spool it: the Print-Job is answered once the document is on disk.
            long uploadStart = System.nanoTime();
            URI printer = spooler.printerUri(BenchEngine.FORWARD);
            IppPacket answer = ipp.withRequestTimeout(Duration.ofMinutes(30)).send(printer, printJob(printer), document);
            if (!answer.getStatus().equals(Status.successfulOk)) {
                throw new IOException("the spooler refused the big job: " + answer.getStatus());
            }
            double spoolSeconds = (System.nanoTime() - uploadStart) / 1e9;
            System.err.printf("bench: forward: %.0f MiB spooled in %.1f s%n", size / MIB, spoolSeconds);
            Await.until(Duration.ofMinutes(10), () -> engine.liveTicket(BenchEngine.FORWARD)
                    .filter(t -> t.kOctets() > 0 && t.state() == TicketState.QUEUED).isPresent(),
                    "the engine to hold the big job's ticket with its size");
            long ticketId = engine.liveTicket(BenchEngine.FORWARD).map(Ticket::jobId).orElseThrow();

            // Let it go, and time it to the completion the engine records.
            var connection = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return sink.nextConnection();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long resumed = System.nanoTime();
            engine.setPaused(BenchEngine.FORWARD, false);
            Await.until(Duration.ofMinutes(30), () -> engine.ticket(ticketId).map(t -> t.state().jobState().getCode() >= 7)
                    .orElse(false), "the big job to end");
            long completed = System.nanoTime();
            Ticket ended = engine.ticket(ticketId).orElseThrow();
            if (ended.state() != TicketState.COMPLETED) {
                throw new IOException("the big job ended " + ended.state() + ": " + ended.message());
            }
            DiscardingSink.Received received = await(connection.join());
            if (received.bytes() != size) {
                throw new IOException("the sink received " + received.bytes() + " bytes of " + size);
            }
            // The completion report's answer may still be on its way through the proxy.
            Await.quiet(Duration.ofMillis(300), Duration.ofSeconds(10), proxy::bytes);
            long ticketBytes = proxy.bytes();
            double ratio = (sink.bytes() + ticketBytes) / (double) size;

            // The forward's samples, and the first one after it: a short forward may fall between two.
            List<HeapSampler.Sample> samples = heap.between(resumed, heap.awaitSampleAfter(completed));
            double peak = samples.stream().mapToDouble(HeapSampler.Sample::usedKb).max().orElse(0) / 1024;
            double committed = samples.stream().mapToDouble(HeapSampler.Sample::committedKb).max().orElse(0) / 1024;
            long gcs = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).youngGcs() - samples.get(0).youngGcs();

            double copy = Math.max(copy(sink, document), copy(sink, document));
            double forward = size / MIB / ((completed - resumed) / 1e9);
            System.err.printf("bench: forward: %.0f MiB in %.2f s (first byte %.0f ms after the resume, streamed at %.0f MiB/s); "
                            + "plain copy %.0f MiB/s; %d ticket bytes; heap peak %.1f MiB of %.1f committed, %d young GCs in %d samples%n",
                    size / MIB, (completed - resumed) / 1e9, (received.firstByteNanos() - resumed) / 1e6,
                    size / MIB / received.seconds(), copy, ticketBytes, peak, committed, gcs, samples.size());
            return new Result(size, forward, size / MIB / received.seconds(), copy, ratio, ticketBytes, peak, committed, gcs,
                    size / MIB / spoolSeconds, (received.firstByteNanos() - resumed) / 1e6);
        }
    }

    /** The anchor: the same file streamed to the same sink by a plain socket copy; MiB/s from connect to the sink's end. */
    private static double copy(DiscardingSink sink, Path document) throws IOException, InterruptedException {
        var connection = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return sink.nextConnection();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
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
        DiscardingSink.Received received = await(connection.join());
        return received.bytes() / MIB / ((received.endNanos() - start) / 1e9);
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
