package org.printgate.engine.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) that takes alert webhooks: it answers 503 to the first
 * {@code failures} requests, then 204, and keeps every body it was sent.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final List<JsonNode> attempts = new CopyOnWriteArrayList<>();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();

    public WebhookReceiver(int failures) throws IOException {
        this(failures, 0);
    }

    /** A receiver on {@code port} of the loopback address (0: any free one): one that comes up where another was down. */
    public WebhookReceiver(int failures, int port) throws IOException {
        this.failuresLeft = new AtomicInteger(failures);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/alerts", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            attempts.add(body);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                accepted.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    /** Every request, failed or not. */
    public List<JsonNode> attempts() {
        return List.copyOf(attempts);
    }

    /** The messages answered 204, in order. */
    public List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    /** "status key" of each accepted message, e.g. "firing paper-jam:laser". */
    public List<String> statusAndKeys() {
        return accepted.stream().map(m -> m.get("status").asText() + " " + m.get("key").asText()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
