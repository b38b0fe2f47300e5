package org.printgate.engine.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as JSON POSTs, shaped like one alert of Alertmanager's webhook: {@code status}
 * ({@code firing} or {@code resolved}), the de-duplication {@code key}, {@code kind},
 * {@code subject}, {@code severity}, {@code summary}, {@code message}, {@code details},
 * {@code raised-at} and, once resolved, {@code cleared-at}.
 * <p>
 * Messages go out one at a time, in order, on a thread of this channel, so a resolved message
 * never overtakes its firing one. A connection error or a 5xx answer is retried after a wait
 * that doubles each time, up to the configured attempts; a 4xx answer is the receiver saying
 * the message is wrong, and is not retried. Nothing here ever waits on the caller's thread.
 */
final class WebhookChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);
    /** Messages waiting while the receiver is away; the oldest go first when more come. */
    static final int BACKLOG = 1000;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final int attempts;
    private final Duration firstRetry;
    private final HttpClient http;
    private final ScheduledExecutorService sender;
    // Touched only on the sender thread.
    private final Deque<byte[]> backlog = new ArrayDeque<>();
    private int failedAttempts;
    private boolean waiting;

    WebhookChannel(URI uri, int attempts, Duration firstRetry) {
        this.uri = uri;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void firing(Alert alert) {
        offer(body(alert, "firing"));
    }

    @Override
    public void resolved(Alert alert) {
        offer(body(alert, "resolved"));
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

    private void offer(byte[] body) {
        try {
            sender.execute(() -> {
                if (backlog.size() >= BACKLOG) {
                    backlog.removeFirst();
                    log.warn("alert webhook {}: more than {} messages waiting; the oldest was dropped", uri, BACKLOG);
                }
                backlog.addLast(body);
                if (!waiting) {
                    sendBacklog();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("alert webhook closed; message not sent");
        }
    }

    /** Sends what waits, in order, until it is sent or a failure makes us wait. */
    private void sendBacklog() {
        waiting = false;
        while (!backlog.isEmpty() && !Thread.currentThread().isInterrupted()) {
            String failure = send(backlog.peekFirst());
            if (failure == null) {
                backlog.removeFirst();
                failedAttempts = 0;
                continue;
            }
            failedAttempts++;
            if (failedAttempts >= attempts) {
                log.error("alert webhook {}: {}; gave the message up after {} attempts", uri, failure, failedAttempts);
                backlog.removeFirst();
                failedAttempts = 0;
                continue;
            }
            Duration wait = firstRetry.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
            wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
            log.warn("alert webhook {}: {}; trying again in {} ms", uri, failure, wait.toMillis());
            waiting = true;
            try {
                sender.schedule(this::sendBacklog, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                log.debug("alert webhook closed; {} messages not sent", backlog.size());
            }
            return;
        }
    }

    /** One attempt: null when it went through (or must not be retried), else why to try again. */
    private String send(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 500) {
                return "HTTP " + status;
            }
            if (status >= 300) {
                log.error("alert webhook {} refused a message with HTTP {}; not retried", uri, status);
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
