package org.printgate.engine.ticket;

import com.hp.jipp.model.NotifyEvent;
import java.net.URI;
import java.util.List;

/**
 * Something the engine tells a client on its long-poll (docs/ticket-protocol.md §7).
 *
 * @param holder the credential whose subscription gets it
 * @param kind "job-fetchable" (the go-ahead, 6-3) or "job-state-changed"
 * @param deviceUri for the go-ahead: the printer and, by its scheme, the mechanism
 * @param leaseSeconds for the go-ahead: seconds left to confirm
 */
public record EngineEvent(String holder, String kind, long jobId, String queue, TicketState state,
                          List<String> reasons, String message, URI deviceUri, int leaseSeconds) {
    public static final String JOB_FETCHABLE = NotifyEvent.jobFetchable;
    public static final String JOB_STATE_CHANGED = NotifyEvent.jobStateChanged;
    /** The printer of a queue stopped or started again (fig. 7, 7-3); jobId is 0, reasons are the printer's. */
    public static final String PRINTER_STATE_CHANGED = NotifyEvent.printerStateChanged;

    /** A queue appeared (PWG 5100.22 printer-created): spoolers that may use it look it up. */
    public static final String PRINTER_CREATED = NotifyEvent.printerCreated;
    /** A queue went (PWG 5100.22 printer-deleted). */
    public static final String PRINTER_DELETED = NotifyEvent.printerDeleted;
    /** A queue's configuration or its device's capabilities changed (RFC 3995 printer-config-changed). */
    public static final String PRINTER_CONFIG_CHANGED = NotifyEvent.printerConfigChanged;

    /** An event about a queue, not a job: jobId is 0, reasons are the queue's. */
    public boolean isPrinterEvent() {
        return kind.equals(PRINTER_STATE_CHANGED) || kind.equals(PRINTER_CREATED) || kind.equals(PRINTER_DELETED)
                || kind.equals(PRINTER_CONFIG_CHANGED);
    }
}
