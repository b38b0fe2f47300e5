package org.printgate.spooler.metrics;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the spooler's listener, without a credential: the listener is on
 * loopback only ({@code SpoolerConfig} refuses any other address), and a request from elsewhere
 * is refused here too. The text names no queue, job or user.
 */
public final class LoopbackMetricsPage implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(LoopbackMetricsPage.class);
    /** Prometheus's text exposition format 0.0.4, which {@code promtool check metrics} reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final SpoolerMetrics metrics;

    public LoopbackMetricsPage(SpoolerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        // Is the caller on this machine?
        InetSocketAddress peer = exchange.getSourceAddress();
        if (peer == null || peer.getAddress() == null || !peer.getAddress().isLoopbackAddress()) {
            log.warn("/metrics asked from {}: loopback only", peer);
            plain(exchange, StatusCodes.FORBIDDEN, "Loopback only\n");
            return;
        }
        if (!exchange.getRelativePath().isEmpty() && !exchange.getRelativePath().equals("/")) {
            plain(exchange, StatusCodes.NOT_FOUND, "Not found\n");
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method not allowed\n");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(metrics.scrape());
    }

    private static void plain(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(body);
    }
}
