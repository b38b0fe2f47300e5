package org.printgate.engine.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.printgate.engine.store.AccountingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of raw accounting rows ({@code accounting: raw-rows-days}, default 400): once a
 * day, rows of jobs that ended longer ago are deleted; the daily totals stay, so reports over
 * those days still answer. Deleted in commits of {@link #BATCH} rows, which go through the
 * store's committer between the engine's own commits, on a thread of its own so the engine's
 * timers never wait for it.
 */
public final class AccountingRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountingRetention.class);
    /** Raw rows deleted per commit: a bounded transaction, and room for the engine's commits between. */
    static final int BATCH = 10_000;
    /** The first pass waits for the start to settle. */
    private static final Duration FIRST_PASS = Duration.ofMinutes(1);

    private final AccountingStore store;
    private final Clock clock;
    private final Duration keep;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "accounting-retention");
        t.setDaemon(true);
        return t;
    });

    public AccountingRetention(AccountingStore store, Clock clock, int rawRowsDays) {
        this.store = store;
        this.clock = clock;
        this.keep = Duration.ofDays(rawRowsDays);
    }

    /** Prunes a minute from now and every day after. */
    public AccountingRetention start() {
        thread.scheduleWithFixedDelay(this::pruneQuietly, FIRST_PASS.toMinutes(), Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
        return this;
    }

    private void pruneQuietly() {
        try {
            pruneNow();
        } catch (RuntimeException e) {
            log.error("accounting retention: pruning raw rows failed; tried again tomorrow", e);
        }
    }

    /** Deletes every raw row of a job that ended more than raw-rows-days ago; how many were deleted. */
    public long pruneNow() {
        Instant before = clock.instant().minus(keep);
        long deleted = 0;
        int batch;
        do {
            batch = store.pruneAccounting(before.toEpochMilli(), BATCH).join();
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            log.info("accounting retention: deleted {} raw rows of jobs that ended before {} ({} days); daily totals kept",
                    deleted, before, keep.toDays());
        }
        return deleted;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
