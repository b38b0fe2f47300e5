package org.printgate.spooler.local;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobHoldUntil;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.ipp.printer.EverywhereJobOperations;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.spooler.spool.HoldUntil;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;
import org.printgate.spooler.spool.SpooledDocument;

/**
 * The job operations of the local endpoint (RFC 8011 §4.3, PWG 5100.5 Close-Job), and
 * Printgate-Move-Job for the user's "move to another printer" (fig. 7). Only the job's owner
 * may change it; others may see that it exists and its state.
 */
final class LocalJobOperations implements EverywhereJobOperations<LocalJobOperations.JobTarget> {
    static final OperationTable<JobTarget> TABLE = new LocalJobOperations().tableBuilder()
            .on(PrintgateTypes.moveJob.getCode(), LocalJobOperations::moveJob)
            .on(Operation.holdJob.getCode(), LocalJobOperations::holdJob)
            .on(Operation.releaseJob.getCode(), LocalJobOperations::releaseJob)
            .on(Operation.setJobAttributes.getCode(), LocalJobOperations::setJobAttributes)
            .on(Operation.restartJob.getCode(), LocalJobOperations::restartJob)
            .build();

    private LocalJobOperations() {}

    /** A job as one request addresses it. */
    record JobTarget(SpoolJob job, String authority, LocalPrinters printers, SpoolJobs jobs, JobActions actions) {}

    @Override
    public void getJobAttributes(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = target.job();
        RequestedAttributes.of(request, Set.of("all")).copy(
                LocalJobAttributes.of(job, target.authority(), target.printers(), Callers.of(request).mayTouch(job.user(), request)),
                response.group(Tag.jobAttributes));
    }

