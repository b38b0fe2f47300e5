package org.printgate.spooler.spool;

/**
 * One job in the spool, as the journal keeps it. Immutable: every change is a new value that
 * goes through {@link SpoolJobs#update}, so what the journal holds and what users see agree.
 *
 * @param id the local job id (job-id at the local endpoint)
 * @param queue the engine queue = local printer name; changes when the user moves the job
 * @param user the local OS user who sent it (requesting-user-name); the only one who may touch it
 * @param name job-name
 * @param format document-format of the spooled document
 * @param priority job-priority (1-100) asked of the engine
 * @param phase where the job is
 * @param message job-state-message: what the user reads in their print queue
 * @param bytes document size once spooled, else -1
 * @param pages page count once known, else -1
 * @param ticketId the engine's job id, 0 before the engine answered
 * @param pagesDone pages known to have come out of a printer (the checkpoint)
 * @param attempts forwarding attempts since the last go-ahead
 * @param deviceUri the printer the current go-ahead named, or empty
 * @param printerJobUri the job at the printer (IPP), for asking how far it got after a crash
 * @param pageCounterBefore the printer's SNMP page counter before a raw send, or -1
 * @param template the job template attributes to send on (IPP-encoded job group), may be empty
 * @param createdMillis when the job was created
 * @param endedMillis when it reached a final phase, 0 before
 * @param unreported the ending the engine has not acknowledged yet ("completed", "canceled",
 *     "aborted"), or "": told again until it is, also after a restart
 * @param ticketRequest the Create-Job sent for the job's ticket whose answer is not written down
 *     yet, as it went on the wire, or empty: resent byte for byte until answered (§11.1)
 * @param reasons why a final job ended as it did (job-state-reasons: the printer's, such as
 *     document-format-error, or the engine's), empty otherwise; told to the engine with the ending
 * @param holdUntil job-hold-until while the job is held ({@link HoldUntil}), "" when it is not:
 *     a held job asks for no ticket until it is released
 * @param copies collated copies of the document to print (copies); {@link #pagesDone} counts
 *     the pages of all copies, one copy after the other
 */
public record SpoolJob(long id, String queue, String user, String name, String format, int priority, Phase phase,
                       String message, long bytes, int pages, long ticketId, int pagesDone, int attempts,
                       String deviceUri, String printerJobUri, long pageCounterBefore, byte[] template,
                       long createdMillis, long endedMillis, String unreported, byte[] ticketRequest,
                       java.util.List<String> reasons, String holdUntil,
                       int copies) {

    public SpoolJob {
        ticketRequest = ticketRequest == null ? new byte[0] : ticketRequest;
        reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        holdUntil = holdUntil == null ? "" : holdUntil;
        copies = Math.max(1, copies);
    }

    public static SpoolJob received(long id, String queue, String user, String name, String format, int priority,
                                    byte[] template, long now, String holdUntil, int copies) {
        return new SpoolJob(id, queue, user, name, format, priority, Phase.RECEIVING, "receiving the document",
                -1, -1, 0, 0, 0, "", "", -1, template, now, 0, "", new byte[0], java.util.List.of(), holdUntil, copies);
    }

    public SpoolJob inPhase(Phase next, String why) {
        return new SpoolJob(id, queue, user, name, format, priority, next, why, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis,
                next.isFinal() && endedMillis == 0 ? System.currentTimeMillis() : endedMillis, unreported, ticketRequest,
                next.isFinal() ? reasons : java.util.List.of(), holdUntil, copies);
    }

    public SpoolJob withMessage(String why) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, why, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    public SpoolJob withDocument(String documentFormat, long size) {
        return new SpoolJob(id, queue, user, name, documentFormat, priority, phase, message, size, pages, ticketId,
                pagesDone, attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    public SpoolJob withPages(int count) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, count, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    public SpoolJob withTicket(long engineJobId) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, engineJobId,
                pagesDone, attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    public SpoolJob inQueue(String newQueue) {
        return new SpoolJob(id, newQueue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                pagesDone, attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    /** A go-ahead to {@code device}: a fresh attempt count, nothing at the printer yet. */
    public SpoolJob goingTo(String device) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                pagesDone, 0, device, "", -1, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    /** One more forwarding attempt starts. */
    public SpoolJob nextAttempt() {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                pagesDone, attempts + 1, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis,
                unreported, ticketRequest, reasons, holdUntil, copies);
    }

    /** Where the current attempt can be found at the printer afterwards. */
    public SpoolJob attempting(String atPrinter, long counterBefore) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                pagesDone, attempts, deviceUri, atPrinter, counterBefore, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    /** The checkpoint: {@code done} pages are out; the attempt's traces at the printer are settled. */
    public SpoolJob checkpoint(int done) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                Math.max(pagesDone, done), attempts, deviceUri, "", -1, template, createdMillis, endedMillis, unreported, ticketRequest, reasons, holdUntil, copies);
    }

    /** An ending to tell the engine ("" once it has been told). */
    public SpoolJob toReport(String ending) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, ending, ticketRequest, reasons, holdUntil, copies);
    }

    /** A Create-Job about to go for this job's ticket, kept until its answer is written down (§11.1). */
    public SpoolJob askingWith(byte[] request) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported,
                request, reasons, holdUntil, copies);
    }

    /** The engine answered the kept Create-Job: its ticket, and nothing left to resend. */
    public SpoolJob withAnsweredTicket(long engineJobId) {
        return withTicket(engineJobId).askingWith(new byte[0]);
    }

    /** Whether a Create-Job went out for this job and its answer has not been written down (§11.1). */
    public boolean asking() {
        return ticketRequest.length > 0;
    }

    /** Why the job is ending as it does (job-state-reasons): set before the final phase. */
    public SpoolJob because(java.util.List<String> why) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported,
                ticketRequest, why, holdUntil, copies);
    }

    /** Held (job-hold-until): the job waits for a Release-Job or its time of day, asking for no ticket. */
    public boolean held() {
        return !holdUntil.isEmpty();
    }

    /** Held until {@code keyword} ({@link HoldUntil}), or released with "". */
    public SpoolJob heldUntil(String keyword) {
        return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId, pagesDone,
                attempts, deviceUri, printerJobUri, pageCounterBefore, template, createdMillis, endedMillis, unreported,
                ticketRequest, reasons, keyword, copies);
    }

    public boolean ownedBy(String who) {
        return user.equals(who);
    }

    /** Pages of all copies, or -1 when the document's page count is not known. */
    public int impressions() {
        return pages < 0 ? -1 : pages * copies;
    }

    /** "3 of 12" (12: pages of all copies) or "3" when the page count is not known. */
    public String pagesOf(int page) {
        return pages > 0 ? page + " of " + impressions() : String.valueOf(page);
    }
}
