package org.printgate.ipp.printer;

import com.hp.jipp.model.Operation;
import java.io.IOException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;

/**
 * The operations PWG 5100.14 §4 requires of an IPP Everywhere printer object (RFC 8011 §4.2,
 * PWG 5100.11 Cancel-My-Jobs, PWG 5100.13 Identify-Printer), one handler each, and the table
 * that dispatches to them.
 *
 * @param <T> the printer as one request addresses it
 */
public interface EverywherePrinterOperations<T> {
    void printJob(T target, IppRequest request, IppResponse response) throws IOException;

    void validateJob(T target, IppRequest request, IppResponse response);

    void createJob(T target, IppRequest request, IppResponse response);

    void getPrinterAttributes(T target, IppRequest request, IppResponse response);

    void getJobs(T target, IppRequest request, IppResponse response);

    void cancelMyJobs(T target, IppRequest request, IppResponse response);

    void identifyPrinter(T target, IppRequest request, IppResponse response);

    /** The table of these operations. */
    default OperationTable<T> table() {
        return tableBuilder().build();
    }

    /** The table of these operations, open for a printer's own ones (PWG 5100.12's, for one that speaks IPP/2.1). */
    default OperationTable.Builder<T> tableBuilder() {
        return OperationTable.<T>builder()
                .on(Operation.printJob, this::printJob)
                .on(Operation.validateJob, this::validateJob)
                .on(Operation.createJob, this::createJob)
                .on(Operation.getPrinterAttributes, this::getPrinterAttributes)
                .on(Operation.getJobs, this::getJobs)
                .on(Operation.cancelMyJobs, this::cancelMyJobs)
                .on(Operation.identifyPrinter, this::identifyPrinter);
    }
}
