package org.printgate.engine.metrics;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.Role;
import org.printgate.ipp.Unauthenticated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the engine's port, for operators only: the engine's credentials
 * (Bearer token or Basic password, {@link Authenticator}) with the operator role. No credential
 * or a refused one gets 401 with the engine's challenge; another role gets 403. Queue names and
 * load are the operators' business, so Prometheus scrapes with an operator's token.
 */
public final class MetricsPage implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(MetricsPage.class);
    /** Prometheus's text exposition format 0.0.4, which {@code promtool check metrics} reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final EngineMetrics metrics;
    private final Authenticator authenticator;

    public MetricsPage(EngineMetrics metrics, Authenticator authenticator) {
        this.metrics = metrics;
        this.authenticator = authenticator;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // A Basic password costs a PBKDF2 derivation and the scrape walks the tickets: not on an I/O thread.
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
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
        // Who asks, and are they an operator?
        Credential credential;
        try {
            credential = authenticator.authenticate(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        } catch (Unauthenticated e) {
            log.info("/metrics from {}: {}", exchange.getSourceAddress(), e.getMessage());
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, e.challenge());
            plain(exchange, StatusCodes.UNAUTHORIZED, "Authentication required\n");
            return;
        }
        if (credential.role() != Role.OPERATOR) {
            log.info("/metrics from {}: {} is not an operator", exchange.getSourceAddress(), credential.name());
            plain(exchange, StatusCodes.FORBIDDEN, "Operators only\n");
            return;
        }
        String text = metrics.scrape();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(text);
    }

    private static void plain(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(body);
    }
}
