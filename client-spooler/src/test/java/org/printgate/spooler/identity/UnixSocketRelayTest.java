package org.printgate.spooler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.testing.Await;

/** The Unix socket relay names each client's account and takes no more clients than it has room for. */
class UnixSocketRelayTest {

    @Test
    void theKernelNamesTheClientAndTheRelayTakesABoundedNumberAtOnce(@TempDir Path dir) throws Exception {
        String me = System.getProperty("user.name");
        List<Socket> relayed = new ArrayList<>();
        List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocket target = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
             UnixSocketRelay relay = UnixSocketRelay.start(dir.resolve("spooler.sock"),
                     (InetSocketAddress) target.getLocalSocketAddress()).orElseThrow()) {
            for (int i = 0; i < UnixSocketRelay.MOST_CLIENTS; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                client.connect(UnixDomainSocketAddress.of(relay.path()));
                clients.add(client);
                Socket arrived = target.accept();
                relayed.add(arrived);
                // The relay notes the account once its own connection is up, which the target may see first.
                Await.until(Duration.ofSeconds(10), () -> relay.accountBehind(arrived.getPort()).isPresent(),
                        "the relay to note its connection's account");
                assertThat(relay.accountBehind(arrived.getPort())).hasValue(me);
            }
            SocketChannel oneTooMany = SocketChannel.open(StandardProtocolFamily.UNIX);
            oneTooMany.connect(UnixDomainSocketAddress.of(relay.path()));
            oneTooMany.configureBlocking(false);
            Await.until(Duration.ofSeconds(10), "the relay to close a connection it has no room for",
                    () -> oneTooMany.read(ByteBuffer.allocate(1)) == -1);

            // One client leaves, and the server it reached closes its side too: there is room again.
            clients.remove(0).close();
            relayed.remove(0).close();
            Await.until(Duration.ofSeconds(10), () -> {
                try (SocketChannel another = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    another.connect(UnixDomainSocketAddress.of(relay.path()));
                    return connectedThrough(target);
                } catch (java.io.IOException e) {
                    return false;
                }
            }, "room for a new client once one left");
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
            for (Socket socket : relayed) {
                socket.close();
            }
        }
    }

    /** Whether the relay carried a new connection to {@code target} within a moment. */
    private static boolean connectedThrough(ServerSocket target) throws java.io.IOException {
        target.setSoTimeout(500);
        try (Socket arrived = target.accept()) {
            return arrived.isConnected();
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } finally {
            target.setSoTimeout(0);
        }
    }
}
