package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.sim.ipp.PrinterOperations.PrinterTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a simulated printer's operator may do to it (RFC 8011 §4.2.7-§4.2.9 Pause-, Resume-Printer
 * and Purge-Jobs, RFC 3998 Enable- and Disable-Printer, RFC 3380 Set-Printer-Attributes and
 * Get-Printer-Supported-Values), each refused to a caller who is not an operator ({@link Operators}).
 */
final class PrinterAdminOperations {
    private static final Logger log = LoggerFactory.getLogger(PrinterAdminOperations.class);

    static final OperationTable<PrinterTarget> TABLE = OperationTable.<PrinterTarget>builder()
            .on(Operation.pausePrinter, PrinterAdminOperations::pausePrinter)
            .on(Operation.resumePrinter, PrinterAdminOperations::resumePrinter)
            .on(Operation.purgeJobs, PrinterAdminOperations::purgeJobs)
            .on(Operation.setPrinterAttributes, PrinterAdminOperations::setPrinterAttributes)
            .on(Operation.getPrinterSupportedValues, PrinterAdminOperations::getPrinterSupportedValues)
            .on(Operation.enablePrinter, PrinterAdminOperations::enablePrinter)
            .on(Operation.disablePrinter, PrinterAdminOperations::disablePrinter)
            .build();

    private PrinterAdminOperations() {}

    /** Pause-Printer: the job printing finishes; the others stay pending until Resume-Printer. */
    static void pausePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        target.printer().pause();
    }

    static void resumePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        target.printer().resume();
    }

    /** Purge-Jobs: the jobs not ended are canceled, the ended ones forgotten; the ledger keeps what came out. */
    static void purgeJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        int canceled = target.printer().purge();
        log.info("{}: jobs purged by {}, {} canceled", target.printer().name(), request.requestingUserName(), canceled);
    }

    /** Enable-Printer: IPP job creation is taken again. */
    static void enablePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        target.printer().acceptJobs(true);
    }

    /** Disable-Printer: new IPP jobs are refused (server-error-not-accepting-jobs); the jobs taken go on. */
    static void disablePrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        target.printer().acceptJobs(false);
    }

    /**
     * Set-Printer-Attributes: a simulated printer is its profile, so printer-settable-attributes-supported
     * is none and every attribute is refused (RFC 3380 §4.1); change the profile instead.
     */
    static void setPrinterAttributes(PrinterTarget target, IppRequest request, IppResponse response) {
        Operators.require(request, target.printer().name());
        var changes = request.group(Tag.printerAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "Set-Printer-Attributes without printer attributes"));
        changes.forEach(response::unsupported);
        throw new IppException(Status.clientErrorAttributesNotSettable,
                "no attribute of a simulated printer can be set (printer-settable-attributes-supported: none); its profile says them");
    }

    /** Get-Printer-Supported-Values (RFC 3380 §4.2): the values of settable attributes; none is settable, so none. */
    static void getPrinterSupportedValues(PrinterTarget target, IppRequest request, IppResponse response) {
        response.group(Tag.printerAttributes);
    }
}
