package org.printgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;
import org.printgate.testing.peers.PeerTools;

/**
 * The engine's {@code /metrics} over HTTP: operators only, series that move with real work (a
 * ticket requested, granted, printed, a heartbeat missed), per-queue series only up to the
 * configured number of queues, and text that Prometheus's own {@code promtool} accepts.
 */
class EngineMetricsTest {
    private static final String CREDENTIALS = "credentials:\n"
            + "  - {name: ws, role: spooler, token-sha256: " + Authenticator.sha256Hex("ws-token") + ", identities: [\"*@corp\"]}\n"
            + "  - {name: ops, role: operator, token-sha256: " + Authenticator.sha256Hex("ops-token") + "}\n"
            + "  - {name: alice, role: user, password-sha256: " + Authenticator.sha256Hex("alice-pw")
            + ", identities: [alice@corp]}\n"
            + "  - {name: carol, role: operator, password-sha256: " + Authenticator.sha256Hex("carol-pw") + "}\n";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock();

    private Engine start(int queues, int limit) throws IOException {
        StringBuilder yaml = new StringBuilder("printers:\n");
        for (int q = 0; q < queues; q++) {
            // Port 9 (discard) on loopback: nothing answers, and no ticket in these tests needs it to.
            yaml.append("  - {name: q").append(q).append(", device-uri: \"socket://127.0.0.1:9\", max-jobs: 1}\n");
        }
        yaml.append(CREDENTIALS).append("metrics: {queue-labels-limit: ").append(limit).append("}\n");
        // A store of its own: stored queues would win over the configured ones.
        return Engine.start(EngineYaml.onLoopback(yaml.toString()), clock, data.resolve(queues + "-queues"));
    }

    private HttpResponse<String> get(Engine engine, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape(Engine engine) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(engine, "Bearer ops-token");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return answer.body();
    }

    /** The value of the series {@code name{labels}} (labels as Micrometer writes them, in name order), or -1. */
    static double value(String text, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void servesOperatorsOnlyAndChallengesEveryoneElse() throws Exception {
        try (Engine engine = start(1, 100)) {
            HttpResponse<String> anonymous = get(engine, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).contains("Bearer").contains("Basic"));
            assertThat(anonymous.body()).doesNotContain("printgate_");
            assertThat(get(engine, "Bearer wrong-token").statusCode()).isEqualTo(401);
            assertThat(get(engine, basic("carol", "wrong")).statusCode()).isEqualTo(401);
            // A spooler or a user is known, but queues and load are the operators' business.
            assertThat(get(engine, "Bearer ws-token").statusCode()).isEqualTo(403);
            assertThat(get(engine, basic("alice", "alice-pw")).statusCode()).isEqualTo(403);
            assertThat(get(engine, basic("carol", "carol-pw")).statusCode()).isEqualTo(200);
            assertThat(get(engine, "Bearer ops-token").body()).contains("printgate_tickets{");
        }
    }

