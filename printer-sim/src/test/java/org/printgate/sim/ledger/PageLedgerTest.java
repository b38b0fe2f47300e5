package org.printgate.sim.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageLedgerTest {

    @Test
    void appendsEveryPageToTheFileAsAJsonLineAtOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (PageLedger ledger = new PageLedger(file)) {
            ledger.record(new LedgerEntry("p1", 7, "ipp", 1, "aa", Instant.parse("2026-01-01T00:00:00Z")));
            ledger.record(new LedgerEntry("p2", 3, "raw", 2, "bb", Instant.parse("2026-01-01T00:00:01Z")));
            // Flushed per page: readable while the ledger is still open.
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            JsonNode first = PageLedger.json().readTree(lines.get(0));
            assertThat(first.get("printer").asText()).isEqualTo("p1");
            assertThat(first.get("job-id").asInt()).isEqualTo(7);
            assertThat(first.get("path").asText()).isEqualTo("ipp");
            assertThat(first.get("page").asInt()).isEqualTo(1);
            assertThat(first.get("sha256").asText()).isEqualTo("aa");
            assertThat(first.get("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(ledger.entries(e -> e.printer().equals("p2"))).extracting(LedgerEntry::jobId).containsExactly(3);
        }
    }

    @Test
    void appendsToAnExistingLedgerFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (PageLedger ledger = new PageLedger(file)) {
            ledger.record(new LedgerEntry("p1", 1, "ipp", 1, "aa", Instant.now()));
        }
        try (PageLedger ledger = new PageLedger(file)) {
            ledger.record(new LedgerEntry("p1", 2, "ipp", 1, "bb", Instant.now()));
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
