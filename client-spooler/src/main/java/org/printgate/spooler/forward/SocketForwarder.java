package org.printgate.spooler.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards to a raw socket printer (port 9100, "AppSocket"/JetDirect): connect, stream the spool
 * file, close. A raw port says nothing back, so pages are counted with the printer's SNMP page
 * counter: read before the first byte (recorded durably), and after the stream until it stops
 * moving (seed 001). Without SNMP, a stream that was taken whole counts as printed.
 */
public final class SocketForwarder implements Forwarder {
    private static final Logger log = LoggerFactory.getLogger(SocketForwarder.class);
    private static final int CHUNK = 64 * 1024;
    private static final long SLICE = 16L * 1024 * 1024;

    private final PageCounter counter;
    private final ForwardedBytes forwarded;
    private final Duration settleEvery;
    private final Duration settleWithin;

    /**
     * @param settleEvery how often the page counter is read while the printer finishes
     * @param settleWithin how long the counter may keep moving before we stop waiting
     */
    public SocketForwarder(PageCounter counter, Duration settleEvery, Duration settleWithin) {
        this(counter, settleEvery, settleWithin, new ForwardedBytes());
    }

    /** @param forwarded where the document bytes sent are counted */
    public SocketForwarder(PageCounter counter, Duration settleEvery, Duration settleWithin, ForwardedBytes forwarded) {
        this.forwarded = forwarded;
        this.counter = counter;
        this.settleEvery = settleEvery;
        this.settleWithin = settleWithin;
    }

    @Override
    public ForwardOutcome forward(ForwardRequest request, ForwardProgress progress) throws InterruptedException {
        int expected = request.expectedPages();
        long before = counter.read(request.snmp()).count();
        progress.atPrinter("", before);
        String host = request.device().getHost();
        int port = request.device().getPort() == -1 ? 9100 : request.device().getPort();
        IOException failure = null;
        // A raw printer takes no job options: each copy is the document sent again, as a job of its
        // own (two documents in one stream are not one valid PDF). The page counter counts them all.
        for (int copy = 1; copy <= request.copies() && failure == null; copy++) {
            try (SocketChannel socket = SocketChannel.open()) {
                long start = System.nanoTime();
                socket.socket().connect(new InetSocketAddress(host, port), 10_000);
                boolean sent = request.fromPage() <= 1 ? sendWhole(request, socket, progress, forwarded)
                        : sendFrom(request, socket, progress, forwarded);
                log.info("job {}: {} to {} from page {} (copy {} of {}) in {} ms", request.localJobId(), sent ? "sent" : "canceled",
                        request.device(), request.fromPage(), copy, request.copies(), (System.nanoTime() - start) / 1_000_000);
                if (!sent) {
                    // Closing mid-stream is how a raw job is canceled: the printer drops the rest.
                    return new ForwardOutcome(ForwardOutcome.Result.CANCELED, pagesSince(request, before, expected),
                            "canceled", List.of());
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                failure = e;
            }
        }
        int pages = pagesSince(request, before, expected);
        progress.pages(Math.max(0, pages));
        if (failure != null) {
            log.info("job {}: {} failed after {} pages: {}", request.localJobId(), request.device(), pages, failure.toString());
            return ForwardOutcome.failed(Math.max(0, pages), "sending to " + request.device() + " failed: " + failure.getMessage(),
                    List.of("connecting-to-device"));
        }
        // Without a page count or a counter there is nothing to check the taken stream against.
        if (expected < 0 || before < 0 || pages >= expected) {
            return ForwardOutcome.completed(expected >= 0 ? expected : Math.max(0, pages));
        }
        return ForwardOutcome.failed(pages, "the printer printed " + pages + " of " + expected + " pages", List.of());
    }

    @Override
    public int pagesOfEarlierAttempt(ForwardRequest request, String printerJobUri, long pageCounterBefore)
            throws InterruptedException {
        return pagesSince(request, pageCounterBefore, request.expectedPages());
    }

    /**
     * The whole spool file, handed to the kernel (sendfile) in slices so that a cancel is seen
     * between them: the bytes never pass through the heap. False when canceled.
     */
    private static boolean sendWhole(ForwardRequest request, SocketChannel socket, ForwardProgress progress,
                                     ForwardedBytes forwarded) throws IOException {
        try (FileChannel file = FileChannel.open(request.document(), StandardOpenOption.READ)) {
            long size = file.size();
            for (long sent = 0; sent < size; ) {
                if (progress.canceled()) {
                    return false;
                }
                long slice = file.transferTo(sent, Math.min(SLICE, size - sent), socket);
                forwarded.add(slice);
                sent += slice;
            }
        }
        return true;
    }

    /** The document from the resume page on (cut at a page boundary), streamed. False when canceled. */
    private static boolean sendFrom(ForwardRequest request, SocketChannel socket, ForwardProgress progress,
                                    ForwardedBytes forwarded) throws IOException {
        try (InputStream in = ResumableDocument.from(request.document(), request.format(), request.fromPage())) {
            OutputStream out = Channels.newOutputStream(socket);
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                if (progress.canceled()) {
                    return false;
                }
                out.write(chunk, 0, n);
                forwarded.add(n);
            }
            out.flush();
        }
        return true;
    }

    private int pagesSince(ForwardRequest request, long before, int expected) throws InterruptedException {
        return counter.settledSince(request.snmp(), before, expected, settleEvery, settleWithin);
    }

}
