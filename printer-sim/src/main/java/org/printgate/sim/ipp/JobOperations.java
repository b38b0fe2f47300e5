package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.printer.EverywhereJobOperations;
import org.printgate.sim.job.DocumentPipe;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/**
 * The job operations of a simulated printer (RFC 8011 §4.3, PWG 5100.5 Close-Job, RFC 3380
 * Set-Job-Attributes). As Cancel-Job, Hold-Job and Release-Job are anyone's who can reach the
 * printer: a lab printer without accounts.
 */
final class JobOperations implements EverywhereJobOperations<JobOperations.JobTarget> {
    /** multiple-operation-time-out: how long a Create-Job waits for its document. */
    static final int MULTIPLE_OPERATION_TIME_OUT_SECONDS = 120;

    static final OperationTable<JobTarget> TABLE = new JobOperations().tableBuilder()
            .on(Operation.holdJob, JobOperations::holdJob)
            .on(Operation.releaseJob, JobOperations::releaseJob)
            .on(Operation.restartJob, JobOperations::restartJob)
            .on(Operation.setJobAttributes, JobOperations::setJobAttributes)
            .build();

    private JobOperations() {}

    /** A job as addressed by one request. */
    record JobTarget(SimPrinter printer, Job job, URI printerUri) {}

    @Override
    public void getJobAttributes(JobTarget target, IppRequest request, IppResponse response) {
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of("all"));
        wanted.copy(JobAttributes.of(target.job(), target.printerUri(), target.printer()), response.group(Tag.jobAttributes));
    }

    @Override
    public void cancelJob(JobTarget target, IppRequest request, IppResponse response) {
        Job job = target.job();
        // Is the job still cancelable (RFC 8011 §4.3.3)?
        if (job.isTerminal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is already " + job.state().getName());
        }
        target.printer().cancel(job, "job-canceled-by-user");
    }

    @Override
    public void sendDocument(JobTarget target, IppRequest request, IppResponse response) throws IOException {
        Job job = target.job();
        boolean last = request.operationValue(Types.lastDocument)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "last-document is missing"));
        // Is the job still waiting for its document? (A held job may have it: it prints when released.)
        if (job.isTerminal() || (job.pipe() == null && !job.state().equals(JobState.pending)
                && !job.state().equals(JobState.pendingHeld))) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " takes no more documents");
        }
        String format = request.operationValue(Types.documentFormat).orElse(job.documentFormat());
        if (!target.printer().spec().documentFormatSupported().contains(format)) {
            throw new IppException(Status.clientErrorDocumentFormatNotSupported, format + " is not supported");
        }
        job.documentFormat(format);
        DocumentPipe pipe = job.pipe() != null ? job.pipe() : target.printer().startIppJob(job);
        if (!DocumentIntake.receiveOrAbort(request, target.printer(), job, pipe)) {
            return;
        }
        if (last) {
            pipe.close();
        }
        response.group(Tag.jobAttributes).putAll(JobAttributes.summary(job, target.printerUri(), target.printer()));
    }

    @Override
    public void closeJob(JobTarget target, IppRequest request, IppResponse response) {
        Job job = target.job();
        if (job.pipe() != null) {
            job.pipe().close();
        } else {
            target.printer().closeEmptyJob(job);
        }
        response.group(Tag.jobAttributes).putAll(JobAttributes.summary(job, target.printerUri(), target.printer()));
    }

    /**
     * Hold-Job (RFC 8011 §4.3.5): a pending IPP job the engine has not taken waits, pending-held,
     * until Release-Job; the jobs behind it go on. Held indefinitely, whatever job-hold-until asks.
     */
    static void holdJob(JobTarget target, IppRequest request, IppResponse response) {
        Job job = target.job();
        // Is the job still pending, and not yet the engine's?
        if (!target.printer().hold(job)) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + job.state().getName()
                    + (job.state().equals(JobState.pending) ? " and next on the engine" : "") + "; only a pending IPP job can be held");
        }
        request.operationValue(Types.jobHoldUntil).filter(until -> !"indefinite".equals(until.getKeyword())).ifPresent(until -> {
            response.unsupported(Types.jobHoldUntil.of(until));
            response.respond(Status.successfulOkIgnoredOrSubstitutedAttributes, "held indefinitely, until Release-Job");
        });
    }

    /** Release-Job (RFC 8011 §4.3.6): the held job is pending again and takes its turn behind the jobs queued meanwhile. */
    static void releaseJob(JobTarget target, IppRequest request, IppResponse response) {
        Job job = target.job();
        // Is the job held?
        if (!target.printer().release(job)) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + job.state().getName() + ", not held");
        }
    }

    /** Restart-Job (RFC 8011 §4.3.7, deprecated): the simulator keeps no document once a job has ended, so it cannot. */
    static void restartJob(JobTarget target, IppRequest request, IppResponse response) {
        throw new IppException(Status.clientErrorNotPossible, "job " + target.job().id()
                + " cannot be restarted: a simulated printer keeps no document after its job; send the job again");
    }

    /** Set-Job-Attributes (RFC 3380 §4.2): job-settable-attributes-supported is none, so every attribute is refused. */
    static void setJobAttributes(JobTarget target, IppRequest request, IppResponse response) {
        Job job = target.job();
        // Has the job ended? Then nothing of it can change (RFC 3380 §4.2: client-error-not-possible).
        if (job.isTerminal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + job.state().getName());
        }
        var changes = request.group(Tag.jobAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "Set-Job-Attributes without job attributes"));
        changes.forEach(response::unsupported);
        throw new IppException(Status.clientErrorAttributesNotSettable,
                "no attribute of a simulated job can be set (job-settable-attributes-supported: none)");
    }
}
