package org.printgate.bench.spooler;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's "printer": a raw-socket port on loopback that reads every connection to its end
 * and throws the bytes away, counting them. Each connection's {@link Received} (bytes, first
 * byte, end) is handed out in the order connections arrive. Reads go into one direct buffer per
 * connection, so the sink costs as little CPU as a socket reader can.
 */
final class DiscardingSink implements AutoCloseable {
    /** One connection, read to its end: its bytes, and when the first byte and the end arrived (System.nanoTime). */
    record Received(long bytes, long firstByteNanos, long endNanos) {
        double seconds() {
            return (endNanos - firstByteNanos) / 1e9;
        }
    }

    private static final int BUFFER = 256 * 1024;

    private final ServerSocketChannel listener;
    private final AtomicLong total = new AtomicLong();
    private final LinkedBlockingQueue<CompletableFuture<Received>> connections = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    DiscardingSink() throws IOException {
        this.listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** Every byte received since the start or the last {@link #reset()}. */
    long bytes() {
        return total.get();
    }

    void reset() {
        total.set(0);
    }

    /** The next connection to arrive (or the oldest not taken yet), complete once it has ended. */
    CompletableFuture<Received> nextConnection() throws InterruptedException {
        return connections.take();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel connection = listener.accept();
                CompletableFuture<Received> done = new CompletableFuture<>();
                connections.add(done);
                Thread reader = new Thread(() -> drain(connection, done), "sink-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("bench: the sink could not accept: " + e);
                }
            }
        }
    }

    private void drain(SocketChannel connection, CompletableFuture<Received> done) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long bytes = 0;
        long first = 0;
        try (connection) {
            for (int n; (n = connection.read(buffer.clear())) >= 0; ) {
                if (bytes == 0 && n > 0) {
                    first = System.nanoTime();
                }
                bytes += n;
                total.addAndGet(n);
            }
            done.complete(new Received(bytes, first, System.nanoTime()));
        } catch (IOException e) {
            done.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
