package org.printgate.spooler.forward;

import java.util.List;

/**
 * How one forwarding attempt ended.
 *
 * @param result what happened
 * @param pages pages of this attempt known to have come out of the printer
 * @param error the printer's or the network's error, for the user and the failure report (6-9)
 * @param reasons IPP job- or printer-state-reasons the printer gave, if any
 */
public record ForwardOutcome(Result result, int pages, String error, List<String> reasons) {

    public enum Result {
        /** Every page came out. */
        COMPLETED,
        /** The printer or the network failed; another attempt may succeed. */
        FAILED,
        /** The printer refused the document itself (format, attributes): another attempt would fail too. */
        REFUSED,
        /** Stopped because the job was canceled. */
        CANCELED
    }

    public static ForwardOutcome completed(int pages) {
        return new ForwardOutcome(Result.COMPLETED, pages, "", List.of());
    }

    public static ForwardOutcome failed(int pages, String error, List<String> reasons) {
        return new ForwardOutcome(Result.FAILED, pages, error, reasons);
    }
}
