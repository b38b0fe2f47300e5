package org.printgate.spooler.forward;

import com.hp.jipp.model.PrinterStateReason;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.printgate.probe.SnmpPrinterProbe;

/**
 * A printer's page counter (Printer MIB prtMarkerLifeCount, RFC 3805) over SNMP, read with the
 * probe the engine's watch also uses: for a raw socket printer it is the only way to learn how
 * many pages came out.
 */
public final class PageCounter implements AutoCloseable {
    private final SnmpPrinterProbe probe;

    public PageCounter(Duration timeout) throws IOException {
        this.probe = new SnmpPrinterProbe(timeout, ForkJoinPool.commonPool());
    }

    /** The counter now (-1 when the printer does not answer or has none) and the printer's state reasons. */
    public record Reading(long count, java.util.List<String> reasons) {
        /** Stopped with pages still inside it (a jam, no paper): they come out once it is mended. */
        public boolean holdsPages() {
            return reasons.stream().map(r -> r.replaceFirst("-(error|report)$", "")).anyMatch(r -> r.equals(PrinterStateReason.mediaJam)
                    || r.equals(PrinterStateReason.mediaEmpty) || r.equals(PrinterStateReason.mediaNeeded) || r.equals(PrinterStateReason.tonerEmpty)
                    || r.equals(PrinterStateReason.markerSupplyEmpty) || r.equals(PrinterStateReason.coverOpen) || r.equals(PrinterStateReason.doorOpen));
        }
    }

    public Reading read(URI snmp) throws InterruptedException {
        if (snmp == null) {
            return new Reading(-1, java.util.List.of());
        }
        try {
            var reading = probe.read(snmp).get(30, TimeUnit.SECONDS);
            return new Reading(reading.pageCount(), reading.reasons());
        } catch (ExecutionException | TimeoutException e) {
            return new Reading(-1, java.util.List.of());
        }
    }

    /**
     * Pages out since the counter read {@code before}: reads until the count reaches
     * {@code expected} (when known, ≥ 0) or stops moving for five reads; a printer that holds
     * pages (jammed, out of paper) is waited for. -1 when the printer's counter cannot be read.
     */
    public int settledSince(URI snmp, long before, int expected, Duration every, Duration within)
            throws InterruptedException {
        if (snmp == null || before < 0) {
            return -1;
        }
        long deadline = System.nanoTime() + within.toNanos();
        long last = -1;
        int still = 0;
        while (true) {
            Reading reading = read(snmp);
            long now = reading.count();
            if (now >= 0 && expected >= 0 && now - before >= expected) {
                return expected;
            }
            still = now == last ? still + 1 : 0;
            last = now;
            if (reading.holdsPages()) {
                // A jam or an empty tray keeps the rest of the job inside the printer: wait for it.
                still = 0;
                deadline = System.nanoTime() + within.toNanos();
            }
            // Unchanged for five reads (a page takes at most a few seconds): the printer is done.
            if (still >= 5 || System.nanoTime() > deadline) {
                return now < 0 ? -1 : (int) Math.max(0, Math.min(now - before, Integer.MAX_VALUE));
            }
            Thread.sleep(every.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        probe.close();
    }
}
