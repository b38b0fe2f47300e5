package org.printgate.engine.store;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.printgate.engine.ticket.Ticket;

/**
 * The accounting side of the store (issue 17; docs/reports.md): daily totals kept at commit
 * time, the raw rows by their end, and their retention. Apart from {@link TicketStore}, which
 * the engine's request path uses, so wrappers of that one need not know about reports.
 */
public interface AccountingStore {
    /** The zone whose days the accounting totals are kept by (UTC unless configured). */
    ZoneId accountingZone();

    /**
     * The accounting totals of one dimension, days {@code from} to {@code to} included, by day
     * then key: kept at commit time, so this reads days × keys entries, never the raw rows.
     */
    List<DayTotal> accountingTotals(AccountingDimension by, LocalDate from, LocalDate to);

    /**
     * The site's totals, days {@code from} to {@code to} included, by day, each keyed
     * {@link DayTotal#SITE}: one entry a day, for reports by day, week and month. This default sums
     * the printer totals (every job has exactly one printer), days × printers entries; a store
     * that keeps the site's totals at commit time answers from them.
     */
    default List<DayTotal> siteTotals(LocalDate from, LocalDate to) {
        java.util.Map<LocalDate, long[]> sums = new java.util.TreeMap<>();
        for (DayTotal total : accountingTotals(AccountingDimension.PRINTER, from, to)) {
            long[] sum = sums.computeIfAbsent(total.day(), day -> new long[2]);
            sum[0] += total.jobs();
            sum[1] += total.pages();
        }
        return sums.entrySet().stream().map(e -> new DayTotal(e.getKey(), DayTotal.SITE, e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /**
     * Hands each accounting row that ended in [fromMillis, toMillis) to {@code row}, in order of
     * their end, one at a time: for exports of any size, nothing is collected.
     */
    void forEachAccountingRow(long fromMillis, long toMillis, Consumer<Ticket> row);

    /**
     * Deletes at most {@code maxRows} accounting rows that ended before {@code endedBeforeMillis},
     * oldest first, in one commit; their totals stay. Completes with how many were deleted.
     */
    CompletableFuture<Integer> pruneAccounting(long endedBeforeMillis, int maxRows);
}
