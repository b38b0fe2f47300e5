package org.printgate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.printgate.engine.ticket.EndedTickets;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketCodec;
import org.printgate.engine.ticket.TicketState;

/**
 * The site's day totals (AccountingRollups, version 2): kept at commit time with the others,
 * summed from the printer totals when a store of version 1 lacks them (the raw rows may be pruned
 * already), built from the raw rows in a store that has no totals at all; once only.
 */
class AccountingSiteTotalsTest {
    private static final LocalDate ALL_FROM = LocalDate.parse("2026-01-01");
    private static final LocalDate ALL_TO = LocalDate.parse("2027-12-31");
    private static final long START = Instant.parse("2026-11-25T09:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void keptAtCommitTimeAsTheSumOfEachDaysRows() {
        List<Ticket> rows = rows(60);
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            store.commit(EndedTickets.changeOf(rows.subList(0, 30)), 61).join();
            store.commit(EndedTickets.changeOf(rows.subList(30, 60)), 61).join();
            // An ending stored again (a resent request) is counted once.
            store.commit(EndedTickets.changeOf(rows.subList(10, 12)), 61).join();
            assertThat(store.siteTotals(ALL_FROM, ALL_TO)).isEqualTo(sumsByDay(rows));
            assertThat(store.siteTotals(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01")))
                    .extracting(DayTotal::day).containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"));
        }
    }

    @Test
    void aStoreOfVersionOneGetsThemSummedFromItsPrinterTotalsEvenForPrunedDays() {
        List<Ticket> rows = rows(60);
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            store.commit(EndedTickets.changeOf(rows), 61).join();
            // The retention deleted the first days' raw rows; their printer totals stay.
            assertThat(store.pruneAccounting(START + 4 * 86_400_000L, 1000).join()).isPositive();
        }
        // As version 1 left it: no site totals.
        try (DB old = DBMaker.fileDB(dir.resolve("engine.db").toFile()).transactionEnable().fileChannelEnable().make()) {
            old.treeMap("accounting-site-totals", Serializer.INTEGER, Serializer.LONG_ARRAY).createOrOpen().clear();
            old.atomicInteger("accounting-totals-version", 0).createOrOpen().set(1);
            old.commit();
        }
        try (MapDbTicketStore migrated = new MapDbTicketStore(dir)) {
            assertThat(migrated.accounting()).hasSizeLessThan(rows.size());
            assertThat(migrated.siteTotals(ALL_FROM, ALL_TO)).isEqualTo(sumsByDay(rows))
                    .isEqualTo(sumOfPrinterTotals(migrated));
        }
        try (MapDbTicketStore again = new MapDbTicketStore(dir)) {
            assertThat(again.siteTotals(ALL_FROM, ALL_TO)).as("summed once").isEqualTo(sumsByDay(rows));
        }
    }

    @Test
    void aStoreWithRawRowsAloneGetsThemBuiltFromTheRows() {
        List<Ticket> rows = rows(40);
        try (DB old = DBMaker.fileDB(dir.resolve("engine.db").toFile()).transactionEnable().fileChannelEnable().make()) {
            var accounting = old.treeMap("accounting", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
            rows.forEach(t -> accounting.put(t.jobId(), TicketCodec.encode(t)));
            old.commit();
        }
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            assertThat(store.siteTotals(ALL_FROM, ALL_TO)).isEqualTo(sumsByDay(rows));
        }
    }

    /** One row every 7 hours from 2026-11-25 (so across the month's end), on three printers, some canceled with fewer pages. */
    private static List<Ticket> rows(int count) {
        List<Ticket> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long ended = START + i * 7 * 3_600_000L;
            TicketState state = i % 5 == 0 ? TicketState.CANCELED : TicketState.COMPLETED;
            rows.add(EndedTickets.ended(i, "p" + i % 3, "u" + i % 4 + "@corp", "j" + i, state, 4, state == TicketState.CANCELED ? 1 : 4,
                    ended - 60_000, ended));
        }
        return rows;
    }

    private static List<DayTotal> sumsByDay(List<Ticket> rows) {
        Map<LocalDate, long[]> sums = new TreeMap<>();
        for (Ticket row : rows) {
            long[] sum = sums.computeIfAbsent(LocalDate.ofInstant(Instant.ofEpochMilli(row.endedMillis()), java.time.ZoneOffset.UTC),
                    day -> new long[2]);
            sum[0]++;
            sum[1] += row.impressionsCompleted();
        }
        return sums.entrySet().stream().map(e -> new DayTotal(e.getKey(), DayTotal.SITE, e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The interface's own answer for a store without site totals: the printer totals summed by day. */
    private static List<DayTotal> sumOfPrinterTotals(MapDbTicketStore store) {
        AccountingStore printersOnly = new AccountingStore() {
            @Override
            public java.time.ZoneId accountingZone() {
                return store.accountingZone();
            }

            @Override
            public List<DayTotal> accountingTotals(AccountingDimension by, LocalDate from, LocalDate to) {
                return store.accountingTotals(by, from, to);
            }

            @Override
            public void forEachAccountingRow(long fromMillis, long toMillis, java.util.function.Consumer<Ticket> row) {
                store.forEachAccountingRow(fromMillis, toMillis, row);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Integer> pruneAccounting(long endedBeforeMillis, int maxRows) {
                return store.pruneAccounting(endedBeforeMillis, maxRows);
            }
        };
        return printersOnly.siteTotals(ALL_FROM, ALL_TO);
    }
}
