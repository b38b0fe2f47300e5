package org.printgate.engine.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as JSON POSTs, shaped like one alert of Alertmanager's webhook: {@code status}
 * ({@code firing} or {@code resolved}), the de-duplication {@code key}, {@code kind},
 * {@code subject}, {@code severity}, {@code summary}, {@code message}, {@code details},
 * {@code raised-at} and, once resolved, {@code cleared-at}.
 * <p>
 * Messages wait in an {@link AlertOutbox} kept in the data directory, and go out one at a time,
 * in order, so a resolved message never overtakes its firing one, and a restart sends what the
 * receiver did not take yet. A receiver that cannot be reached is waited for, with a doubling
 * wait; a 5xx answer is retried up to the configured attempts; a 4xx answer is the receiver
 * saying the message is wrong, and is not retried. Nothing here ever waits on the caller's thread.
 */
final class WebhookChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final HttpClient http;
    private final AlertOutbox outbox;

    /** A webhook to {@code uri} whose waiting messages are kept in {@code outboxFile}. */
    WebhookChannel(URI uri, int attempts, Duration firstRetry, Path outboxFile, AlertOutbox.RetryTimer retries) {
        this.uri = uri;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.outbox = new AlertOutbox("alert webhook " + uri, "alert-webhook", outboxFile, this::send, attempts,
                firstRetry, AlertOutbox.CAPACITY, retries);
    }

    @Override
    public void firing(Alert alert) {
        outbox.offer(new AlertOutbox.Message(alert.key(), "firing", body(alert, "firing")));
    }

    @Override
    public void resolved(Alert alert) {
        outbox.offer(new AlertOutbox.Message(alert.key(), "resolved", body(alert, "resolved")));
    }

    /** The waiting messages, for tests. */
    AlertOutbox outbox() {
        return outbox;
    }

    static byte[] body(Alert alert, String status) {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", status);
        json.put("key", alert.key());
        json.put("kind", alert.kind().key());
        json.put("subject", alert.subject());
        json.put("severity", alert.severity().key());
        json.put("summary", alert.kind().title() + ": " + alert.subject());
        json.put("message", alert.message());
        ObjectNode details = json.putObject("details");
        alert.details().forEach(details::put);
        json.put("raised-at", alert.raisedAt().toString());
        if (alert.clearedAt() != null) {
            json.put("cleared-at", alert.clearedAt().toString());
        }
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }

    /** One attempt, on the outbox's thread. */
    private AlertOutbox.Attempt send(byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return AlertOutbox.Attempt.unreachable(e.toString());
        }
        if (status >= 500) {
            return AlertOutbox.Attempt.failed("HTTP " + status);
        }
        if (status >= 300) {
            log.error("alert webhook {} refused a message with HTTP {}; not retried", uri, status);
            return AlertOutbox.Attempt.refused("HTTP " + status);
        }
        return AlertOutbox.Attempt.delivered();
    }

    /** Stops sending; what was not sent is kept for the next start. */
    @Override
    public void close() {
        outbox.close();
    }
}
