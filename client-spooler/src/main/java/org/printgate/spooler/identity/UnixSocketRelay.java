package org.printgate.spooler.identity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spooler's Unix domain socket, as cupsd has one: a local client (the {@code printgate} CLI)
 * connects to it, the kernel says who it is ({@code SO_PEERCRED}), and its bytes are relayed to
 * the spooler's own IPP port over loopback. The relay's loopback connection is remembered with the
 * account, so the request is the account's, on platforms without a socket table too.
 */
public final class UnixSocketRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnixSocketRelay.class);
    private static final int BUFFER = 64 * 1024;
    /** Connections relayed at once (two threads each): more are closed at once, so no local account can exhaust the spooler's threads. */
    static final int MOST_CLIENTS = 32;

    private final ServerSocketChannel server;
    private final Path path;
    private final InetSocketAddress target;
    /** The relay's own loopback ports, each with the account whose connection it carries. */
    private final Map<Integer, String> relayed = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private final Semaphore slots = new Semaphore(MOST_CLIENTS);

    private UnixSocketRelay(ServerSocketChannel server, Path path, InetSocketAddress target) {
        this.server = server;
        this.path = path;
        this.target = target;
        this.acceptor = new Thread(this::acceptAll, "unix-socket-relay");
        acceptor.setDaemon(true);
    }

    /**
     * Listens at {@code path} (any user may connect: the kernel tells who did) and relays to
     * {@code target}; empty where the platform has no Unix domain sockets or the path cannot be
     * used, after saying why.
     */
    public static Optional<UnixSocketRelay> start(Path path, InetSocketAddress target) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            // A socket file left by a spooler that was killed: nothing listens on it any more.
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (UnsupportedOperationException e) {
                // No POSIX permissions here (Windows): the file's ACL decides.
            }
            UnixSocketRelay relay = new UnixSocketRelay(server, path, target);
            relay.acceptor.start();
            log.info("local clients may also connect at {}", path);
            return Optional.of(relay);
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("no Unix domain socket at {}: {}; local clients connect over loopback TCP only", path, e.toString());
            return Optional.empty();
        }
    }

    /** The account whose Unix socket connection the loopback connection from {@code relayPort} carries. */
    Optional<String> accountBehind(int relayPort) {
        return Optional.ofNullable(relayed.get(relayPort));
    }

    public Path path() {
        return path;
    }

    private void acceptAll() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (!slots.tryAcquire()) {
                    log.warn("{} Unix socket connections at once: one more is closed", MOST_CLIENTS);
                    close(client);
                    continue;
                }
                Thread pump = new Thread(() -> {
                    try {
                        relay(client);
                    } finally {
                        slots.release();
                    }
                }, "unix-socket-client");
                pump.setDaemon(true);
                pump.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.info("a Unix socket connection failed: {}", e.toString());
            }
        }
    }

    private void relay(SocketChannel client) {
        String account;
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            account = peer.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            log.info("a Unix socket client whose account the kernel does not tell: closed ({})", e.toString());
            close(client);
            return;
        }
        try (client; SocketChannel loopback = SocketChannel.open(target)) {
            int port = ((InetSocketAddress) loopback.getLocalAddress()).getPort();
            relayed.put(port, account);
            try {
                Thread back = new Thread(() -> copy(loopback, client), "unix-socket-back");
                back.setDaemon(true);
                back.start();
                copy(client, loopback);
                back.join();
            } finally {
                relayed.remove(port);
            }
        } catch (IOException e) {
            log.info("relaying {}'s connection failed: {}", account, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies until {@code from} ends, then ends {@code to}'s output: each side sees the other's close. */
    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(to);
            close(from);
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing after a failure: nothing more to do.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.info("closing {}: {}", path, e.toString());
        }
    }
}
