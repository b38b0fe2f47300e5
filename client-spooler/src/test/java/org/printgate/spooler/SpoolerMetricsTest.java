package org.printgate.spooler;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;
import org.printgate.testing.peers.PeerTools;

/**
 * The spooler's {@code /metrics} on its loopback listener, without a credential: jobs by phase,
 * spooled and forwarded bytes move as two real jobs print (raw and IPP), the engine's
 * reachability follows the engine going and coming back, and {@code promtool} accepts the text.
 */
class SpoolerMetricsTest extends SpoolerSystemTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + system.spooler.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static double value(String text, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    @Test
    void seriesFollowRealJobsAndTheEngine() throws Exception {
        Await.until("the spooler reaches the engine", () -> value(scrape(), "printgate_engine_reachable") == 1);
        String before = scrape();
        assertThat(value(before, "printgate_spool_jobs{phase=\"completed\"}")).isZero();
        assertThat(value(before, "printgate_forwarded_bytes_total")).isZero();
        assertThat(value(before, "printgate_spool_bytes")).isZero();

        Path memo = Documents.postScript(directory, "memo", 2);
        Path slides = Documents.pdf(directory, "slides", 3);
        int raw = system.print("laser-ps", "ann", memo, "application/postscript");
        int ipp = system.print("office-color", "ann", slides, "application/pdf");
        system.awaitState("laser-ps", raw, JobState.completed, Duration.ofSeconds(60));
        system.awaitState("office-color", ipp, JobState.completed, Duration.ofSeconds(60));

        String after = scrape();
        assertThat(value(after, "printgate_spool_jobs{phase=\"completed\"}")).isEqualTo(2);
        assertThat(value(after, "printgate_spool_jobs{phase=\"waiting\"}")).isZero();
        // Ended jobs' documents no longer count as spooled; each document went to its printer once.
        assertThat(value(after, "printgate_spool_bytes")).isZero();
        assertThat(value(after, "printgate_forwarded_bytes_total")).isEqualTo(Files.size(memo) + Files.size(slides));
        assertPromtoolAccepts(after);

        // The long-poll fails as the engine goes, and is answered again once it is back.
        system.engine.close();
        Await.until("the engine is seen gone", () -> value(scrape(), "printgate_engine_reachable") == 0);
        system.startEngine();
        Await.until(Duration.ofSeconds(60), "the engine is seen back", () -> value(scrape(), "printgate_engine_reachable") == 1);
    }

    /** Prometheus's own linter on the scraped text: a missing promtool fails the test, never skips it. */
    private static void assertPromtoolAccepts(String text) throws IOException, InterruptedException {
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
