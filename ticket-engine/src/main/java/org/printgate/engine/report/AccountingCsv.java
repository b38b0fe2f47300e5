package org.printgate.engine.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.printgate.engine.store.AccountingDimension;
import org.printgate.engine.store.AccountingStore;
import org.printgate.engine.ticket.Ticket;

/**
 * Accounting as CSV (RFC 4180, {@link CsvWriter}): the raw rows of a range of days, streamed
 * from the store one row at a time (an export of any size holds one row in memory), and the
 * rows of a report.
 */
public final class AccountingCsv {
    /** The raw rows' columns (docs/reports.md), one row per ended job. */
    static final String[] ROW_HEADER = {"job-id", "ended", "created", "user", "domain", "printer", "holder", "job-name",
        "state", "state-reasons", "k-octets", "impressions", "impressions-completed", "attempts"};

    private AccountingCsv() {}

    /** Rows are counted as they go out, so the caller can log how big the export was. */
    public static long writeRows(AccountingStore store, LocalDate from, LocalDate to, OutputStream out) throws IOException {
        AccountingReport.checkRange(from, to);
        ZoneId zone = store.accountingZone();
        long fromMillis = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMillis = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        CsvWriter csv = new CsvWriter(out);
        csv.record(ROW_HEADER);
        long[] count = {0};
        try {
            store.forEachAccountingRow(fromMillis, toMillis, ticket -> {
                try {
                    writeRow(csv, ticket);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            // The client went away: no more rows to write.
            throw e.getCause();
        }
        csv.flush();
        return count[0];
    }

    private static void writeRow(CsvWriter csv, Ticket ticket) throws IOException {
        csv.number(ticket.jobId())
                .field(Instant.ofEpochMilli(ticket.endedMillis()).toString())
                .field(Instant.ofEpochMilli(ticket.createdMillis()).toString())
                .text(ticket.user())
                .text(AccountingDimension.DOMAIN.keyOf(ticket))
                .text(ticket.queue())
                .text(ticket.holder())
                .text(ticket.jobName())
                .field(ticket.state().name().toLowerCase(Locale.ROOT))
                .text(String.join(" ", ticket.reasons()))
                .number(ticket.kOctets())
                .number(ticket.impressions())
                .number(ticket.impressionsCompleted())
                .number(ticket.attempts())
                .endRecord();
    }

    /** A report's rows: {@code <by>,jobs,pages}. */
    public static void writeReport(AccountingReport.By by, List<AccountingReport.Row> rows, OutputStream out)
            throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.record(by.keyword(), "jobs", "pages");
        for (AccountingReport.Row row : rows) {
            csv.text(row.key()).number(row.jobs()).number(row.pages()).endRecord();
        }
        csv.flush();
    }
}
