package org.printgate.engine.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The engine YAML's {@code accounting} block (issue 17; docs/reports.md).
 *
 * @param rawRowsDays how many days raw accounting rows are kept after their job ended (default 400);
 *                    the daily totals are kept for ever
 * @param zone the time zone whose days the totals and reports use (default UTC), e.g. {@code Europe/Paris}
 */
public record AccountingConfig(Integer rawRowsDays, String zone) {
    public static final int DEFAULT_RAW_ROWS_DAYS = 400;
    public static final AccountingConfig DEFAULTS = new AccountingConfig(null, null);

    public AccountingConfig {
        rawRowsDays = rawRowsDays == null ? DEFAULT_RAW_ROWS_DAYS : rawRowsDays;
        if (rawRowsDays < 1) {
            throw new IllegalArgumentException("accounting.raw-rows-days must be at least 1, not " + rawRowsDays);
        }
        zone = zone == null ? "UTC" : zone;
        zoneId(zone);
    }

    /** The zone of the days. */
    public ZoneId zoneId() {
        return zoneId(zone);
    }

    private static ZoneId zoneId(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("accounting.zone: " + name + " is not a time zone (e.g. UTC, Europe/Paris)", e);
        }
    }
}
