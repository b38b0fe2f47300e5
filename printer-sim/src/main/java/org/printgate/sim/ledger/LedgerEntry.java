package org.printgate.sim.ledger;

import java.time.Instant;

/**
 * One page that came out of a simulated printer.
 *
 * @param printer printer-name
 * @param jobId the printer's job-id for the job the page belongs to
 * @param path the data path that brought the job: "ipp" or "raw"
 * @param page page number within the job's document, from 1
 * @param sha256 SHA-256 of the page's bytes (see the page splitter of its format)
 * @param time when the page came out
 * @param copy which copy of the document the page belongs to, from 1 (copies)
 * @param sheet the sheet it is on, counted through the job from 1: with two-sided printing two
 *     pages share one, and every copy starts on a new sheet
 * @param back whether it is on the sheet's back
 */
public record LedgerEntry(String printer, int jobId, String path, int page, String sha256, Instant time, int copy,
                          int sheet, boolean back) {

    /** A page of the first copy, one-sided. */
    public LedgerEntry(String printer, int jobId, String path, int page, String sha256, Instant time) {
        this(printer, jobId, path, page, sha256, time, 1, page, false);
    }
}
