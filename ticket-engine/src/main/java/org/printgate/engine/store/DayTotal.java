package org.printgate.engine.store;

import java.time.LocalDate;

/** One day's accounting total of one key (a user, domain or printer): jobs ended and pages printed. */
public record DayTotal(LocalDate day, String key, long jobs, long pages) {}
