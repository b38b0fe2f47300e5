package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client too old (3-11, claims 9-10): the engine refuses the ticket with where to get the new
 * spooler; the spooler downloads it, checks its SHA-256 against the engine's, stages it, and the
 * user reads what to do. A download that does not match is never staged.
 */
class ClientTooOldTest {
    private static final byte[] NEW_SPOOLER = "the spooler 9.9.9, as a package".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path directory;
    private SpoolerSystem system;
    private HttpServer updates;
    private final java.util.concurrent.atomic.AtomicInteger downloads = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() {
        system.close();
        updates.stop(0);
    }

    @Test
    void theNewVersionIsDownloadedCheckedAndStagedAndTheUserIsTold() throws Exception {
        start(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(NEW_SPOOLER)));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "old-client", 1), "application/pdf");

        system.awaitState("office-color", job, JobState.aborted, Duration.ofSeconds(30));
        assertThat(system.job("office-color", "ann", job).getValue(Types.jobStateMessage).getValue())
                .contains("requires", "9.9.9", "downloaded and checked");
        assertThat(directory.resolve("spool/upgrades/printgate-spooler-9.9.9.deb")).hasBinaryContent(NEW_SPOOLER);
        assertThat(system.pagesPrintedBy("office-color")).isEmpty();
    }

    @Test
    void jobsRefusedTogetherShareOneDownload() throws Exception {
        start(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(NEW_SPOOLER)));
        List<Integer> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(system.print("office-color", "ann", Documents.pdf(directory, "old-client-" + i, 1), "application/pdf"));
        }
        for (int job : jobs) {
            system.awaitState("office-color", job, JobState.aborted, Duration.ofSeconds(30));
            assertThat(system.job("office-color", "ann", job).getValue(Types.jobStateMessage).getValue())
                    .contains("downloaded and checked");
        }
        assertThat(downloads).hasValue(1);
        assertThat(directory.resolve("spool/upgrades/printgate-spooler-9.9.9.deb")).hasBinaryContent(NEW_SPOOLER);
    }

    @Test
    void aDownloadThatDoesNotMatchTheEnginesDigestIsNotStaged() throws Exception {
        start("00".repeat(32));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "tampered", 1), "application/pdf");

        system.awaitState("office-color", job, JobState.aborted, Duration.ofSeconds(30));
        assertThat(system.job("office-color", "ann", job).getValue(Types.jobStateMessage).getValue()).contains("corrupt");
        assertThat(directory.resolve("spool/upgrades/printgate-spooler-9.9.9.deb")).doesNotExist();
        try (var staged = Files.list(directory.resolve("spool/upgrades"))) {
            assertThat(staged).isEmpty();
        }
    }

    private void start(String sha256) throws Exception {
        updates = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        updates.createContext("/printgate-spooler-9.9.9.deb", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, NEW_SPOOLER.length);
            exchange.getResponseBody().write(NEW_SPOOLER);
            exchange.close();
        });
        updates.start();
        system = new SpoolerSystem(directory, 3, 1, """
                client-policy:
                  minimum-version: "9.9.9"
                  download-uri: http://127.0.0.1:%d/printgate-spooler-9.9.9.deb
                  sha256: "%s"
                """.formatted(updates.getAddress().getPort(), sha256));
    }
}
