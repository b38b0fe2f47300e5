package org.printgate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.EndedTickets;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.engine.ticket.TicketCodec;
import org.printgate.engine.ticket.TicketState;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.testing.MutableClock;

/** The daily accounting totals the store keeps at commit time, against the raw rows they sum. */
class AccountingRollupsTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final TicketBook book = new TicketBook(clock, Timeouts.DEFAULTS);
    private static final LocalDate ALL_FROM = LocalDate.parse("2026-01-01");
    private static final LocalDate ALL_TO = LocalDate.parse("2027-12-31");

    @Test
    void totalsEqualSumsOverTheRawRowsAfterManyJobsOverSeveralDaysAndARestart() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        try (MapDbTicketStore store = new MapDbTicketStore(dir, paris)) {
            write(store, book.addQueue(queue("office")));
            write(store, book.addQueue(queue("lobby")));
            String[] users = {"ann@corp", "bob@corp", "cy@Finance.example", "dee@finance.example"};
            for (int i = 0; i < 90; i++) {
                // Every 7 hours: the jobs cross days (and the zone's midnight differs from UTC's).
                clock.advance(Duration.ofHours(7));
                String queue = i % 3 == 0 ? "lobby" : "office";
                Ticket ticket = write(store, book.request(queue, users[i % users.length], "ws1", "doc " + i, 50, 4, 5 + i % 4,
                        "key-" + i)).subject();
                write(store, book.confirm(ticket.jobId(), "ws1"));
                // Completed with every page, failed or canceled at the printer with some.
                Report end = i % 5 == 4 ? Report.CANCELED : i % 7 == 6 ? Report.FAILED : Report.COMPLETED;
                write(store, book.report(ticket.jobId(), "ws1", end, end == Report.COMPLETED ? 5 + i % 4 : 2, List.of(), ""));
            }
            assertThat(store.accounting()).hasSize(90);
            assertTotalsMatchRows(store, paris);
        }
        try (MapDbTicketStore reopened = new MapDbTicketStore(dir, paris)) {
            assertTotalsMatchRows(reopened, paris);
            assertThat(reopened.accountingTotals(AccountingDimension.DOMAIN, ALL_FROM, ALL_TO))
                    .extracting(DayTotal::key).containsOnly("corp", "finance.example");
        }
    }

    @Test
    void anOldStoreWithRowsButNoTotalsGetsThemBuiltOnce() {
        List<Ticket> rows = new ArrayList<>();
        long day = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        for (int i = 1; i <= 50; i++) {
            rows.add(EndedTickets.ended(i, i % 2 == 0 ? "office" : "lobby", "u" + i % 5 + "@corp", "j" + i,
                    TicketState.COMPLETED, 3, 3, day + i * 3_600_000L, day + i * 3_600_000L + 60_000));
        }
        // The store as it was before totals: raw rows alone.
        try (org.mapdb.DB old = org.mapdb.DBMaker.fileDB(dir.resolve("engine.db").toFile()).transactionEnable()
                .fileChannelEnable().make()) {
            var accounting = old.treeMap("accounting", org.mapdb.Serializer.LONG, org.mapdb.Serializer.BYTE_ARRAY).createOrOpen();
            rows.forEach(t -> accounting.put(t.jobId(), TicketCodec.encode(t)));
            old.commit();
        }
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            assertTotalsMatchRows(store, ZoneOffset.UTC);
            assertThat(store.accountingTotals(AccountingDimension.PRINTER, ALL_FROM, ALL_TO).stream()
                    .mapToLong(DayTotal::pages).sum()).isEqualTo(150);
        }
        try (MapDbTicketStore again = new MapDbTicketStore(dir)) {
            // Built once: not counted a second time at the next start.
            assertThat(again.accountingTotals(AccountingDimension.PRINTER, ALL_FROM, ALL_TO).stream()
                    .mapToLong(DayTotal::jobs).sum()).isEqualTo(50);
        }
    }

    @Test
    void anEndingStoredAgainIsCountedOnce() {
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            write(store, book.addQueue(queue("office")));
            Ticket ticket = write(store, book.request("office", "ann@corp", "ws1", "doc", 50, 1, 4, "key-1")).subject();
            write(store, book.confirm(ticket.jobId(), "ws1"));
            write(store, book.report(ticket.jobId(), "ws1", Report.COMPLETED, 4, List.of(), ""));
            // The spooler never saw the answer and asks again: the ended ticket is stored again.
            Change replay = write(store, book.request("office", "ann@corp", "ws1", "doc", 50, 1, 4, "key-1"));
            assertThat(replay.endedTickets()).isNotEmpty();
            assertThat(store.accountingTotals(AccountingDimension.USER, ALL_FROM, ALL_TO))
                    .extracting(DayTotal::key, DayTotal::jobs, DayTotal::pages)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ann@corp", 1L, 4L));
        }
    }

    @Test
    void pruningDeletesOnlyOldRawRowsAndKeepsTheTotals() {
        long start = Instant.parse("2026-01-10T12:00:00Z").toEpochMilli();
        List<Ticket> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            // One a day; job ids follow creation, endings are in another order (a long job ends late).
            long created = start + i * 86_400_000L;
            long ended = i == 3 ? start + 25 * 86_400_000L : created + 1000;
            rows.add(EndedTickets.ended(i, "office", "ann@corp", "j" + i, TicketState.COMPLETED, 2, 2, created, ended));
        }
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            store.commit(EndedTickets.changeOf(rows), 31).join();
            long cutoff = start + 10 * 86_400_000L + 500_000;
            assertThat(store.pruneAccounting(cutoff, 4).join()).isEqualTo(4);
            assertThat(store.pruneAccounting(cutoff, 100).join()).as("the rest of those that ended before").isEqualTo(5);
            assertThat(store.pruneAccounting(cutoff, 100).join()).isZero();
            assertThat(store.accounting()).extracting(Ticket::jobId)
                    .as("job 3 ended late, so it stays").contains(3L).doesNotContain(1L, 2L, 4L, 10L).hasSize(21);
            assertThat(store.accountingTotals(AccountingDimension.USER, ALL_FROM, ALL_TO).stream()
                    .mapToLong(DayTotal::jobs).sum()).as("totals kept").isEqualTo(30);
            List<Long> exported = new ArrayList<>();
            store.forEachAccountingRow(0, Long.MAX_VALUE, t -> exported.add(t.jobId()));
            assertThat(exported).as("the end index follows the pruning").hasSize(21).doesNotContain(1L);
        }
    }

    @Test
    void rowsOfARangeComeInOrderOfTheirEnd() {
        long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        List<Ticket> rows = List.of(
                EndedTickets.ended(1, "office", "a@x", "a", TicketState.COMPLETED, 1, 1, start, start + 5_000),
                EndedTickets.ended(2, "office", "a@x", "b", TicketState.CANCELED, 1, 0, start + 1, start + 2_000),
                EndedTickets.ended(3, "office", "a@x", "c", TicketState.FAILED, 1, 0, start + 2, start + 9_000));
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            store.commit(EndedTickets.changeOf(rows), 4).join();
            List<Long> seen = new ArrayList<>();
            store.forEachAccountingRow(start + 2_000, start + 9_000, t -> seen.add(t.jobId()));
            assertThat(seen).as("[from, to)").containsExactly(2L, 1L);
        }
    }

    /** Every dimension's day totals equal the counts and page sums of the raw rows. */
    private static void assertTotalsMatchRows(MapDbTicketStore store, ZoneId zone) {
        for (AccountingDimension dimension : AccountingDimension.values()) {
            Map<String, long[]> expected = new TreeMap<>();
            for (Ticket row : store.accounting()) {
                LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(row.endedMillis()), zone);
                long[] sum = expected.computeIfAbsent(day + " " + dimension.keyOf(row), k -> new long[2]);
                sum[0]++;
                sum[1] += Math.max(0, row.impressionsCompleted());
            }
            Map<String, long[]> actual = new TreeMap<>();
            for (DayTotal total : store.accountingTotals(dimension, ALL_FROM, ALL_TO)) {
                actual.put(total.day() + " " + total.key(), new long[] {total.jobs(), total.pages()});
            }
            assertThat(actual).as(dimension.name()).hasSameSizeAs(expected);
            expected.forEach((key, sum) -> assertThat(actual.get(key)).as(dimension + " " + key).containsExactly(sum));
        }
    }

    private static QueueConfig queue(String name) {
        return new QueueConfig(name, URI.create("ipp://127.0.0.1:9/ipp/print"), null, 1, 0, List.of("*"), "");
    }

    private Change write(TicketStore store, Change change) {
        store.commit(change, book.nextJobId()).join();
        return change;
    }
}
