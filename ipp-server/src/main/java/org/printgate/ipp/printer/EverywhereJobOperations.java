package org.printgate.ipp.printer;

import com.hp.jipp.model.Operation;
import java.io.IOException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;

/**
 * The operations PWG 5100.14 §4 requires of an IPP Everywhere job object (RFC 8011 §4.3,
 * PWG 5100.5 Close-Job), one handler each, and the table that dispatches to them.
 *
 * @param <T> the job as one request addresses it
 */
public interface EverywhereJobOperations<T> {
    void sendDocument(T target, IppRequest request, IppResponse response) throws IOException;

    void closeJob(T target, IppRequest request, IppResponse response);

    void cancelJob(T target, IppRequest request, IppResponse response);

    void getJobAttributes(T target, IppRequest request, IppResponse response);

    /** The table of these operations, open for a printer's own ones. */
    default OperationTable.Builder<T> tableBuilder() {
        return OperationTable.<T>builder()
                .on(Operation.sendDocument, this::sendDocument)
                .on(Operation.closeJob, this::closeJob)
                .on(Operation.cancelJob, this::cancelJob)
                .on(Operation.getJobAttributes, this::getJobAttributes);
    }
}
