package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import com.hp.jipp.model.WhichJobs;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.ipp.printer.EverywherePrinterOperations;
import org.printgate.spooler.identity.LocalCaller;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;
import org.printgate.spooler.spool.SpooledDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The printer operations of a local printer (RFC 8011 §4.2, PWG 5100.14, PWG 5100.11 Cancel-My-Jobs). */
final class LocalPrinterOperations implements EverywherePrinterOperations<LocalPrinterOperations.PrinterTarget> {
    private static final Logger log = LoggerFactory.getLogger(LocalPrinterOperations.class);

    static final OperationTable<PrinterTarget> TABLE = new LocalPrinterOperations().table();

    private LocalPrinterOperations() {}

    /** A local printer as one request addresses it; null printer: the server root (Get-Jobs of all printers). */
    record PrinterTarget(LocalPrinter printer, String authority, List<Operation> operations, LocalPrinters printers,
                         SpoolJobs jobs, JobActions actions, LocalSubscriptions subscriptions) {}

    @Override
    public void getPrinterAttributes(PrinterTarget target, IppRequest request, IppResponse response) {
        List<SpoolJob> live = target.jobs().live().stream().filter(j -> j.queue().equals(target.printer().name())).toList();
        boolean printing = live.stream().anyMatch(j -> j.phase() == Phase.PRINTING);
        LocalPrinterState state = LocalPrinterState.of(target.printer(), live.size(), printing, target.printers().controls());
        RequestedAttributes.of(request, Set.of("all")).copy(
                LocalPrinterAttributes.of(target.printer(), LocalJobAttributes.printerUri(target.authority(), target.printer().name()),
                        target.operations(), state, target.printers().stateChangeTime(target.printer().name()), yourJob(live, request)),
                response.group(Tag.printerAttributes));
    }

    /** "your job 12: 3rd in line", about the asking user's oldest job on the queue that has not ended; "" without one. */
    private static String yourJob(List<SpoolJob> live, IppRequest request) {
        LocalCaller caller = Callers.of(request);
        if (caller.account() == null) {
            return "";
        }
        String user = caller.user(request);
        return live.stream().filter(job -> job.ownedBy(user)).findFirst()
                .map(job -> "your job " + job.id() + ": " + job.message()).orElse("");
    }

    @Override
    public void validateJob(PrinterTarget target, IppRequest request, IppResponse response) {
        checkAccepting(target);
        documentFormat(target, request);
        DocumentSpooling.checkCompression(request);
        JobTemplateCheck.check(request, target.printer(), response);
    }

