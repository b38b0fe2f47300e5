package org.printgate.spooler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback between a client and a server that can lose the server's answers:
 * while it drops them, what the client sends still arrives (the server acts on it), but nothing
 * comes back, as when a connection dies after the request went out. A connection that went deaf
 * stays deaf until {@link #cut} closes it, as a dropped network or a server restart does; only
 * connections made after {@code dropAnswers(false)} carry answers again. (A client that
 * reconnects at once after the cut must not lose its answer to the moment between the cut and
 * the switch, and a deaf connection must not hear an answer sent before the cut.)
 */
final class AnswerDroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<AtomicBoolean> deafness = new CopyOnWriteArrayList<>();
    private volatile boolean dropping;

    AnswerDroppingProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * true: from now on the server's bytes are thrown away, on every connection. false: new
     * connections carry them; those already deaf stay so until cut.
     */
    void dropAnswers(boolean drop) {
        dropping = drop;
        if (drop) {
            deafness.forEach(deaf -> deaf.set(true));
        }
    }

    /** Closes every connection open through the proxy; new ones may come. */
    void cut() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing: nothing to do.
            }
        }
        sockets.clear();
        deafness.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                AtomicBoolean deaf = new AtomicBoolean(dropping);
                sockets.add(client);
                sockets.add(server);
                deafness.add(deaf);
                pump(client, server, new AtomicBoolean(false));
                pump(server, client, deaf);
            } catch (IOException e) {
                // The listener closed, or the server is away: the client sees its connection fail.
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean drop) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (drop.get()) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed: the other follows.
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // Closing: nothing to do.
                }
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
