package org.printgate.ipp;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in Prometheus's text format, routed on an IPP server's port
 * ({@link IppServer.Builder#route}). Who may read it is the program's business (the engine wants
 * an operator's credential, the spooler a caller on loopback): a {@link Gate} says so. The
 * scrape runs on a worker thread, never on an I/O thread.
 */
public final class MetricsPage implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(MetricsPage.class);
    /** Prometheus's text exposition format 0.0.4, which {@code promtool check metrics} reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Decides whether a request may read the metrics. */
    @FunctionalInterface
    public interface Gate {
        /** Empty to let the request through, or why it may not. */
        Optional<Refusal> check(HttpServerExchange exchange);
    }

    /**
     * A request turned away: its HTTP status, a line of text for the caller and one for the log.
     *
     * @param challenge a {@code WWW-Authenticate} value for a 401, or null
     */
    public record Refusal(int status, String text, String why, String challenge) {}

    /**
     * Callers on this machine only, without a credential: for a listener on loopback (the
     * spooler's), whose metrics name no queue, job or user. A request from elsewhere is refused
     * here too, should the listener ever be opened wider.
     */
    public static Gate loopbackOnly() {
        return exchange -> {
            InetSocketAddress peer = exchange.getSourceAddress();
            boolean local = peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
            return local ? Optional.empty()
                    : Optional.of(new Refusal(StatusCodes.FORBIDDEN, "Loopback only", "not on loopback", null));
        };
    }

    private final Supplier<String> scrape;
    private final Gate gate;

    public MetricsPage(Supplier<String> scrape, Gate gate) {
        this.scrape = scrape;
        this.gate = gate;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        Optional<Refusal> refusal = gate.check(exchange);
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            log.info("/metrics from {} refused: {}", exchange.getSourceAddress(), r.why());
            if (r.challenge() != null) {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, r.challenge());
            }
            plain(exchange, r.status(), r.text() + "\n");
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
        exchange.getResponseSender().send(scrape.get());
    }

    private static void plain(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(body);
    }
}
