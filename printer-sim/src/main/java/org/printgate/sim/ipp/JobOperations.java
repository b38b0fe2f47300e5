package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
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

/** The job operations of a simulated printer (RFC 8011 §4.3, PWG 5100.5 Close-Job). */
final class JobOperations implements EverywhereJobOperations<JobOperations.JobTarget> {
    /** multiple-operation-time-out: how long a Create-Job waits for its document. */
    static final int MULTIPLE_OPERATION_TIME_OUT_SECONDS = 120;

    static final OperationTable<JobTarget> TABLE = new JobOperations().tableBuilder().build();

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
        // Is the job still waiting for its document?
        if (job.isTerminal() || (job.pipe() == null && !job.state().equals(JobState.pending))) {
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
}
