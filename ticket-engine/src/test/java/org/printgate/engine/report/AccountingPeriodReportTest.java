package org.printgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.report.AccountingReport.By;
import org.printgate.engine.report.AccountingReport.Row;
import org.printgate.engine.store.MapDbTicketStore;
import org.printgate.engine.ticket.EndedTickets;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.testing.MutableClock;

/**
 * Reports by day, ISO week and month come from the site's day totals the store keeps at commit
 * time; over a range that crosses a month (and a year) boundary they equal the sums of the raw
 * rows, after a restart too, and still after the retention has deleted the older raw rows.
 */
class AccountingPeriodReportTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate FROM = LocalDate.parse("2026-12-20");
    private static final LocalDate TO = LocalDate.parse("2027-01-10");

    @TempDir
    Path dir;

    @Test
    void byDayWeekAndMonthEqualTheRawRowsAcrossAMonthBoundaryARestartAndTheRetention() {
        List<Ticket> rows = rows();
        Map<By, List<Row>> expected = new TreeMap<>();
        try (MapDbTicketStore store = new MapDbTicketStore(dir, PARIS)) {
            store.commit(EndedTickets.changeOf(rows), rows.size() + 1).join();
            for (By by : List.of(By.DAY, By.WEEK, By.MONTH)) {
                expected.put(by, sumsOfRawRows(store.accounting(), by));
                assertThat(new AccountingReport(store).query(by, FROM, TO)).as(by.keyword()).isEqualTo(expected.get(by));
            }
            assertThat(expected.get(By.MONTH)).extracting(Row::key).containsExactly("2026-12", "2027-01");
            assertThat(expected.get(By.WEEK)).as("2026-W53 holds days of both years").extracting(Row::key)
                    .contains("2026-W53", "2027-W01");
        }
        try (MapDbTicketStore reopened = new MapDbTicketStore(dir, PARIS)) {
            expected.forEach((by, rowsBy) -> assertThat(new AccountingReport(reopened).query(by, FROM, TO))
                    .as("after a restart, " + by.keyword()).isEqualTo(rowsBy));
            List<Row> byPrinter = new AccountingReport(reopened).query(By.PRINTER, FROM, TO);

            // 400 days of raw rows kept, 400 days after the new year: the December rows go, their totals stay.
            Instant cutoff = Instant.parse("2027-01-01T00:00:00Z");
            MutableClock clock = new MutableClock();
            clock.advance(Duration.between(clock.instant(), cutoff.plus(Duration.ofDays(400))));
            long deleted = new AccountingRetention(reopened, clock, 400).pruneNow();
            assertThat(deleted).as("raw rows deleted").isPositive().isLessThan(rows.size());
            assertThat(reopened.accounting()).hasSize(rows.size() - (int) deleted)
                    .allSatisfy(t -> assertThat(t.endedMillis()).isGreaterThanOrEqualTo(cutoff.toEpochMilli()));
            expected.forEach((by, rowsBy) -> assertThat(new AccountingReport(reopened).query(by, FROM, TO))
                    .as("after the retention, " + by.keyword()).isEqualTo(rowsBy));
            assertThat(new AccountingReport(reopened).query(By.PRINTER, FROM, TO)).as("printer totals stay as well")
                    .isEqualTo(byPrinter);
        }
    }

    /** Every 5 hours from 2026-12-18 to 2027-01-12, on three printers, by four users, some canceled with pages. */
    private static List<Ticket> rows() {
        List<Ticket> rows = new ArrayList<>();
        long start = Instant.parse("2026-12-18T01:00:00Z").toEpochMilli();
        String[] printers = {"office", "lobby", "lab"};
        String[] users = {"ann@corp", "bob@corp", "cy@finance.example", "dee@finance.example"};
        for (int i = 0; start + i * 5 * 3_600_000L < Instant.parse("2027-01-12T00:00:00Z").toEpochMilli(); i++) {
            long ended = start + i * 5 * 3_600_000L;
            TicketState state = i % 6 == 5 ? TicketState.CANCELED : TicketState.COMPLETED;
            rows.add(EndedTickets.ended(i + 1, printers[i % 3], users[i % 4], "doc " + i, state, 1 + i % 9,
                    state == TicketState.CANCELED ? i % 3 : 1 + i % 9, ended - 60_000, ended));
        }
        return rows;
    }

    /** The report the raw rows give: each row's day in the store's zone, then grouped by {@code by}, in key order. */
    private static List<Row> sumsOfRawRows(List<Ticket> rawRows, By by) {
        Function<LocalDate, String> keyOf = switch (by) {
            case DAY -> LocalDate::toString;
            case WEEK -> AccountingReport::weekOf;
            case MONTH -> day -> day.toString().substring(0, 7);
            default -> throw new IllegalArgumentException(by.keyword());
        };
        Map<String, long[]> sums = new TreeMap<>();
        for (Ticket row : rawRows) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(row.endedMillis()), PARIS);
            if (day.isBefore(FROM) || day.isAfter(TO)) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(keyOf.apply(day), key -> new long[2]);
            sum[0]++;
            sum[1] += Math.max(0, row.impressionsCompleted());
        }
        List<Row> report = new ArrayList<>();
        sums.forEach((key, sum) -> report.add(new Row(key, sum[0], sum[1])));
        return report;
    }
}
