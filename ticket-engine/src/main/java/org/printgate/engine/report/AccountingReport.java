package org.printgate.engine.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Comparator;
import java.util.HashMap;
import java.util.function.Function;
import org.printgate.engine.store.AccountingDimension;
import org.printgate.engine.store.DayTotal;
import org.printgate.engine.store.AccountingStore;

/**
 * Pages and jobs by user, domain, printer, day, ISO week or month over a range of days (issue 17),
 * answered from the daily totals the store keeps at commit time, never from the raw rows.
 * <p>
 * Cost: a report by user, domain or printer reads days × keys totals of that dimension (a month
 * of 2,000 users: ≤ 62,000 entries). By day, week and month it reads the site's totals, one a
 * day, whatever the number of printers: a week or month is the sum of its days, and one only
 * partly in the range counts only the days in it.
 */
public final class AccountingReport {
    /** The longest range a report may cover: ten years of days. */
    public static final long MAX_DAYS = 3_660;

    /** What the rows are keyed by. */
    public enum By {
        USER, DOMAIN, PRINTER, DAY, WEEK, MONTH;

        /** {@code user}, {@code day}, ... as given in a URL or on a command line. */
        public static By parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("by must be one of user, domain, printer, day, week, month; not " + name);
            }
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row: its key (a user, domain, printer, {@code 2026-12-01}, {@code 2026-W49} or {@code 2026-12}), jobs and pages. */
    public record Row(String key, long jobs, long pages) {}

    private final AccountingStore store;

    public AccountingReport(AccountingStore store) {
        this.store = store;
    }

    /** The rows by {@code by}, days {@code from} to {@code to} included (in the store's zone), ordered by key. */
    public List<Row> query(By by, LocalDate from, LocalDate to) {
        checkRange(from, to);
        return switch (by) {
            case USER -> byKey(store.accountingTotals(AccountingDimension.USER, from, to), DayTotal::key);
            case DOMAIN -> byKey(store.accountingTotals(AccountingDimension.DOMAIN, from, to), DayTotal::key);
            case PRINTER -> byKey(store.accountingTotals(AccountingDimension.PRINTER, from, to), DayTotal::key);
            case DAY -> byKey(store.siteTotals(from, to), t -> t.day().toString());
            case WEEK -> byKey(store.siteTotals(from, to), t -> weekOf(t.day()));
            case MONTH -> byKey(store.siteTotals(from, to), t -> t.day().toString().substring(0, 7));
        };
    }

    /** Refuses a range that is backwards or longer than {@link #MAX_DAYS}. */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
    }

    /** ISO 8601 week of a day: {@code 2026-W49} (weeks start on Monday; the year is the week's). */
    static String weekOf(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static List<Row> byKey(List<DayTotal> days, Function<DayTotal, String> keyOf) {
        // Summed in a hash map and sorted once: a month by printer is millions of day totals over
        // 200,000 keys, where a tree map paid a key comparison chain for each.
        Map<String, long[]> sums = new HashMap<>();
        for (DayTotal day : days) {
            long[] sum = sums.computeIfAbsent(keyOf.apply(day), key -> new long[2]);
            sum[0] += day.jobs();
            sum[1] += day.pages();
        }
        List<Row> rows = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> rows.add(new Row(key, sum[0], sum[1])));
        rows.sort(Comparator.comparing(Row::key));
        return rows;
    }
}
