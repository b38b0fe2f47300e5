package org.printgate.spooler.cli;

import com.hp.jipp.encoding.IppPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One IPP request to the spooler over its Unix domain socket, where the kernel tells the spooler
 * who runs the command (SO_PEERCRED), as cupsd's clients do. Java's HTTP client has no Unix
 * sockets, and the CLI's requests are small: one HTTP/1.0 POST per connection, whose answer ends
 * where the connection does.
 */
final class UnixSocketIpp {
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private UnixSocketIpp() {}

    static IppPacket send(Path socket, IppPacket request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.write(body);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("POST / HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/ipp\r\nContent-Length: " + body.size()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeTo(out);
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            byte[] answer = in.readNBytes(MAX_ANSWER);
            int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = new String(answer, 0, Math.max(0, end), StandardCharsets.US_ASCII);
            if (end < 0 || !head.matches("(?s)HTTP/1\\.[01] 200 .*")) {
                throw new IOException("the spooler at " + socket + " answered " + head.lines().findFirst().orElse("nothing"));
            }
            return IppPacket.read(new ByteArrayInputStream(answer, end + 4, answer.length - end - 4));
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            int j = 0;
            while (j < pattern.length && data[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
