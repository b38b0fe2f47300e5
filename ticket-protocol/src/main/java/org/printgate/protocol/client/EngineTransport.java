package org.printgate.protocol.client;

import com.hp.jipp.encoding.IppPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestUserAgent;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2MultiplexingRequester;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2MultiplexingRequesterBootstrap;
import org.apache.hc.core5.http2.protocol.H2RequestConnControl;
import org.apache.hc.core5.http2.protocol.H2RequestContent;
import org.apache.hc.core5.http2.protocol.H2RequestTargetHost;
import org.apache.hc.core5.http2.ssl.H2ClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.printgate.ipp.DefaultTlsOnFirstUse;
import org.printgate.ipp.IppAuthenticationException;
import org.printgate.ipp.IppClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the ticket protocol travels (docs/ticket-protocol.md §2.1): IPP over one HTTP/2 connection
 * per engine, in clear with prior knowledge or over TLS with ALPN, on httpcore5-h2. All of a
 * client's requests share the connection, a parked long-poll holds no thread, and HPACK's dynamic
 * table sends the headers that repeat (authority, path, content type, credential) once per
 * connection instead of with every request.
 *
 * <p>Why not the JDK HttpClient that {@link IppClient} uses for printers: its HPACK encoder never
 * indexes, it reaches HTTP/2 in clear only through an h2c upgrade, and it cost the engine bench
 * about 1 ms of CPU per exchange, as much as the engine's own work. Control messages are small,
 * so they are sent and read whole; documents never come this way.
 *
 * <p>The credential is indexed like the other headers: the connection carries only this client's
 * own headers, so no one else's input can be compressed along with it (RFC 7541 §7.1).
 */
public final class EngineTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineTransport.class);
    private static final String USER_AGENT = "printgate IPP/2.0";
    private static final ContentType IPP = ContentType.create("application/ipp");
    /** An engine's answer is attributes only; this is far past the largest Get-Jobs page. */
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);
    /** Longer than any long-poll the engine holds, so a quiet connection with a parked poll is kept. */
    private static final Timeout IDLE_TIMEOUT = Timeout.ofMinutes(3);

    private static EngineTransport shared;

    private final H2MultiplexingRequester requester;

    private EngineTransport(SSLContext trust) {
        H2MultiplexingRequesterBootstrap bootstrap = H2MultiplexingRequesterBootstrap.bootstrap()
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).setSoTimeout(IDLE_TIMEOUT)
                        .setTcpNoDelay(true).build())
                .setH2Config(H2Config.custom().setPushEnabled(false).build())
                // No Expect: 100-continue (a request would wait for a reply before its body), our user agent.
                .setHttpProcessor(HttpProcessorBuilder.create().addAll(new H2RequestContent(), new H2RequestTargetHost(),
                        new H2RequestConnControl(), new RequestUserAgent(USER_AGENT)).build())
                .setTlsStrategy(new H2ClientTlsStrategy(trust, EngineTransport::checkHostName, null));
        this.requester = bootstrap.create();
        requester.start();
    }

    /** A transport whose TLS trusts the JVM's default certificate authorities (loaded on first use). */
    public static EngineTransport create() {
        return trusting(DefaultTlsOnFirstUse.context());
    }

    /** A transport for ipps:// engines whose certificates this context trusts (e.g. a private CA). */
    public static EngineTransport trusting(SSLContext trust) {
        return new EngineTransport(trust);
    }

    /** One transport for the clients of this process that bring none: one connection per engine. */
    public static synchronized EngineTransport shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /**
     * Sends a request; the answer completes the future on the connection's I/O thread (which
     * must not block), or fails it with an {@link IOException}. Cancelling the future (a caller
     * that stopped waiting) cancels the request's stream; the connection stays for the others.
     *
     * @param authorization the HTTP Authorization header value, or null
     */
    CompletableFuture<IppPacket> sendAsync(URI target, IppPacket request, String authorization) {
        if (log.isDebugEnabled()) {
            log.debug("→ {}\n{}", target, request.prettyPrint(100, "  "));
        }
        CompletableFuture<IppPacket> answer = new CompletableFuture<>();
        byte[] body;
        try {
            body = encode(request);
        } catch (IOException e) {
            answer.completeExceptionally(e);
            return answer;
        }
        URI http = IppClient.httpUri(target);
        BasicHttpRequest head = new BasicHttpRequest(Method.POST, new HttpHost(http.getScheme(), http.getHost(), http.getPort()),
                http.getRawPath());
        if (authorization != null) {
            head.addHeader("Authorization", authorization);
        }
        Future<Message<HttpResponse, byte[]>> pending = requester.execute(
                new BasicRequestProducer(head, AsyncEntityProducers.create(body, IPP)),
                new BasicResponseConsumer<>(new BoundedBytes()), CONNECT_TIMEOUT, null,
                new FutureCallback<>() {
                    @Override
                    public void completed(Message<HttpResponse, byte[]> message) {
                        try {
                            answer.complete(decode(target, message));
                        } catch (IOException | RuntimeException e) {
                            answer.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        answer.completeExceptionally(e instanceof IOException ? e
                                : new IOException("talking to " + target + ": " + e, e));
                    }

                    @Override
                    public void cancelled() {
                        answer.cancel(false);
                    }
                });
        answer.whenComplete((done, failure) -> {
            if (answer.isCancelled()) {
                pending.cancel(true);
            }
        });
        return answer;
    }

    private static IppPacket decode(URI target, Message<HttpResponse, byte[]> answer) throws IOException {
        int status = answer.getHead().getCode();
        if (status == 401) {
            throw new IppAuthenticationException("HTTP 401 from " + target + ": credentials refused");
        }
        if (status != 200) {
            throw new IOException("HTTP " + status + " from " + target);
        }
        IppPacket response = IppPacket.read(new ByteArrayInputStream(answer.getBody()));
        if (log.isDebugEnabled()) {
            log.debug("← {}\n{}", target, response.prettyPrint(100, "  "));
        }
        return response;
    }

    @Override
    public void close() {
        requester.close(CloseMode.GRACEFUL);
    }

    private static byte[] encode(IppPacket packet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        packet.write(out);
        return out.toByteArray();
    }

    /** The JDK checks the certificate's names against the host, as its own HttpClient does. */
    private static void checkHostName(org.apache.hc.core5.net.NamedEndpoint endpoint, SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
    }

    /** An answer's body, refused past {@link #MAX_RESPONSE_BYTES}. */
    private static final class BoundedBytes extends AbstractBinAsyncEntityConsumer<byte[]> {
        private ByteArrayOutputStream body = new ByteArrayOutputStream(1024);

        @Override
        protected void streamStart(ContentType contentType) {
            body = new ByteArrayOutputStream(1024);
        }

        @Override
        protected int capacityIncrement() {
            return Integer.MAX_VALUE;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if (body.size() + src.remaining() > MAX_RESPONSE_BYTES) {
                throw new IOException("an answer of more than " + MAX_RESPONSE_BYTES + " bytes");
            }
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            body.write(chunk);
        }

        @Override
        protected byte[] generateContent() {
            return body.toByteArray();
        }

        @Override
        public void releaseResources() {
            // Nothing held beyond the buffer.
        }
    }
}
