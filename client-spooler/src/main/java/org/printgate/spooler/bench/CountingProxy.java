package org.printgate.spooler.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback in front of the engine that counts what it carries both ways:
 * the spooler's ticket traffic as it would cross the network, HTTP included (TCP/IP headers
 * not counted, as in docs/ticket-protocol.md §13).
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong bytes = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    CountingProxy(int targetPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.target = new InetSocketAddress(loopback, targetPort);
        this.listener = new ServerSocket(0, 50, loopback);
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes both ways since the start or the last {@link #reset()}. */
    long bytes() {
        return bytes.get();
    }

    void reset() {
        bytes.set(0);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("bench: the proxy could not connect to the engine: " + e);
                }
            }
        }
    }

    /** Copies one direction until either side closes, then closes both. */
    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes.addAndGet(n);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: the connection is over both ways.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(CountingProxy::closeQuietly);
    }
}
