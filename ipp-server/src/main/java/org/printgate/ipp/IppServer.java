package org.printgate.ipp;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.printgate.ipp.internal.IppHttpHandler;
import org.xnio.Options;

/**
 * An IPP server: one Undertow instance, any number of listeners, one {@link IppService}. Many
 * listeners share one I/O and worker pool, so a simulator with hundreds of printer ports costs
 * a few threads, not hundreds.
 */
public final class IppServer implements AutoCloseable {
    /** IPP versions accepted by default: 1.0 and 1.1 (RFC 8011) and 2.0-2.2 (PWG 5100.12). */
    public static final Set<Integer> DEFAULT_VERSIONS = Set.of(0x0100, 0x0101, 0x0200, 0x0201, 0x0202);

    private final Undertow undertow;
    private final IppHttpHandler handler;
    private final List<InetSocketAddress> bound = new ArrayList<>();

    private IppServer(Builder builder) {
        this.handler = new IppHttpHandler(builder.service, builder.maxAttributesBytes, builder.versions);
        Undertow.Builder undertowBuilder = Undertow.builder()
                .setIoThreads(builder.ioThreads)
                .setWorkerThreads(builder.workerThreads)
                // A client that stops sending mid-request must not hold a worker for ever.
                .setSocketOption(Options.READ_TIMEOUT, (int) builder.readTimeoutMillis)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, builder.http2)
                // Documents of any size are streamed, never held (Undertow 2.3.20+ caps bodies at
                // 2 MiB by default); the IPP header has its own limit, maxAttributesBytes.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setHandler(routed(new HttpContinueReadHandler(handler), builder.routes));
        if (builder.shared != null) {
            undertowBuilder.setWorker(builder.shared.worker()).setByteBufferPool(builder.shared.buffers());
        }
        for (InetSocketAddress address : builder.listeners) {
            if (builder.tls != null) {
                undertowBuilder.addHttpsListener(address.getPort(), address.getHostString(), builder.tls);
            } else {
                undertowBuilder.addHttpListener(address.getPort(), address.getHostString());
            }
        }
        this.undertow = undertowBuilder.build();
    }

    /** IPP everywhere but under the routes' prefixes, which their own handlers serve. */
    private static HttpHandler routed(HttpHandler ipp, Map<String, HttpHandler> routes) {
        if (routes.isEmpty()) {
            return ipp;
        }
        PathHandler paths = new PathHandler(ipp);
        routes.forEach(paths::addPrefixPath);
        return paths;
    }

    public static Builder builder(IppService service) {
        return new Builder(service);
    }

    public IppServer start() {
        undertow.start();
        for (Undertow.ListenerInfo info : undertow.getListenerInfo()) {
            bound.add((InetSocketAddress) info.getAddress());
        }
        return this;
    }

    /** The addresses actually bound, in the order the listeners were added (port 0 resolved). */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** The port of the first listener. */
    public int port() {
        return bound.get(0).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        // With shared threads Undertow leaves kept-alive connections open: end them too.
        handler.closeConnections();
    }

    public static final class Builder {
        private final IppService service;
        private final List<InetSocketAddress> listeners = new ArrayList<>();
        private int maxAttributesBytes = 256 * 1024;
        private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int workerThreads = 64;
        private long readTimeoutMillis = 120_000;
        private Set<Integer> versions = DEFAULT_VERSIONS;
        private SharedThreads shared;
        private javax.net.ssl.SSLContext tls;
        private boolean http2;
        private final Map<String, HttpHandler> routes = new LinkedHashMap<>();

        private Builder(IppService service) {
            this.service = service;
        }

        /** Adds a listener; port 0 picks a free one. */
        public Builder listen(String host, int port) {
            listeners.add(InetSocketAddress.createUnresolved(host, port));
            return this;
        }

        /** Upper bound on the attribute part of a request; larger is request-entity-too-large. */
        public Builder maxAttributesBytes(int bytes) {
            this.maxAttributesBytes = bytes;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        public Builder readTimeoutMillis(long millis) {
            this.readTimeoutMillis = millis;
            return this;
        }

        /** Speaks TLS (ipps, RFC 7472) on every listener, with this context's key and certificate. */
        public Builder tls(javax.net.ssl.SSLContext context) {
            this.tls = context;
            return this;
        }

        /**
         * Also speaks HTTP/2: h2 by ALPN over TLS, h2c by prior knowledge or by an upgrade from
         * HTTP/1.1 (RFC 7540 §3.2, also on a POST with its body). HPACK shrinks the headers every
         * request repeats; off for printers, whose clients (CUPS, OS dialogs) speak HTTP/1.1.
         */
        public Builder http2(boolean enabled) {
            this.http2 = enabled;
            return this;
        }

        /** Runs on shared threads and buffers instead of starting its own. */
        public Builder sharing(SharedThreads threads) {
            this.shared = threads;
            return this;
        }

        /**
         * Serves {@code prefix} and the paths under it (e.g. {@code /metrics}, {@code /console})
         * with {@code handler} instead of the IPP service: plain HTTP pages and forms next to the
         * IPP endpoints, on the same port. The handler runs on an I/O thread and dispatches
         * itself if it blocks.
         */
        public Builder route(String prefix, HttpHandler handler) {
            if (!prefix.startsWith("/") || prefix.length() < 2) {
                throw new IllegalArgumentException("a route is a path under /: " + prefix);
            }
            routes.put(prefix, handler);
            return this;
        }

        public Builder versions(Set<Integer> supportedVersions) {
            this.versions = Set.copyOf(supportedVersions);
            return this;
        }

        public IppServer build() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listener");
            }
            return new IppServer(this);
        }
    }
}
