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
 */
public record LedgerEntry(String printer, int jobId, String path, int page, String sha256, Instant time) {}
