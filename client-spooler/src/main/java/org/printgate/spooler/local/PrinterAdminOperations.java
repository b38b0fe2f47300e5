package org.printgate.spooler.local;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.spooler.local.LocalPrinterOperations.PrinterTarget;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator of this computer may do to a local printer (RFC 8011 §4.2.7-§4.2.9, RFC 3998
 * Enable- and Disable-Printer, RFC 3380 Set-Printer-Attributes and Get-Printer-Supported-Values).
 * Only this desktop's queue changes: the engine's queue, which other workstations share, is the
 * engine operators' business. Operators are members of the operator group and root acting as
 * itself ({@link org.printgate.spooler.identity.LocalCaller#mayAdminister}); anyone else is refused.
 */
final class PrinterAdminOperations {
    private static final Logger log = LoggerFactory.getLogger(PrinterAdminOperations.class);

    static final OperationTable<PrinterTarget> TABLE = OperationTable.<PrinterTarget>builder()
            .on(Operation.pausePrinter, PrinterAdminOperations::pausePrinter)
            .on(Operation.resumePrinter, PrinterAdminOperations::resumePrinter)
            .on(Operation.enablePrinter, PrinterAdminOperations::enablePrinter)
            .on(Operation.disablePrinter, PrinterAdminOperations::disablePrinter)
            .on(Operation.purgeJobs, PrinterAdminOperations::purgeJobs)
            .on(Operation.setPrinterAttributes, PrinterAdminOperations::setPrinterAttributes)
            .on(Operation.getPrinterSupportedValues, PrinterAdminOperations::getPrinterSupportedValues)
            .build();

    private PrinterAdminOperations() {}

    /**
     * Pause-Printer: jobs not yet in the engine's line stay in the spool and ask for no ticket
     * until Resume-Printer; a job printing finishes, and a job already in line keeps its place.
     */
    static void pausePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        String queue = requireOperator(target, request);
        if (target.printers().controls().pause(queue)) {
            log.info("{} paused {} on this computer", Callers.of(request).user(request), queue);
        }
    }

    /** Resume-Printer: the jobs the pause kept here go on to ask for their tickets. */
    static void resumePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        String queue = requireOperator(target, request);
        if (target.printers().controls().resume(queue)) {
            log.info("{} resumed {} on this computer", Callers.of(request).user(request), queue);
            for (SpoolJob job : target.jobs().live()) {
                if (job.queue().equals(queue) && job.ticketId() == 0 && !job.held()
                        && (job.phase() == Phase.SPOOLED || job.phase() == Phase.RECEIVING)) {
                    target.actions().spooled(job);
                }
            }
        }
    }

    /** Enable-Printer: the queue takes new jobs again. */
    static void enablePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        String queue = requireOperator(target, request);
        if (target.printers().controls().enable(queue)) {
            log.info("{} enabled {} on this computer", Callers.of(request).user(request), queue);
        }
    }

    /** Disable-Printer: new jobs are refused (server-error-not-accepting-jobs); those taken go on. */
    static void disablePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        String queue = requireOperator(target, request);
        if (target.printers().controls().disable(queue)) {
            log.info("{} disabled {} on this computer", Callers.of(request).user(request), queue);
        }
    }

    /**
     * Purge-Jobs: cancels every job of the queue that has not ended, each as Cancel-Job does (at
     * the printer if printing, then at the engine). Ended jobs stay in the history.
     */
    static void purgeJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        String queue = requireOperator(target, request);
        int canceled = 0;
        for (SpoolJob job : target.jobs().live()) {
            if (job.queue().equals(queue)) {
                target.actions().cancel(job);
                canceled++;
            }
        }
        log.info("{} purged {} on this computer: {} jobs canceled", Callers.of(request).user(request), queue, canceled);
    }

    /** Set-Printer-Attributes: printer-settable-attributes-supported is none, so every attribute is refused (RFC 3380 §4.1). */
    static void setPrinterAttributes(PrinterTarget target, IppRequest request, IppResponse response) {
        requireOperator(target, request);
        var changes = request.group(Tag.printerAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "Set-Printer-Attributes without printer attributes"));
        changes.forEach(response::unsupported);
        throw new IppException(Status.clientErrorAttributesNotSettable,
                "no attribute of a local printer can be set here (printer-settable-attributes-supported: none)");
    }

    /** Get-Printer-Supported-Values (RFC 3380 §4.2): the values of settable attributes; none is settable, so none. */
    static void getPrinterSupportedValues(PrinterTarget target, IppRequest request, IppResponse response) {
        response.group(Tag.printerAttributes);
    }

    /** The queue's name, if the caller is an operator of this computer; a refusal, logged, if not. */
    private static String requireOperator(PrinterTarget target, IppRequest request) {
        String queue = target.printer().name();
        if (!Callers.of(request).mayAdminister(request)) {
            String user = Callers.of(request).user(request);
            log.warn("{} on {} refused: {} is not an operator of this computer", Operation.Companion.get(request.code()).getName(),
                    queue, user);
            throw new IppException(Status.clientErrorNotAuthorized, user + " is not an operator of this computer (the "
                    + "operator group, lpadmin by default, or root)");
        }
        return queue;
    }
}
