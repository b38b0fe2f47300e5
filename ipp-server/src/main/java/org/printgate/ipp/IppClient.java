package org.printgate.ipp;

import com.hp.jipp.encoding.IppPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.printgate.ipp.internal.IppFrameReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IPP client on the JDK HttpClient (RFC 8010 §4). Documents are streamed from a file or a
 * stream, never loaded whole; packets are pretty-printed at debug level.
 */
public final class IppClient {
    private static final Logger log = LoggerFactory.getLogger(IppClient.class);
    private static final int MAX_RESPONSE_ATTRIBUTES = 16 * 1024 * 1024;
    private static final String USER_AGENT = "printgate IPP/2.0";
    private static final Duration DEADLINE_GRACE = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final String authorization;

    public IppClient(Duration connectTimeout, Duration requestTimeout) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .sslContext(DefaultTlsOnFirstUse.context())
                .sslParameters(DefaultTlsOnFirstUse.parameters())
                .build(), requestTimeout, null);
    }

    private IppClient(HttpClient http, Duration requestTimeout, String authorization) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.authorization = authorization;
    }

    /** A client for ipps:// servers whose certificates this context trusts (e.g. a private CA). */
    public IppClient(Duration connectTimeout, Duration requestTimeout, javax.net.ssl.SSLContext trust) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .sslContext(trust)
                .build(), requestTimeout, null);
    }

    /** The same client (same connections), sending this HTTP Authorization header value. */
    public IppClient withAuthorization(String headerValue) {
        return new IppClient(http, requestTimeout, headerValue);
    }

    /** The same client with another timeout per request, e.g. for long-polls. */
    public IppClient withRequestTimeout(Duration timeout) {
        return new IppClient(http, timeout, authorization);
    }

    public IppClient() {
        this(Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** Sends a request without document data. */
    public IppPacket send(URI uri, IppPacket request) throws IOException {
        return exchange(uri, request, HttpRequest.BodyPublishers.ofByteArray(encode(request)));
    }

    /** Sends a request followed by a file, with a Content-Length. */
    public IppPacket send(URI uri, IppPacket request, Path document) throws IOException {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(encode(request)),
                HttpRequest.BodyPublishers.ofFile(document));
        return exchange(uri, request, body);
    }

    /** Sends a request followed by a stream of unknown length, chunked. */
    public IppPacket send(URI uri, IppPacket request, InputStream document) throws IOException {
        byte[] header = encode(request);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(new ByteArrayInputStream(header), document));
        return exchange(uri, request, body);
    }

    /** The http:// (or https://) URI an ipp:// (ipps://) URI is reached at; port 631 by default. */
    public static URI httpUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase();
        String httpScheme = switch (scheme) {
            case "ipp", "http" -> "http";
            case "ipps", "https" -> "https";
            default -> throw new IllegalArgumentException("not an IPP URI: " + uri);
        };
        int port = uri.getPort() == -1 ? 631 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(httpScheme + "://" + uri.getHost() + ":" + port + path);
    }

    private IppPacket exchange(URI uri, IppPacket request, HttpRequest.BodyPublisher body) throws IOException {
        if (log.isDebugEnabled()) {
            log.debug("→ {}\n{}", uri, request.prettyPrint(100, "  "));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(httpUri(uri))
                .timeout(requestTimeout)
                // Short, as CUPS's: HTTP/1.1 sends it whole on every request.
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/ipp")
                .POST(body);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest httpRequest = builder.build();
        HttpResponse<InputStream> httpResponse = await(uri, http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream()),
                requestTimeout);
        try (InputStream in = httpResponse.body()) {
            if (httpResponse.statusCode() == 401) {
                throw new IppAuthenticationException("HTTP 401 from " + uri + ": credentials refused");
            }
            if (httpResponse.statusCode() != 200) {
                throw new IOException("HTTP " + httpResponse.statusCode() + " from " + uri);
            }
            byte[] bytes = new IppFrameReader(MAX_RESPONSE_ATTRIBUTES).read(in).bytes();
            // Read the (normally empty) rest: a response closed before its end costs the connection.
            in.transferTo(java.io.OutputStream.nullOutputStream());
            IppPacket response = IppPacket.read(new ByteArrayInputStream(bytes));
            if (log.isDebugEnabled()) {
                log.debug("← {}\n{}", uri, response.prettyPrint(100, "  "));
            }
            return response;
        }
    }

    /**
     * Waits for an answer, at most {@code timeout} and a little more, cancelling the request then.
     * The HTTP client's own timeout should end the wait first; this bound holds whatever the
     * connection does (a request sent as the engine stopped was once left without answer or
     * error, cause not proven). Failures come out as IOExceptions.
     */
    public static <T> T await(URI uri, Future<T> pending, Duration timeout) throws IOException {
        try {
            return pending.get(timeout.plus(DEADLINE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + uri, e);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no answer from " + uri + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("talking to " + uri + ": " + cause, cause);
        }
    }

    private static byte[] encode(IppPacket packet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        packet.write(out);
        return out.toByteArray();
    }
}
