package org.printgate.sim.raw;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.DataPath;
import org.printgate.sim.printer.SimPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw (AppSocket, "port 9100") ports of every simulated printer: one selector thread accepts
 * on all of them; each connection becomes a job on its printer's raw lane, read when the lane
 * and the mechanism token let it. A printer that goes offline closes its port (connections are
 * refused) and opens it again when it comes back.
 */
public final class RawSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RawSocketServer.class);

    private final Selector selector;
    private final String host;
    private final Map<SimPrinter, ServerSocketChannel> open = new ConcurrentHashMap<>();
    private final Map<SimPrinter, Integer> ports = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;
    private volatile boolean running = true;

    public RawSocketServer(String host) throws IOException {
        this.host = host;
        this.selector = Selector.open();
        this.acceptor = new Thread(this::acceptLoop, "raw-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Opens the printer's raw port (0 = any free port) and returns the bound port. */
    public int add(SimPrinter printer, int port) throws IOException {
        int bound = bind(printer, port);
        ports.put(printer, bound);
        printer.hardware().onChange(() -> followOnline(printer));
        // A printer offline from its profile on: the port number is kept, the port closed.
        followOnline(printer);
        return bound;
    }

    public int port(SimPrinter printer) {
        return ports.get(printer);
    }

    private int bind(SimPrinter printer, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            channel.bind(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            channel.close();
            throw new IOException(printer.name() + ": cannot open raw port " + host + ":" + port + ": " + e.getMessage(), e);
        }
        channel.configureBlocking(false);
        open.put(printer, channel);
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_ACCEPT, printer);
            } catch (IOException e) {
                log.warn("{}: cannot watch the raw port", printer.name(), e);
            }
        });
        selector.wakeup();
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Offline closes the port, online opens it again on the same number. */
    private synchronized void followOnline(SimPrinter printer) {
        boolean online = printer.hardware().online();
        ServerSocketChannel channel = open.get(printer);
        try {
            if (!online && channel != null) {
                open.remove(printer);
                channel.close();
                selector.wakeup();
                log.info("{}: raw port closed (offline)", printer.name());
            } else if (online && channel == null && running) {
                bind(printer, ports.get(printer));
                log.info("{}: raw port open again", printer.name());
            }
        } catch (IOException e) {
            log.warn("{}: raw port change failed", printer.name(), e);
        }
    }

    private void acceptLoop() {
        try {
            while (running) {
                selector.select();
                for (Runnable task; (task = pending.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel(), (SimPrinter) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("raw accept loop died", e);
            }
        }
    }

    private void accept(ServerSocketChannel server, SimPrinter printer) {
        try {
            SocketChannel channel = server.accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(true);
            Socket socket = channel.socket();
            Job job = printer.createJob(DataPath.RAW, "raw job from " + socket.getInetAddress().getHostAddress(),
                    "raw", "application/octet-stream");
            RawJobStream data = new RawJobStream(socket, printer.hardware(), job);
            printer.queueRawJob(job, data, () -> closeQuietly(socket));
        } catch (IOException e) {
            log.info("{}: raw accept failed: {}", printer.name(), e.getMessage());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone; nothing to tell anyone.
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        for (ServerSocketChannel channel : open.values()) {
            channel.close();
        }
        selector.close();
    }
}
