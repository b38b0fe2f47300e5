package org.printgate.bench.spooler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.apache.hc.core5.util.Timeout;
import org.printgate.ipp.IppClient;

/**
 * The accept run's client: one kept-alive HTTP/1.1 connection (httpcore5's blocking one, on the
 * calling thread) that posts whole IPP requests and reads the IPP status of each answer, as a
 * load generator such as {@code ab} or {@code wrk} would. The JDK's HttpClient costs about a
 * millisecond of CPU per request in hand-offs between its threads: on two cores shared with the
 * servers that was as much CPU as cupsd's own work per job, so the figure measured the client
 * as much as the servers.
 */
final class IppPoster implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private final URI http;
    private final String path;
    private final Timeout timeout;
    private DefaultBHttpClientConnection connection;

    IppPoster(URI ippUri, Timeout timeout) {
        this.http = IppClient.httpUri(ippUri);
        this.path = http.getRawPath();
        this.timeout = timeout;
    }

    /**
     * Posts {@code body} (the IPP request with its document) and returns the answer's IPP status
     * code. A kept-alive connection that the server closed while the load paused (its idle
     * timeout) fails the first request sent on it before anything is answered: like every HTTP
     * client, the poster then opens a new connection and sends once more. Nothing was processed,
     * so no job is counted twice; any other failure is the server's, and is counted.
     */
    int post(byte[] body) throws IOException {
        boolean reused = connection != null;
        if (reused && connection.isStale()) {
            close();
            reused = false;
        }
        try {
            return exchange(body);
        } catch (ConnectionClosedException | NoHttpResponseException | java.net.SocketException e) {
            if (!reused) {
                throw e;
            }
            return exchange(body);
        }
    }

    private int exchange(byte[] body) throws IOException {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("POST", path);
        request.setHeader(HttpHeaders.HOST, http.getHost() + ":" + http.getPort());
        // The bare connection writes the headers it is given: the message framing is ours to set.
        request.setHeader(HttpHeaders.CONTENT_TYPE, "application/ipp");
        request.setHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        request.setEntity(new ByteArrayEntity(body, ContentType.create("application/ipp")));
        try {
            DefaultBHttpClientConnection open = connection();
            open.sendRequestHeader(request);
            open.sendRequestEntity(request);
            open.flush();
            ClassicHttpResponse response = open.receiveResponseHeader();
            open.receiveResponseEntity(response);
            byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (!DefaultConnectionReuseStrategy.INSTANCE.keepAlive(request, response, new BasicHttpContext())) {
                close();
            }
            if (response.getCode() != 200) {
                throw new IOException("HTTP " + response.getCode() + " from " + http);
            }
            if (answer.length < 8) {
                throw new IOException("a short IPP answer (" + answer.length + " bytes) from " + http);
            }
            return (answer[2] & 0xff) << 8 | answer[3] & 0xff;
        } catch (HttpException e) {
            close();
            throw new IOException("bad HTTP from " + http + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private DefaultBHttpClientConnection connection() throws IOException {
        if (connection == null) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(http.getHost(), http.getPort()), timeout.toMillisecondsIntBound());
            // Head and body leave in one write, as other clients send a small request: a body
            // written apart (above the default fragment hint) would cost the server a second read.
            DefaultBHttpClientConnection opened = new DefaultBHttpClientConnection(Http1Config.custom()
                    .setBufferSize(BUFFER).setChunkSizeHint(BUFFER).build());
            opened.bind(socket);
            opened.setSocketTimeout(timeout);
            connection = opened;
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // Closing a connection that already broke; the next post opens another.
            }
            connection = null;
        }
    }
}
