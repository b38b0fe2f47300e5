package org.printgate.spooler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner of a loopback connection's client end, from the kernel's socket table. */
class ProcNetTcpTest {

    @Test
    void findsTheOwnerOfARealConnectionsClientEnd() throws Exception {
        int myUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            InetSocketAddress clientEnd = (InetSocketAddress) accepted.getRemoteSocketAddress();
            InetSocketAddress serverEnd = (InetSocketAddress) accepted.getLocalSocketAddress();

            assertThat(new ProcNetTcp().uidOf(clientEnd, serverEnd)).hasValue(myUid);
            assertThat(clientEnd.getPort()).isEqualTo(client.getLocalPort());
        }
    }

    @Test
    void readsBothByteOrdersAndIpv6AndIgnoresSocketsNoProcessHolds(@TempDir Path dir) throws Exception {
        Path tcp = dir.resolve("tcp");
        Path tcp6 = dir.resolve("tcp6");
        String heading = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        // 127.0.0.1:40000 -> 127.0.0.1:8631, little-endian words as on x86; one live (uid 1001), one in
        // TIME_WAIT from an earlier connection on the same ports (uid 0, inode 0).
        Files.writeString(tcp, heading
                + "   0: 0100007F:9C40 0100007F:21B7 06 00000000:00000000 03:00000000 00000000     0        0 0\n"
                + "   1: 0100007F:9C40 0100007F:21B7 01 00000000:00000000 00:00000000 00000000  1001        0 5551 1\n");
        // ::1 port 40001 -> ::1 port 8631, uid 1002; and an IPv6 socket connected over IPv4 (Java's
        // default), listed with IPv4-mapped addresses: ::ffff:127.0.0.1 port 40003, uid 1003.
        Files.writeString(tcp6, heading
                + "   0: 00000000000000000000000001000000:9C41 00000000000000000000000001000000:21B7 01 00000000:00000000"
                + " 00:00000000 00000000  1002        0 7771 1\n"
                + "   1: 0000000000000000FFFF00000100007F:9C43 0000000000000000FFFF00000100007F:21B7 01 00000000:00000000"
                + " 00:00000000 00000000  1003        0 7772 1\n");
        ProcNetTcp table = new ProcNetTcp(tcp, tcp6, ByteOrder.LITTLE_ENDIAN);
        InetSocketAddress spooler = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8631);

        assertThat(table.uidOf(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000), spooler)).hasValue(1001);
        assertThat(table.uidOf(new InetSocketAddress(InetAddress.getByName("::1"), 40001),
                new InetSocketAddress(InetAddress.getByName("::1"), 8631))).hasValue(1002);
        assertThat(table.uidOf(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40003), spooler)).hasValue(1003);
        assertThat(table.uidOf(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40002), spooler)).isEmpty();

        Files.writeString(tcp, heading
                + "   0: 0100007F:9C40 0100007F:21B7 06 00000000:00000000 03:00000000 00000000     0        0 0\n");
        assertThat(table.uidOf(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000), spooler))
                .as("a TIME_WAIT socket is nobody's, not root's").isEmpty();

        ProcNetTcp bigEndian = new ProcNetTcp(tcp, tcp6, ByteOrder.BIG_ENDIAN);
        assertThat(bigEndian.encode(spooler.getAddress().getAddress(), spooler.getPort())).isEqualTo("7F000001:21B7");
    }
}
