package org.printgate.engine.store;

import java.time.LocalDate;

/** One day's accounting total of one key (a user, domain or printer, or the whole site): jobs ended and pages printed. */
public record DayTotal(LocalDate day, String key, long jobs, long pages) {
    /** The key of a day's total over the whole site ({@link AccountingStore#siteTotals}). */
    public static final String SITE = "";
}