    @Test
    void seriesMoveWithATicketsLifeAndPromtoolAcceptsThem() throws Exception {
        try (Engine engine = start(2, 100)) {
            String before = scrape(engine);
            assertThat(value(before, "printgate_tickets{state=\"completed\"}")).isZero();
            assertThat(value(before, "printgate_go_ahead_seconds_count")).isZero();
            assertThat(value(before, "printgate_queue_waiting_tickets{queue=\"q0\"}")).isZero();
            assertThat(value(before, "printgate_queues")).isEqualTo(2);

            TicketClient spooler = TicketClient.withToken(engine.systemUri(), "ws-token");
            TicketClient.TicketStatus first = spooler.requestTicket("q0", "alice@corp", "first", 50, 10, 2);
            clock.advance(Duration.ofSeconds(3));
            TicketClient.TicketStatus second = spooler.requestTicket("q0", "alice@corp", "second", 50, 10, 2);
            String waiting = scrape(engine);
            // The first went ahead at once; the second waits for the printer's one slot.
            assertThat(value(waiting, "printgate_tickets{state=\"granted\"}")).isEqualTo(1);
            assertThat(value(waiting, "printgate_tickets{state=\"queued\"}")).isEqualTo(1);
            assertThat(value(waiting, "printgate_queue_waiting_tickets{queue=\"q0\"}")).isEqualTo(1);
            assertThat(value(waiting, "printgate_queue_granted_tickets{queue=\"q0\"}")).isEqualTo(1);
            assertThat(value(waiting, "printgate_go_ahead_seconds_count")).isEqualTo(1);

            spooler.confirm(first.jobId());
            clock.advance(Duration.ofSeconds(2));
            spooler.report(first.jobId(), JobState.completed, 2, List.of(), "");
            // The second's go-ahead goes out with the first's end: 5 s after it was asked for (the engine's clock).
            Await.until("the second go-ahead is measured", () -> value(scrape(engine), "printgate_go_ahead_seconds_count") == 2);
            String after = scrape(engine);
            assertThat(value(after, "printgate_tickets{state=\"completed\"}")).isEqualTo(1);
            assertThat(value(after, "printgate_tickets{state=\"granted\"}")).isEqualTo(1);
            assertThat(value(after, "printgate_go_ahead_seconds_sum")).isEqualTo(2.0);
            assertThat(value(after, "printgate_go_ahead_seconds_bucket{le=\"1.0\"}")).isEqualTo(1);
            assertThat(value(after, "printgate_go_ahead_seconds_bucket{le=\"5.0\"}")).isEqualTo(2);
            assertThat(value(after, "printgate_store_commits_total{outcome=\"ok\"}")).isGreaterThanOrEqualTo(4);
            assertThat(value(after, "printgate_store_commit_seconds_count")).isGreaterThanOrEqualTo(4);
            assertThat(value(after, "printgate_ipp_requests_total{operation=\"Create-Job\",status=\"successful-ok\"}")).isEqualTo(2);
            assertThat(value(after, "printgate_printers{state=\"unknown\"}")).isEqualTo(2);

            // A refusal is counted by its status.
            try {
                spooler.requestTicket("no-such-queue", "alice@corp", "lost", 50, 10, 2);
            } catch (Exception refused) {
                // expected: client-error-not-found
            }
            assertThat(value(scrape(engine), "printgate_ipp_requests_total{operation=\"Create-Job\",status=\"client-error-not-found\"}"))
                    .isEqualTo(1);

            // The second's spooler confirms and then falls silent past the stall timeout: one missed heartbeat.
            spooler.confirm(second.jobId());
            clock.advance(engine.book().timeouts().stall().plusSeconds(1));
            engine.tick();
            String stalled = scrape(engine);
            assertThat(value(stalled, "printgate_heartbeats_missed_total")).isEqualTo(1);
            assertThat(value(stalled, "printgate_tickets{state=\"stalled\"}")).isEqualTo(1);

            assertPromtoolAccepts(stalled);
        }
    }

    @Test
    void perQueueSeriesStopAboveTheLimit() throws Exception {
        try (Engine engine = start(4, 3)) {
            String text = scrape(engine);
            assertThat(text).doesNotContain("printgate_queue_waiting_tickets{").doesNotContain("printgate_queue_granted_tickets{");
            assertThat(value(text, "printgate_queues")).isEqualTo(4);
            // The totals are still there.
            assertThat(text).contains("printgate_tickets{state=\"queued\"}");
            assertPromtoolAccepts(text);
        }
        try (Engine engine = start(3, 3)) {
            String text = scrape(engine);
            assertThat(text).contains("printgate_queue_waiting_tickets{queue=\"q2\"}");
        }
    }

    /** Prometheus's own linter on the scraped text: a missing promtool fails the test, never skips it. */
    static void assertPromtoolAccepts(String text) throws IOException, InterruptedException {
        Path promtool = PeerTools.require("promtool");
        Path file = Files.createTempFile("metrics", ".txt");
        try {
            Files.writeString(file, text);
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(file.toFile()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(check.exitValue()).as("promtool check metrics said:\n" + output).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
