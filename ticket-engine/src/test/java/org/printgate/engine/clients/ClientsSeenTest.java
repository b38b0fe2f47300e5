package org.printgate.engine.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/** The clients seen are kept in the data directory: written behind, read back at the next start, bounded. */
class ClientsSeenTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();

    @Test
    void keepsEveryClientAcrossARestart() {
        try (ClientsSeen seen = ClientsSeen.open(data, clock)) {
            seen.heardFrom("ws-ann", "printgate-spooler 0.1.0", "Linux 6.1", "");
            clock.advance(Duration.ofMinutes(1));
            seen.heardFrom("ws-bob", "printgate-spooler 0.0.9", "Windows 11", "must be upgraded to 0.1.0");
            clock.advance(Duration.ofMinutes(1));
            seen.heardFrom("ws-ann", "printgate-spooler 0.2.0", "Linux 6.1", "");
        }
        try (ClientsSeen seen = ClientsSeen.open(data, clock)) {
            assertThat(seen.all()).containsExactly(
                    new ClientsSeen.Seen("ws-ann", "printgate-spooler 0.2.0", "Linux 6.1",
                            Instant.parse("2026-11-21T08:02:00Z"), ""),
                    new ClientsSeen.Seen("ws-bob", "printgate-spooler 0.0.9", "Windows 11",
                            Instant.parse("2026-11-21T08:01:00Z"), "must be upgraded to 0.1.0"));
        }
    }

    @Test
    void writesTheChangedClientsBehindWithoutWaitingForTheStop() {
        try (ClientsSeen seen = ClientsSeen.open(data, clock, 100, Duration.ofMillis(50))) {
            seen.heardFrom("ws-ann", "printgate-spooler 0.1.0", "Linux 6.1", "");
            seen.heardFrom("ws-bob", "printgate-spooler 0.1.0", "Linux 6.1", "");
            assertThat(seen.unwritten()).isEqualTo(2);
            Await.until(() -> seen.unwritten() == 0, "the periodic write");
            seen.heardFrom("ws-ann", "printgate-spooler 0.1.0", "Linux 6.1", "");
            assertThat(seen.unwritten()).isEqualTo(1);
            Await.until(() -> seen.unwritten() == 0, "the next periodic write");
        }
    }

    @Test
    void forgetsTheClientsSeenLongestAgoPastTheLimit() {
        try (ClientsSeen seen = ClientsSeen.open(data, clock, 100, Duration.ofMinutes(1))) {
            for (int i = 0; i < 100; i++) {
                seen.heardFrom("ws-" + i, "printgate-spooler 0.1.0", "", "");
                clock.advance(Duration.ofSeconds(1));
            }
            // ws-0 is seen again: now ws-1 and ws-2 are the oldest.
            seen.heardFrom("ws-0", "printgate-spooler 0.1.0", "", "");
            clock.advance(Duration.ofSeconds(1));
            assertThat(seen.all()).hasSize(100);
            seen.heardFrom("ws-100", "printgate-spooler 0.1.0", "", "");
            // Over the limit: down to 99 % of it, the ones seen longest ago first.
            assertThat(seen.all()).hasSize(99).extracting(ClientsSeen.Seen::credential)
                    .doesNotContain("ws-1", "ws-2").contains("ws-0", "ws-3", "ws-100");
        }
        try (ClientsSeen seen = ClientsSeen.open(data, clock, 100, Duration.ofMinutes(1))) {
            assertThat(seen.all()).hasSize(99).extracting(ClientsSeen.Seen::credential)
                    .doesNotContain("ws-1", "ws-2").contains("ws-0", "ws-3", "ws-100");
        }
    }
}