    @Override
    public void sendDocument(JobTarget target, IppRequest request, IppResponse response) throws IOException {
        SpoolJob job = target.job();
        boolean last = request.operationValue(Types.lastDocument)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "last-document is missing"));
        // Is it the owner's job?
        requireOwner(job, request);
        // Can we take its compression apart (compression-supported)?
        DocumentSpooling.checkCompression(request);
        if (!target.jobs().startReceiving(job.id())) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is taking in a document already");
        }
        SpoolJob spooled;
        try {
            // Is the job still waiting for its one document (multiple-document-jobs-supported is false)?
            // Asked again now that it is claimed: one that arrived just before has ended its claim.
            SpoolJob now = target.jobs().get(job.id()).orElse(job);
            if (now.phase() != Phase.RECEIVING || now.bytes() >= 0) {
                throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " takes no more documents");
            }
            String format = request.operationValue(Types.documentFormat).orElse(job.format());
            SpooledDocument document = DocumentSpooling.write(target.jobs(), job.id(), request);
            spooled = target.jobs().update(job.id(), document, current -> {
                SpoolJob withDocument = current.withDocument(format, document.bytes());
                return last ? JobHolds.documentComplete(withDocument) : withDocument.withMessage("document received; waiting for Close-Job");
            }).orElseThrow();
        } finally {
            target.jobs().doneReceiving(job.id());
        }
        if (last) {
            JobHolds.handOn(spooled, target.actions());
        }
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(spooled, target.authority(), target.printers()));
    }

    @Override
    public void closeJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        if (job.phase() != Phase.RECEIVING) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is already closed");
        }
        SpoolJob closed = target.jobs().update(job.id(), current -> current.bytes() >= 0
                ? JobHolds.documentComplete(current)
                : current.inPhase(Phase.COMPLETED, "closed without a document")).orElseThrow();
        if (closed.phase() == Phase.SPOOLED || closed.phase() == Phase.HELD) {
            JobHolds.handOn(closed, target.actions());
        } else if (closed.ticketId() != 0) {
            target.actions().cancel(closed);
        }
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(closed, target.authority(), target.printers()));
    }

    @Override
    public void cancelJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        // Is the job still cancelable (RFC 8011 §4.3.3)?
        if (job.phase().isFinal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is already " + job.phase().jobState().getName());
        }
        target.actions().cancel(job);
    }

    /** Hold-Job (RFC 8011 §4.3.5): job-hold-until in the operation group, indefinite when absent. */
    static void holdJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        String until = request.operationValue(Types.jobHoldUntil).map(String::valueOf).orElse(JobHoldUntil.indefinite);
        if (until.equals(JobHoldUntil.noHold) || !HoldUntil.SUPPORTED.contains(until)) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "job-hold-until " + until + " is not supported");
        }
        SpoolJob held = JobHolds.hold(job, until, target.jobs());
        target.actions().held(held);
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(held, target.authority(), target.printers()));
    }

    /** Release-Job (RFC 8011 §4.3.6): a held job goes on to print. */
    static void releaseJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob released = JobHolds.release(ownedJob(target, request), target.jobs());
        if (released.phase() == Phase.SPOOLED) {
            target.actions().spooled(released);
        } else if (released.phase() == Phase.RECEIVING && released.ticketId() == 0) {
            target.actions().created(released);
        }
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(released, target.authority(), target.printers()));
    }

    /**
     * Set-Job-Attributes (RFC 3380 §3.2) of job-hold-until, as CUPS's {@code lp -i JOB -H hold}
     * and {@code -H resume} send it: a hold keyword holds, no-hold releases. Nothing else is
     * settable (job-settable-attributes-supported).
     */
    static void setJobAttributes(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        var changes = request.group(Tag.jobAttributes).orElseThrow(
                () -> new IppException(Status.clientErrorBadRequest, "Set-Job-Attributes without job attributes"));
        for (var attribute : changes) {
            if (!attribute.getName().equals(Types.jobHoldUntil.getName())) {
                response.unsupported(attribute);
                throw new IppException(Status.clientErrorAttributesNotSettable, attribute.getName() + " cannot be changed");
            }
        }
        String until = IppRequest.value(changes, Types.jobHoldUntil).map(String::valueOf).orElse(JobHoldUntil.noHold);
        if (!HoldUntil.SUPPORTED.contains(until)) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "job-hold-until " + until + " is not supported");
        }
        if (until.equals(JobHoldUntil.noHold)) {
            releaseJob(target, request, response);
        } else {
            SpoolJob held = JobHolds.hold(job, until, target.jobs());
            target.actions().held(held);
            response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(held, target.authority(), target.printers()));
        }
    }

    /**
     * Restart-Job (RFC 8011 §4.3.7): never possible here. A job that has not ended needs no
     * restart, and an ended job's document was removed from the spool when it ended (the spool
     * keeps no copies), so there is nothing to print again: the user prints it anew.
     */
    static void restartJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        if (!job.phase().isFinal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + job.phase().jobState().getName()
                    + "; only an ended job could be restarted");
        }
        throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " has ended and its document is no longer"
                + " kept on this computer; print it again instead");
    }

    /** Printgate-Move-Job: {@code job-printer-uri} names the local printer to move to. */
    static void moveJob(JobTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = ownedJob(target, request);
        URI to = request.group(Tag.jobAttributes).flatMap(g -> IppRequest.value(g, Types.jobPrinterUri))
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "job-printer-uri is missing"));
        String path = to.getPath() == null ? "" : to.getPath();
        String queue = path.startsWith(LocalPrinter.PATH_PREFIX) ? path.substring(LocalPrinter.PATH_PREFIX.length()) : "";
        if (target.printers().get(queue).isEmpty()) {
            throw new IppException(Status.clientErrorNotFound, "no printer at " + to);
        }
        // Can it still move? A job that is printing or done stays where it is.
        if (job.phase() == Phase.PRINTING || job.phase().isFinal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + job.phase().jobState().getName()
                    + " and cannot move");
        }
        SpoolJob moved = target.actions().move(job, queue);
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(moved, target.authority(), target.printers()));
    }

    /** The job the request addresses, if it comes from the job's owner. */
    private static SpoolJob ownedJob(JobTarget target, IppRequest request) {
        requireOwner(target.job(), request);
        return target.job();
    }

    /** Only the owner (or an operator) changes a job; the owner is the local account behind the connection. */
    private static void requireOwner(SpoolJob job, IppRequest request) {
        if (!Callers.of(request).mayTouch(job.user(), request)) {
            throw new IppException(Status.clientErrorNotAuthorized, "job " + job.id() + " belongs to another user");
        }
    }
}
