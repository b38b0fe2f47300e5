package org.printgate.engine.watch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operators when a printer stops or comes back (7-2): a log line always, and a JSON
 * POST to the configured webhook when there is one. Sent in the background: a slow webhook
 * never holds up the engine.
 */
public final class OperatorAlerts {
    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);

    private final URI webhook;
    private final HttpClient http;

    public OperatorAlerts(URI webhook) {
        this.webhook = webhook;
        this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public void printerChanged(String queue, PrinterStatus status, Instant when) {
        if (status.state() == WatchState.DOWN) {
            log.warn("printer {} is down: {} ({})", queue, status.message(), String.join(", ", status.reasons()));
        } else {
            log.info("printer {} is {}: {}", queue, status.state(), status.message());
        }
        if (webhook == null) {
            return;
        }
        String body = "{\"queue\":" + quote(queue) + ",\"state\":" + quote(status.state().name().toLowerCase())
                + ",\"reasons\":[" + String.join(",", status.reasons().stream().map(OperatorAlerts::quote).toList())
                + "],\"message\":" + quote(status.message()) + ",\"time\":" + quote(when.toString()) + "}";
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                log.warn("alert webhook {} failed: {}", webhook, failure.toString());
            } else if (response.statusCode() >= 300) {
                log.warn("alert webhook {} answered HTTP {}", webhook, response.statusCode());
            }
        });
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