    @Override
    public void createJob(PrinterTarget target, IppRequest request, IppResponse response) {
        SpoolJob job = newJob(target, request, response);
        target.jobs().add(job);
        if (!job.held()) {
            // Asks for the ticket while the document comes; a held job asks for nothing until released.
            target.actions().created(job);
        }
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(job, target.authority(), target.printers()));
    }

    @Override
    public void printJob(PrinterTarget target, IppRequest request, IppResponse response) throws IOException {
        // Can we take the document apart? Asked before there is a job to leave behind.
        DocumentSpooling.checkCompression(request);
        SpoolJob job = newJob(target, request, response);
        SpooledDocument document = DocumentSpooling.write(target.jobs(), job.id(), request);
        // A document file is on disk before the journal names it: the journal never points at nothing.
        SpoolJob spooled = JobHolds.documentComplete(job.withDocument(job.format(), document.bytes()));
        target.jobs().add(spooled, document);
        JobHolds.handOn(spooled, target.actions());
        response.group(Tag.jobAttributes).putAll(LocalJobAttributes.summary(spooled, target.authority(), target.printers()));
    }

    @Override
    public void getJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        String which = request.operationValue(Types.whichJobs).orElse(WhichJobs.notCompleted);
        boolean mine = request.operationValue(Types.myJobs).orElse(false);
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        if (limit < 1) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "limit must be at least 1");
        }
        LocalCaller caller = Callers.of(request);
        String user = caller.user(request);
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of(Types.jobId.getName(), Types.jobUri.getName()));
        int listed = 0;
        for (SpoolJob job : target.jobs().all()) {
            boolean take = switch (which) {
                case WhichJobs.completed -> job.phase().isFinal();
                case WhichJobs.notCompleted -> !job.phase().isFinal();
                case WhichJobs.all -> true;
                default -> throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "which-jobs " + which);
            };
            boolean onPrinter = target.printer() == null || job.queue().equals(target.printer().name());
            if (!take || !onPrinter || mine && !job.ownedBy(user)) {
                continue;
            }
            if (listed++ == limit) {
                break;
            }
            wanted.copy(LocalJobAttributes.of(job, target.authority(), target.printers(), caller.mayTouch(job.user(), request)),
                    response.newGroup(Tag.jobAttributes));
        }
    }

    @Override
    public void cancelMyJobs(PrinterTarget target, IppRequest request, IppResponse response) {
        LocalCaller caller = Callers.of(request);
        List<Integer> named = request.operationValues(Types.jobIds);
        for (SpoolJob job : target.jobs().live()) {
            boolean chosen = named.isEmpty() ? job.queue().equals(target.printer().name()) : named.contains((int) job.id());
            if (chosen && caller.mayTouch(job.user(), request)) {
                target.actions().cancel(job);
            } else if (chosen) {
                // PWG 5100.11 §4.2: a named job that is not the user's is an error for the whole request.
                throw new IppException(Status.clientErrorNotAuthorized, "job " + job.id() + " is not yours");
            }
        }
    }

    /** Identify-Printer: passed on to the real printer when it speaks IPP; a socket printer cannot. */
    @Override
    public void identifyPrinter(PrinterTarget target, IppRequest request, IppResponse response) {
        LocalPrinter printer = target.printer();
        if (printer.byRawSocket()) {
            log.info("Identify-Printer for {}: a socket printer has no way to identify itself", printer.name());
            return;
        }
        IppPacket identify = new IppPacket(0x0200, Operation.identifyPrinter.getCode(), 1, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, List.<Attribute<?>>of(Types.attributesCharset.of(ExtraTypes.charsetUtf8),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer.deviceUri()),
                        Types.requestingUserName.of(Callers.of(request).user(request))))));
        DeviceRequests.sendInBackground(printer.deviceUri(), identify);
    }

    /**
     * Is the engine's queue taking jobs? A job taken here for a disabled queue could only be
     * refused later by the engine; cupsd refuses at once, and so do we (RFC 8011 §4.2.1.2).
     */
    private static void checkAccepting(PrinterTarget target) {
        // Disabled here by an operator of this computer (Disable-Printer)?
        if (target.printers().controls().isDisabled(target.printer().name())) {
            throw new IppException(Status.serverErrorNotAcceptingJobs,
                    target.printer().name() + " is not accepting jobs (disabled on this computer by an operator)");
        }
        if (!target.printer().accepting()) {
            throw new IppException(Status.serverErrorNotAcceptingJobs,
                    target.printer().name() + " is not accepting jobs (disabled by an operator)");
        }
    }

    private static SpoolJob newJob(PrinterTarget target, IppRequest request, IppResponse response) {
        checkAccepting(target);
        String format = documentFormat(target, request);
        JobTemplateCheck.Accepted accepted = JobTemplateCheck.check(request, target.printer(), response);
        int priority = request.group(Tag.jobAttributes).flatMap(g -> IppRequest.value(g, Types.jobPriority)).orElse(50);
        String name = request.operationValue(Types.jobName).map(n -> n.getValue())
                .or(() -> request.operationValue(Types.documentName).map(n -> n.getValue())).orElse("untitled");
        return SpoolJob.received(target.jobs().newId(), target.printer().name(), Callers.of(request).user(request), name,
                format, priority, TemplateCodec.encode(accepted.template()), System.currentTimeMillis(), accepted.holdUntil(),
                accepted.copies());
    }

    /** document-format, checked against what the real printer takes (octet-stream: the printer sniffs). */
    static String documentFormat(PrinterTarget target, IppRequest request) {
        String format = request.operationValue(Types.documentFormat).orElse("application/octet-stream");
        List<String> formats = target.printer().capability(Types.documentFormatSupported.getName()).strings();
        if (!format.equals("application/octet-stream") && !formats.contains(format)) {
            throw new IppException(Status.clientErrorDocumentFormatNotSupported, format + " is not supported by this printer");
        }
        return format;
    }
}
