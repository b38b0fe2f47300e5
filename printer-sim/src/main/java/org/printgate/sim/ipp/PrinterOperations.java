package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.printer.EverywherePrinterOperations;
import org.printgate.sim.job.DocumentPipe;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.DataPath;
import org.printgate.sim.printer.SimPrinter;

/**
 * The printer operations of a simulated IPP Everywhere printer (RFC 8011 §4.2, PWG 5100.14); the
 * operator's are {@link PrinterAdminOperations}, the subscriptions' ipp-server's.
 */
final class PrinterOperations implements EverywherePrinterOperations<PrinterOperations.PrinterTarget> {
    static final OperationTable<PrinterTarget> TABLE = new PrinterOperations().table();

    private static final Set<String> DEFAULT_JOB_LIST_ATTRIBUTES = Set.of("job-id", "job-uri");

    private PrinterOperations() {}

    /** A printer as addressed by one request: the printer, the URI the client used for it, its events. */
    record PrinterTarget(SimPrinter printer, URI printerUri, List<Operation> operations, PrinterEvents events) {}

    @Override
    public void getPrinterAttributes(PrinterTarget target, IppRequest request, IppResponse response) {
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of("all"));
        wanted.copy(PrinterAttributes.of(target.printer(), target.printerUri(), target.operations(),
                target.events().stateChangedAt()),
                response.group(Tag.printerAttributes));
    }

    @Override
    public void validateJob(PrinterTarget target, IppRequest request, IppResponse response) {
        checkJobCreation(target, request, response);
    }

    @Override
    public void printJob(PrinterTarget target, IppRequest request, IppResponse response) throws IOException {
        CreatedJob created = create(target, request, response);
        Job job = created.job();
        DocumentPipe pipe = target.printer().startIppJob(job);
        if (!DocumentIntake.receiveOrAbort(request, target.printer(), job, pipe)) {
            return;
        }
        pipe.close();
        response.group(Tag.jobAttributes).putAll(JobAttributes.summary(job, target.printerUri(), target.printer()));
    }

    @Override
    public void createJob(PrinterTarget target, IppRequest request, IppResponse response) {
        CreatedJob created = create(target, request, response);
        response.group(Tag.jobAttributes).putAll(
                JobAttributes.summary(created.job(), target.printerUri(), target.printer()));
    }

    @Override
    public void getJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        String which = request.operationValue(Types.whichJobs).orElse("not-completed");
        // Do we know this value of which-jobs?
        if (!List.of("completed", "not-completed", "all").contains(which)) {
            response.unsupported(Types.whichJobs.of(which));
            return;
        }
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        boolean myJobs = request.operationValue(Types.myJobs).orElse(false);
        String user = request.requestingUserName();
        RequestedAttributes wanted = RequestedAttributes.of(request, DEFAULT_JOB_LIST_ATTRIBUTES);
        List<Job> jobs = target.printer().jobs();
        // Newest first for completed jobs, oldest first for pending ones, as CUPS lists them.
        if (which.equals("completed")) {
            java.util.Collections.reverse(jobs);
        }
        int count = 0;
        for (Job job : jobs) {
            if (count >= limit) {
                break;
            }
            boolean done = job.isTerminal();
            if ((which.equals("completed") && !done) || (which.equals("not-completed") && done)) {
                continue;
            }
            if (myJobs && !job.user().equals(user)) {
                continue;
            }
            wanted.copy(JobAttributes.of(job, target.printerUri(), target.printer()), response.newGroup(Tag.jobAttributes));
            count++;
        }
    }

    @Override
    public void identifyPrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        List<String> actions = request.operationValues(Types.identifyActions);
        String message = request.operationValue(Types.message).map(text -> text.getValue()).orElse("");
        target.printer().identify((actions.isEmpty() ? "flash" : String.join(",", actions)) + " " + message);
    }

    /** Cancel-My-Jobs (PWG 5100.11 §4.2): the user's unfinished jobs, or those of job-ids. */
    @Override
    public void cancelMyJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        String user = request.requestingUserName();
        List<Integer> ids = request.operationValues(Types.jobIds);
        for (Job job : target.printer().jobs()) {
            if (job.isTerminal() || !job.user().equals(user) || (!ids.isEmpty() && !ids.contains(job.id()))) {
                continue;
            }
            target.printer().cancel(job, "job-canceled-by-user");
        }
    }

    /** What Print-Job and Create-Job have in common: the checks, then a new job. */
    private record CreatedJob(Job job) {}

    private static CreatedJob create(PrinterTarget target, IppRequest request, IppResponse response) {
        List<int[]> pageRanges = checkJobCreation(target, request, response);
        String name = request.operationValue(Types.jobName).map(n -> n.getValue())
                .or(() -> request.operationValue(Types.documentName).map(n -> n.getValue()))
                .orElse("untitled");
        String format = request.operationValue(Types.documentFormat).orElse("application/octet-stream");
        Job job = target.printer().createJob(DataPath.IPP, name, request.requestingUserName(), format);
        job.pageRanges(pageRanges);
        // What passed the checks is what prints: copies and sides of the request's job group.
        request.group(Tag.jobAttributes).ifPresent(group -> {
            IppRequest.value(group, Types.copies).filter(n -> n >= 1 && n <= JobTemplate.MAX_COPIES).ifPresent(job::copies);
            IppRequest.value(group, Types.sides).filter(s -> target.printer().spec().sidesSupported().contains(s))
                    .ifPresent(job::sides);
        });
        // job-hold-until indefinite: held before it reaches the engine, until Release-Job.
        request.group(Tag.jobAttributes).flatMap(group -> IppRequest.value(group, Types.jobHoldUntil))
                .filter(until -> JobTemplate.INDEFINITE.equals(until.getKeyword()))
                .ifPresent(until -> target.printer().hold(job));
        return new CreatedJob(job);
    }

    /** The checks of Validate-Job, Print-Job and Create-Job, in CUPS's order. */
    static List<int[]> checkJobCreation(PrinterTarget target, IppRequest request, IppResponse response) {
        SimPrinter printer = target.printer();
        // Is the printer taking jobs?
        if (printer.hardware().busy()) {
            throw new IppException(Status.serverErrorBusy, "the printer is busy");
        }
        // Has an operator disabled it (Disable-Printer)?
        if (!printer.acceptingJobs()) {
            throw new IppException(Status.serverErrorNotAcceptingJobs, printer.name() + " was disabled by its operator");
        }
        // Is the document in a format we print?
        String format = request.operationValue(Types.documentFormat).orElse("application/octet-stream");
        if (!printer.spec().documentFormatSupported().contains(format)) {
            response.group(Tag.unsupportedAttributes);
            response.unsupported(Types.documentFormat.of(format));
            throw new IppException(Status.clientErrorDocumentFormatNotSupported, format + " is not supported");
        }
        // Is it compressed in a way we can't read?
        request.operationValue(Types.compression).filter(c -> !c.equals("none")).ifPresent(c -> {
            throw new IppException(Status.clientErrorCompressionNotSupported, "compression " + c + " is not supported");
        });
        // Are the job template attributes ones we support?
        return JobTemplate.validate(request, printer, response);
    }
}
