package org.printgate.spooler.local;

import com.hp.jipp.model.Status;
import java.net.URI;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.subscription.SubscriptionAccess;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.spooler.local.LocalPrinterOperations.PrinterTarget;
import org.printgate.spooler.spool.SpoolJob;

/**
 * The subscription operations of a local printer (RFC 3995 §11, ippget of RFC 3996 §5), ipp-server's,
 * by this computer's rules: a subscription's owner is the local caller's user; an operator (the
 * operator group, root) sees and changes every subscription and hears of every job; a user may
 * subscribe to their own jobs only.
 */
final class SubscriptionOperations {
    static final OperationTable<PrinterTarget> TABLE = org.printgate.ipp.subscription.SubscriptionOperations.table(
            new SubscriptionAccess<>() {
                @Override
                public Subscriptions subscriptions(PrinterTarget target) {
                    return target.subscriptions().subscriptions();
                }

                @Override
                public String printerName(PrinterTarget target) {
                    return target.printer().name();
                }

                @Override
                public URI printerUri(PrinterTarget target, String queue) {
                    return LocalJobAttributes.printerUri(target.authority(), queue);
                }

                @Override
                public String user(PrinterTarget target, IppRequest request) {
                    return Callers.of(request).user(request);
                }

                @Override
                public boolean isOperator(PrinterTarget target, IppRequest request) {
                    return Callers.of(request).mayAdminister(request);
                }

                @Override
                public void checkJobSubscription(PrinterTarget target, IppRequest request, int jobId) {
                    SpoolJob job = target.jobs().get(jobId).filter(j -> j.queue().equals(target.printer().name()))
                            .orElseThrow(() -> new IppException(Status.clientErrorNotFound,
                                    "no job " + jobId + " on " + target.printer().name()));
                    // Is it the user's job (or are they an operator)?
                    if (!Callers.of(request).mayTouch(job.user(), request)) {
                        throw new IppException(Status.clientErrorNotAuthorized, "job " + jobId + " belongs to another user");
                    }
                    // Has it ended? Its events are over (RFC 3995 §11.1.1: client-error-not-possible).
                    if (job.phase().isFinal()) {
                        throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has ended; it will raise no more events");
                    }
                }
            });

    private SubscriptionOperations() {}
}
