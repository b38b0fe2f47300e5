package org.printgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.report.AccountingReport.By;
import org.printgate.engine.report.AccountingReport.Row;
import org.printgate.engine.store.MapDbTicketStore;
import org.printgate.engine.ticket.EndedTickets;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;

/** Reports from the daily totals, and the CSV of raw rows, on a real store. */
class AccountingReportTest {
    @TempDir
    Path dir;
    private MapDbTicketStore store;
    private final List<Ticket> rows = new ArrayList<>();

    @BeforeEach
    void jobsFromLateNovemberToEarlyJanuary() {
        store = new MapDbTicketStore(dir);
        long id = 1;
        // 2026-11-30 (a Monday) to 2027-01-02: ann prints 2 pages a day on office, bob 3 on lobby every other day.
        for (LocalDate day = LocalDate.parse("2026-11-30"); !day.isAfter(LocalDate.parse("2027-01-02")); day = day.plusDays(1)) {
            long noon = day.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(12).toInstant().toEpochMilli();
            rows.add(EndedTickets.ended(id++, "office", "ann@corp", "report, \"final\"", TicketState.COMPLETED, 2, 2, noon, noon + 60_000));
            if (day.getDayOfMonth() % 2 == 0) {
                rows.add(EndedTickets.ended(id++, "lobby", "bob@Sales.example", "=HYPERLINK(\"x\")\nline two", TicketState.FAILED,
                        5, 3, noon, noon + 120_000));
            }
        }
        store.commit(EndedTickets.changeOf(rows), id).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reportsSumTheDaysOfTheRangeByEachKey() {
        AccountingReport report = new AccountingReport(store);
        LocalDate from = LocalDate.parse("2026-12-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        assertThat(report.query(By.USER, from, to)).extracting(Row::key, Row::jobs, Row::pages)
                .containsExactly(tuple("ann@corp", 31L, 62L), tuple("bob@Sales.example", 15L, 45L));
        assertThat(report.query(By.DOMAIN, from, to)).extracting(Row::key)
                .containsExactly("corp", "sales.example");
        assertThat(report.query(By.PRINTER, from, to)).extracting(Row::key, Row::jobs)
                .containsExactly(tuple("lobby", 15L), tuple("office", 31L));
        assertThat(report.query(By.MONTH, LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-31")))
                .extracting(Row::key, Row::jobs, Row::pages)
                .containsExactly(tuple("2026-11", 2L, 5L), tuple("2026-12", 46L, 107L), tuple("2027-01", 3L, 7L));
        List<Row> days = report.query(By.DAY, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
        assertThat(days).extracting(Row::key, Row::jobs, Row::pages)
                .containsExactly(tuple("2026-12-01", 1L, 2L), tuple("2026-12-02", 2L, 5L));
        // ISO weeks: 2026-11-30 is the Monday of week 49; the range cuts week 49 after two days.
        assertThat(report.query(By.WEEK, LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01")))
                .extracting(Row::key, Row::jobs).containsExactly(tuple("2026-W49", 3L));
        assertThat(report.query(By.WEEK, LocalDate.parse("2026-12-28"), LocalDate.parse("2027-01-02")))
                .extracting(Row::key).containsExactly("2026-W53");
    }

    @Test
    void aRangeBackwardsOrUnknownGroupingIsRefusedWithTheReason() {
        AccountingReport report = new AccountingReport(store);
        assertThatThrownBy(() -> report.query(By.USER, LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-01")))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> By.parse("queue")).hasMessageContaining("user, domain, printer, day, week, month");
    }

    @Test
    void theRawRowsCsvHoldsExactlyTheStoresRowsOfTheRange() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = AccountingCsv.writeRows(store, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), out);
        List<List<String>> records = Csv.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(records.get(0)).containsExactly(AccountingCsv.ROW_HEADER);
        long from = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        List<List<String>> expected = store.accounting().stream()
                .filter(t -> t.endedMillis() >= from && t.endedMillis() < to)
                .sorted(java.util.Comparator.comparingLong(Ticket::endedMillis).thenComparingLong(Ticket::jobId))
                .map(t -> List.of(Long.toString(t.jobId()), Instant.ofEpochMilli(t.endedMillis()).toString(),
                        Instant.ofEpochMilli(t.createdMillis()).toString(), t.user(),
                        t.user().substring(t.user().indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT), t.queue(), t.holder(),
                        t.jobName().startsWith("=") ? "'" + t.jobName() : t.jobName(),
                        t.state().name().toLowerCase(java.util.Locale.ROOT), String.join(" ", t.reasons()),
                        Long.toString(t.kOctets()), Integer.toString(t.impressions()), Integer.toString(t.impressionsCompleted()),
                        Integer.toString(t.attempts())))
                .toList();
        assertThat(expected).hasSize(46);
        assertThat(written).isEqualTo(46);
        assertThat(records.subList(1, records.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void csvFieldsAreQuotedAsRfc4180SaysAndFormulasAreDisarmed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.text("plain").text("a,b").text("say \"hi\"").text("two\r\nlines").text("=1+1").text("-3").number(-3).endRecord();
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",'=1+1,'-3,-3\r\n");
    }
}
