package org.printgate.ipp;

import com.hp.jipp.encoding.IppPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 by hand over a socket, for what a well-behaved client library won't send. */
final class RawHttp implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final DataInputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new DataInputStream(socket.getInputStream());
    }

    record Response(int code, String headers, byte[] body) {
        IppPacket ipp() throws IOException {
            return IppPacket.read(new ByteArrayInputStream(body));
        }

        boolean closes() {
            return headers.toLowerCase(Locale.ROOT).contains("connection: close");
        }
    }

    static byte[] encode(IppPacket packet) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        packet.write(bytes);
        return bytes.toByteArray();
    }

    void post(byte[] body) throws IOException {
        out.write(("POST /ipp/print HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    void sendHead(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response; null when the server closed the connection instead. */
    Response read() throws IOException {
        String status = line();
        if (status == null) {
            return null;
        }
        StringBuilder headers = new StringBuilder();
        long length = -1;
        boolean chunked = false;
        for (String line; !(line = line()).isEmpty(); ) {
            headers.append(line).append('\n');
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line().trim(), 16)) > 0; ) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
        } else {
            body = code == 100 ? new byte[0] : in.readAllBytes();
        }
        return new Response(code, headers.toString(), body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    static InputStream zeros(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) (left & 0x7f));
                left -= n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
