package org.printgate.spooler.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Linux's TCP socket tables, {@code /proc/net/tcp} and {@code /proc/net/tcp6}: one line per
 * socket with its local and remote address, state, owner uid and inode. The client's socket is
 * the line whose local end is the client's address and whose remote end is ours.
 *
 * <p>Only a socket a process still holds counts (inode not 0): a socket in TIME_WAIT, or one
 * its process has closed, is listed with uid 0 and must not pass for root.
 */
final class ProcNetTcp implements SocketOwners {
    static final Path IPV4 = Path.of("/proc/net/tcp");
    static final Path IPV6 = Path.of("/proc/net/tcp6");
    private static final int LOCAL = 1;
    private static final int REMOTE = 2;
    private static final int UID = 7;
    private static final int INODE = 9;

    private final Path ipv4;
    private final Path ipv6;
    private final ByteOrder kernelOrder;

    ProcNetTcp() {
        this(IPV4, IPV6, ByteOrder.nativeOrder());
    }

    /** Tables at other paths and in a given byte order: for tests of the parsing. */
    ProcNetTcp(Path ipv4, Path ipv6, ByteOrder kernelOrder) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.kernelOrder = kernelOrder;
    }

    @Override
    public OptionalInt uidOf(InetSocketAddress client, InetSocketAddress server) {
        OptionalInt uid = OptionalInt.empty();
        if (client.getAddress().getAddress().length == 4) {
            uid = find(ipv4, encode(client.getAddress().getAddress(), client.getPort()),
                    encode(server.getAddress().getAddress(), server.getPort()));
        }
        // An IPv6 socket (Java's own default) connected over IPv4 is listed in tcp6 with
        // IPv4-mapped addresses (::ffff:127.0.0.1).
        return uid.isPresent() ? uid : find(ipv6, encode(asIpv6(client), client.getPort()), encode(asIpv6(server), server.getPort()));
    }

    /**
     * The table is read whole and searched for the two ends side by side ("LOCAL REMOTE", as
     * each line has them): on a busy machine it has thousands of lines, and only the match is
     * taken apart.
     */
    private static OptionalInt find(Path table, String clientEnd, String serverEnd) {
        byte[] text;
        try {
            text = Files.readAllBytes(table);
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] ends = (clientEnd + " " + serverEnd).getBytes(StandardCharsets.US_ASCII);
        for (int at = indexOf(text, ends, 0); at >= 0; at = indexOf(text, ends, at + ends.length)) {
            int lineStart = at;
            while (lineStart > 0 && text[lineStart - 1] != '\n') {
                lineStart--;
            }
            int lineEnd = at;
            while (lineEnd < text.length && text[lineEnd] != '\n') {
                lineEnd++;
            }
            String[] fields = new String(text, lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII).trim().split("\\s+");
            if (fields.length > INODE && fields[LOCAL].equals(clientEnd) && fields[REMOTE].equals(serverEnd)
                    && !fields[INODE].equals("0")) {
                return OptionalInt.of(Integer.parseInt(fields[UID]));
            }
        }
        return OptionalInt.empty();
    }

    private static int indexOf(byte[] text, byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= text.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] asIpv6(InetSocketAddress address) {
        byte[] bytes = address.getAddress().getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }

    /** An address as the kernel prints it: each 32-bit word of the address in its own byte order, then the port, in hex. */
    String encode(byte[] bytes, int port) {
        StringBuilder text = new StringBuilder(bytes.length * 2 + 5);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int index = kernelOrder == ByteOrder.LITTLE_ENDIAN ? word + 3 - i : word + i;
                text.append(String.format("%02X", bytes[index] & 0xff));
            }
        }
        return text.append(':').append(String.format("%04X", port)).toString();
    }
}
