package org.printgate.engine.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounting totals kept up to date as accounting rows are written (issue 17), in the same
 * MapDB transaction as the row, so a report over a month of millions of rows reads a few
 * thousand totals instead of the rows.
 * <p>
 * Three trees beside the raw rows ({@code accounting}, by job id):
 * <ul>
 * <li>{@code accounting-totals}: (dimension, epoch day in the store's zone, key) → {jobs, pages}.
 *     The dimension leads, then the day, so a report by one dimension over a range of days reads
 *     exactly those days' entries of that dimension: days × keys, no more.</li>
 * <li>{@code accounting-site-totals}: epoch day → {jobs, pages} of the whole site, so a report by
 *     day, week or month reads one entry a day (a month by day over 200,000 printers read
 *     6,000,000 printer totals).</li>
 * <li>{@code accounting-by-end}: (end millis, job id), an index of the raw rows by their end, so
 *     a range export and the retention read only the rows of the range (job ids follow creation,
 *     not ending).</li>
 * </ul>
 * Cost per ended job: five more B-tree writes (four totals, one index entry) in the commit that
 * writes its row anyway. Called on the store's committer thread only (writes), read from any.
 */
final class AccountingRollups {
    private static final Logger log = LoggerFactory.getLogger(AccountingRollups.class);
    /**
     * What the totals hold; a store without them (0) builds them from its raw rows once. A later
     * version must migrate the totals, not rebuild them: rows pruned by the retention are gone.
     * 1: the totals by dimension and the end index; 2: and the site's totals by day, which a
     * store of version 1 sums from its printer totals (every job has exactly one printer).
     */
    static final int VERSION = 2;
    /** Raw rows per commit while building the totals of an old store: bounded transactions. */
    private static final int BUILD_BATCH = 10_000;

    private final DB db;
    private final BTreeMap<Long, byte[]> ended;
    private final BTreeMap<Object[], long[]> totals;
    private final BTreeMap<Integer, long[]> siteTotals;
    private final BTreeMap<Object[], Boolean> byEnd;
    private final ZoneId zone;

    @SuppressWarnings("unchecked")
    AccountingRollups(DB db, BTreeMap<Long, byte[]> ended, ZoneId zone) {
        this.db = db;
        this.ended = ended;
        this.zone = zone;
        this.totals = (BTreeMap<Object[], long[]>) db.treeMap("accounting-totals")
                .keySerializer(new SerializerArrayTuple(Serializer.STRING, Serializer.INTEGER, Serializer.STRING))
                .valueSerializer(Serializer.LONG_ARRAY).createOrOpen();
        this.siteTotals = db.treeMap("accounting-site-totals", Serializer.INTEGER, Serializer.LONG_ARRAY).createOrOpen();
        this.byEnd = (BTreeMap<Object[], Boolean>) db.treeMap("accounting-by-end")
                .keySerializer(new SerializerArrayTuple(Serializer.LONG, Serializer.LONG))
                .valueSerializer(Serializer.BOOLEAN).createOrOpen();
        Atomic.Integer version = db.atomicInteger("accounting-totals-version", 0).createOrOpen();
        Atomic.String builtIn = db.atomicString("accounting-totals-zone", zone.getId()).createOrOpen();
        if (version.get() < 1) {
            build();
            builtIn.set(zone.getId());
        } else {
            if (version.get() < 2) {
                // The printer totals outlive the raw rows: the site's are summed from them (same days, same zone).
                buildSiteTotals();
            }
            if (!builtIn.get().equals(zone.getId())) {
                // Rebuilding would lose the totals of pruned rows: the days before stay in the old zone.
                log.warn("accounting totals were kept by day in {}; from now on days are in {} (earlier days are not recounted)",
                        builtIn.get(), zone.getId());
                builtIn.set(zone.getId());
            }
        }
        // One commit for what was built or migrated: a start cut short before it does it all again.
        version.set(VERSION);
        db.commit();
    }

    /** The totals and the end index of every raw row, for a store written before they existed. */
    private void build() {
        totals.clear();
        siteTotals.clear();
        byEnd.clear();
        long started = System.nanoTime();
        int rows = 0;
        for (byte[] record : ended.values()) {
            count(TicketCodec.decode(record), 1);
            if (++rows % BUILD_BATCH == 0) {
                db.commit();
            }
        }
        if (rows > 0) {
            log.info("accounting totals built from {} raw rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The site's day totals as the sums of the printer day totals, for a store that kept none. */
    private void buildSiteTotals() {
        siteTotals.clear();
        Map<Integer, long[]> sums = new java.util.TreeMap<>();
        String printer = AccountingDimension.PRINTER.code();
        for (Map.Entry<Object[], long[]> entry : totals.subMap(new Object[] {printer, Integer.MIN_VALUE}, true,
                new Object[] {printer, Integer.MAX_VALUE}, true).entrySet()) {
            long[] sum = sums.computeIfAbsent((Integer) entry.getKey()[1], day -> new long[2]);
            sum[0] += entry.getValue()[0];
            sum[1] += entry.getValue()[1];
        }
        siteTotals.putAll(sums);
        log.info("accounting: site totals of {} days summed from the printer totals", sums.size());
    }

    /** The zone whose days the totals are kept by. */
    ZoneId zone() {
        return zone;
    }

    /** A row was written for {@code ticket}, over {@code previous} (an ending stored again), if any. */
    void rowWritten(Ticket ticket, byte[] previous) {
        if (previous != null) {
            count(TicketCodec.decode(previous), -1);
        }
        count(ticket, 1);
    }

    /** Adds ({@code sign} 1) or takes back (-1) a ticket's job and pages in each dimension, and its index entry. */
    private void count(Ticket ticket, int sign) {
        int day = (int) LocalDate.ofInstant(Instant.ofEpochMilli(ticket.endedMillis()), zone).toEpochDay();
        long pages = pagesOf(ticket);
        for (AccountingDimension dimension : AccountingDimension.values()) {
            Object[] key = {dimension.code(), day, dimension.keyOf(ticket)};
            long[] total = totals.get(key);
            long jobs = (total == null ? 0 : total[0]) + sign;
            long sum = (total == null ? 0 : total[1]) + sign * pages;
            if (jobs <= 0) {
                totals.remove(key);
            } else {
                totals.put(key, new long[] {jobs, sum});
            }
        }
        long[] site = siteTotals.get(day);
        long siteJobs = (site == null ? 0 : site[0]) + sign;
        if (siteJobs <= 0) {
            siteTotals.remove(day);
        } else {
            siteTotals.put(day, new long[] {siteJobs, (site == null ? 0 : site[1]) + sign * pages});
        }
        Object[] indexKey = {ticket.endedMillis(), ticket.jobId()};
        if (sign > 0) {
            byEnd.put(indexKey, Boolean.TRUE);
        } else {
            byEnd.remove(indexKey);
        }
    }

    /**
     * The pages a row counts: what came out (job-impressions-completed), which the spooler
     * reports with every copy counted, so a failed or canceled job counts what it did print.
     */
    static long pagesOf(Ticket ticket) {
        return Math.max(0, ticket.impressionsCompleted());
    }

    /** The day totals of one dimension, days {@code from} to {@code to} included, by day then key. */
    List<DayTotal> dayTotals(AccountingDimension dimension, LocalDate from, LocalDate to) {
        Map<Object[], long[]> range = totals.subMap(new Object[] {dimension.code(), (int) from.toEpochDay()}, true,
                new Object[] {dimension.code(), (int) to.toEpochDay() + 1}, false);
        List<DayTotal> days = new ArrayList<>();
        for (Map.Entry<Object[], long[]> entry : range.entrySet()) {
            Object[] key = entry.getKey();
            days.add(new DayTotal(LocalDate.ofEpochDay((Integer) key[1]), (String) key[2], entry.getValue()[0],
                    entry.getValue()[1]));
        }
        return days;
    }

    /** The site's day totals, days {@code from} to {@code to} included, by day (key {@link DayTotal#SITE}). */
    List<DayTotal> siteTotals(LocalDate from, LocalDate to) {
        List<DayTotal> days = new ArrayList<>();
        for (Map.Entry<Integer, long[]> entry : siteTotals.subMap((int) from.toEpochDay(), true, (int) to.toEpochDay(), true)
                .entrySet()) {
            days.add(new DayTotal(LocalDate.ofEpochDay(entry.getKey()), DayTotal.SITE, entry.getValue()[0], entry.getValue()[1]));
        }
        return days;
    }

    /** Hands each raw row that ended in [fromMillis, toMillis) to {@code row}, by end time, one at a time. */
    void forEachRow(long fromMillis, long toMillis, Consumer<Ticket> row) {
        for (Object[] key : byEnd.subMap(new Object[] {fromMillis}, true, new Object[] {toMillis}, false).keySet()) {
            byte[] record = ended.get((Long) key[1]);
            if (record != null) {
                row.accept(TicketCodec.decode(record));
            }
        }
    }

    /** Deletes at most {@code max} raw rows that ended before {@code beforeMillis}, oldest first; the totals stay. */
    int prune(long beforeMillis, int max) {
        List<Object[]> old = new ArrayList<>();
        for (Object[] key : byEnd.headMap(new Object[] {beforeMillis}, false).keySet()) {
            if (old.size() >= max) {
                break;
            }
            old.add(key);
        }
        for (Object[] key : old) {
            byEnd.remove(key);
            ended.remove((Long) key[1]);
        }
        return old.size();
    }
}
