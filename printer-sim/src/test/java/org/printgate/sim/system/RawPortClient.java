package org.printgate.sim.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A client of a printer's raw (AppSocket, 9100) port, as a driver uses it: connect, send the
 * document, half-close, and wait until the printer closes the connection, which it does when the
 * job is done.
 */
final class RawPortClient {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;

    RawPortClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Connects and closes again; throws {@link java.net.ConnectException} when the port is closed. */
    void connect() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        }
    }

    /** Sends a job and returns when the printer has closed the connection in order. */
    void print(byte[] document) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(document);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            // The printer sends nothing back; end of stream is the end of the job.
            while (in.read() >= 0) {
                // Status bytes, if a printer sent any, are not part of the job.
            }
        }
    }

    /**
     * Sends a job that the printer is expected to break off; returns how the exchange failed, or
     * null when it ended in order.
     */
    IOException printExpectingFailure(byte[] document) {
        try {
            print(document);
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
