package org.printgate.engine.ipp;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.protocol.PrintgateTypes;

/** Operations on one ticket, {@code /ipp/job/<id>} (docs/ticket-protocol.md §6.4, §6.6-6.8, §6.10). */
final class JobOperations {
    static final OperationTable<Targets.JobTarget> TABLE = OperationTable.<Targets.JobTarget>builder()
            .on(Operation.setJobAttributes, JobOperations::setJobAttributes)
            .on(Operation.acknowledgeJob, JobOperations::acknowledgeJob)
            .on(Operation.updateJobStatus, JobOperations::updateJobStatus)
            .on(Operation.cancelJob, JobOperations::cancelJob)
            .on(Operation.getJobAttributes, JobOperations::getJobAttributes)
            .on(PrintgateTypes.moveJob, JobOperations::moveJob)
            .build();

    private JobOperations() {}

    /** May this credential see the job at all? Others' jobs do not exist for it (§2.5). */
    static boolean maySee(Credential credential, Ticket ticket) {
        return credential.isOperator() || ticket.holder().equals(credential.name()) || credential.mayActAs(ticket.user());
    }

    /** Job details (3-6..3-8): the size, and the ticket joins the queue. */
    static void setJobAttributes(Targets.JobTarget target, IppRequest request, IppResponse response) {
        AttributeGroup job = request.group(Tag.jobAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no job attributes"));
        long kOctets = IppRequest.value(job, Types.jobKOctets)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "job-k-octets is missing"));
        int impressions = IppRequest.value(job, Types.jobImpressions).orElse(-1);
        if (kOctets < 0 || impressions < -1) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "sizes must not be negative");
        }
        Ticket ticket = target.ticket();
        TicketBook book = target.engine().book();
        target.engine().apply(() -> book.details(ticket.jobId(), holderOf(target), kOctets, impressions));
        response.group(Tag.jobAttributes).putAll(EngineJobAttributes.summaryWithPlace(ticket, target.base(), book));
    }

    /** The explicit confirm of a go-ahead (6-4), or a decline with fetch-status-code (6-9). */
    static void acknowledgeJob(Targets.JobTarget target, IppRequest request, IppResponse response) {
        Ticket ticket = target.ticket();
        TicketBook book = target.engine().book();
        var declined = request.operationValue(Types.fetchStatusCode);
        if (declined.isEmpty()) {
            target.engine().apply(() -> book.confirm(ticket.jobId(), holderOf(target)));
            return;
        }
        String message = request.operationValue(Types.fetchStatusMessage).map(t -> t.getValue()).orElse("");
        // A client error means the job itself is unusable; anything else: not now, try again later.
        Report report = declined.get().getCode() / 0x100 == 4 ? Report.FAILED : Report.GIVE_BACK;
        target.engine().apply(() -> book.report(ticket.jobId(), holderOf(target), report,
                ticket.impressionsCompleted(), List.of(), message));
    }

    /** Heartbeat, progress and endings (claim 2, 6-12..6-17). */
    static void updateJobStatus(Targets.JobTarget target, IppRequest request, IppResponse response) {
        AttributeGroup job = request.group(Tag.jobAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no job attributes"));
        int completed = IppRequest.value(job, Types.jobImpressionsCompleted)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "job-impressions-completed is missing"));
        if (completed < 0) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "job-impressions-completed < 0");
        }
        JobState state = IppRequest.value(job, Types.outputDeviceJobState).orElse(JobState.processing);
        List<String> reasons = job.get(Types.outputDeviceJobStateReasons.getName()) == null ? List.of()
                : job.getValues(Types.outputDeviceJobStateReasons);
        String message = IppRequest.value(job, Types.outputDeviceJobStateMessage).map(t -> t.getValue()).orElse("");
        Report report = reportOf(state);
        Ticket ticket = target.ticket();
        TicketBook book = target.engine().book();
        target.engine().apply(() -> book.report(ticket.jobId(), holderOf(target), report, completed, reasons, message));
        // Only a client the engine wants to stop hears more than successful-ok (§6.7): one whose
        // long-poll broke still learns of the interrupt, and one whose give-back used up the
        // job's attempts learns that the engine ended it. Every other answer is the bare minimum,
        // as this is the message a job sends most (§13.1).
        if (ticket.state() == org.printgate.engine.ticket.TicketState.STOPPING || endedOtherwise(ticket, state)) {
            response.group(Tag.jobAttributes).putAll(List.of(Types.jobState.of(ticket.state().jobState()),
                    Types.jobStateReasons.of(ticket.reasons()), Types.jobStateMessage.of(ticket.message())));
        }
    }

    /** Did the engine end the job otherwise than the client reported (a give-back past the attempts)? */
    private static boolean endedOtherwise(Ticket ticket, JobState reported) {
        return ticket.state().isTerminal() && !ticket.state().jobState().equals(reported);
    }

    private static Report reportOf(JobState state) {
        if (state.equals(JobState.processing)) {
            return Report.PRINTING;
        } else if (state.equals(JobState.processingStopped)) {
            return Report.STOPPED;
        } else if (state.equals(JobState.pending)) {
            return Report.GIVE_BACK;
        } else if (state.equals(JobState.completed)) {
            return Report.COMPLETED;
        } else if (state.equals(JobState.aborted)) {
            return Report.FAILED;
        } else if (state.equals(JobState.canceled)) {
            return Report.CANCELED;
        }
        throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "output-device-job-state " + state);
    }

    /** Cancel by the user (fig. 4) or interrupt by an operator (fig. 5). */
    static void cancelJob(Targets.JobTarget target, IppRequest request, IppResponse response) {
        Ticket ticket = target.ticket();
        TicketBook book = target.engine().book();
        Credential credential = target.credential();
        boolean byOperator = credential.isOperator() && !ticket.holder().equals(credential.name());
        target.engine().apply(() -> book.cancel(ticket.jobId(), credential.name(), byOperator));
    }

    /** Printgate-Move-Job (fig. 7, 7-8..7-13): the job keeps its id and its age on the new queue. */
    static void moveJob(Targets.JobTarget target, IppRequest request, IppResponse response) {
        AttributeGroup job = request.group(Tag.jobAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no job attributes"));
        java.net.URI destination = IppRequest.value(job, Types.jobPrinterUri)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "job-printer-uri is missing"));
        String path = destination.getPath() == null ? "" : destination.getPath();
        if (!path.startsWith("/ipp/print/")) {
            throw new IppException(Status.clientErrorNotFound, "no queue at " + destination);
        }
        String queue = path.substring("/ipp/print/".length());
        Ticket ticket = target.ticket();
        TicketBook book = target.engine().book();
        try {
            target.engine().apply(() -> book.move(ticket.jobId(), holderOf(target), queue));
        } catch (IppException e) {
            if (e.status().equals(Status.clientErrorNotAuthorized)) {
                target.base().offerAllowedPrinters(book, ticket.user(), response);
            }
            throw e;
        }
        response.group(Tag.jobAttributes).putAll(EngineJobAttributes.summary(ticket, target.base()));
        response.group(Tag.jobAttributes).add(Types.jobPrinterUri.of(target.base().queue(ticket.queue())));
    }

    static void getJobAttributes(Targets.JobTarget target, IppRequest request, IppResponse response) {
        List<String> requested = request.operationValues(Types.requestedAttributes);
        var group = response.group(Tag.jobAttributes);
        EngineJobAttributes.of(target.ticket(), target.base(), target.engine().book()).stream()
                .filter(a -> requested.isEmpty() || requested.contains("all") || requested.contains(a.getName()))
                .forEach(group::add);
    }

    /** The holder the request acts as: the job's own holder for operators, the credential otherwise. */
    private static String holderOf(Targets.JobTarget target) {
        return target.credential().isOperator() ? target.ticket().holder() : target.credential().name();
    }
}
