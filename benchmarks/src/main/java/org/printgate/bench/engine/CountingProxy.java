package org.printgate.bench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback that counts every byte it carries: a client connects to
 * {@link #port()}, the forwarder connects to the target and copies both directions. What it
 * counts is what the client and the engine put on the wire above TCP — HTTP request and status
 * lines, headers and IPP bodies (docs/ticket-protocol.md §13: TCP/IP headers not counted).
 */
public final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong toTarget = new AtomicLong();
    private final AtomicLong fromTarget = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final StringBuilder recording = new StringBuilder();
    private volatile boolean recordingOn;
    private volatile boolean closed;

    public CountingProxy(int targetPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.target = new InetSocketAddress(loopback, targetPort);
        this.listener = new ServerSocket(0, 50, loopback);
        Thread acceptor = new Thread(this::acceptLoop, "forwarder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes from the client to the target (requests) since the last {@link #reset()}. */
    public long bytesToTarget() {
        return toTarget.get();
    }

    /** Bytes from the target to the client (responses) since the last {@link #reset()}. */
    /** Bytes both ways since the last {@link #reset()}. */
    public long bytes() {
        return bytesToTarget() + bytesFromTarget();
    }

    public long bytesFromTarget() {
        return fromTarget.get();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public void reset() {
        toTarget.set(0);
        fromTarget.set(0);
    }

    /** Starts or stops keeping a readable copy of what passes (for {@code --wire-dump}). */
    void record(boolean on) {
        recordingOn = on;
    }

    /** What was recorded: each chunk with its connection and direction; bytes outside ASCII as \xNN. */
    String recorded() {
        synchronized (recording) {
            return recording.toString();
        }
    }

    private void keep(int connection, boolean up, byte[] buffer, int length) {
        synchronized (recording) {
            recording.append("--- connection ").append(connection).append(up ? " client -> engine, " : " engine -> client, ")
                    .append(length).append(" bytes\n");
            for (int i = 0; i < length; i++) {
                int b = buffer[i] & 0xff;
                if (b == '\n' || (b >= 0x20 && b < 0x7f && b != '\\')) {
                    recording.append((char) b);
                } else if (b != '\r') {
                    recording.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
                }
            }
            recording.append('\n');
        }
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
                int id = connections.incrementAndGet();
                pump(client, server, toTarget, id, true);
                pump(server, client, fromTarget, id, false);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("bench: forwarder could not connect: " + e);
                }
            }
        }
    }

    /** Copies one direction until either side closes, then closes both. */
    private void pump(Socket from, Socket to, AtomicLong counter, int connection, boolean up) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    counter.addAndGet(n);
                    if (recordingOn) {
                        keep(connection, up, buffer, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: the connection is over in both directions.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-" + connection + (up ? "-up" : "-down"));
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
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        open.forEach(CountingProxy::closeQuietly);
    }
}
