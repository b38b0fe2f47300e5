package org.printgate.spooler.forward;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterStateReason;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import kotlin.ranges.IntRange;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards to an IPP printer: Create-Job with the user's job template, then Send-Document
 * streaming the spool file, then Get-Job-Attributes until the job ends (RFC 8011 §4.2-4.3). A
 * printer that answers Create-Job with {@code server-error-operation-not-supported} (Create-Job
 * is only RECOMMENDED) gets one Print-Job instead.
 * Progress is {@code job-impressions-completed}. A resumed job asks for {@code page-ranges}
 * when the printer takes them, else sends the document cut at page N.
 */
public final class IppForwarder implements Forwarder {
    private static final Logger log = LoggerFactory.getLogger(IppForwarder.class);

    private final IppClient client;
    private final PageCounter counter;
    private final ForwardedBytes forwarded;
    private final Duration pollEvery;
    private final Duration settleWithin;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "ipp-forward-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requestIds = new AtomicInteger(1);

    /**
     * @param client the spooler's one IPP client (its connections and threads are shared)
     * @param pollEvery how often a printing job's progress is asked for
     * @param settleWithin how long to wait, after a crash, for the printer to finish an earlier attempt
     */
    public IppForwarder(IppClient client, PageCounter counter, Duration pollEvery, Duration settleWithin) {
        this(client, counter, pollEvery, settleWithin, new ForwardedBytes());
    }

    /** @param forwarded where the document bytes sent are counted */
    public IppForwarder(IppClient client, PageCounter counter, Duration pollEvery, Duration settleWithin,
                        ForwardedBytes forwarded) {
        this.forwarded = forwarded;
        this.counter = counter;
        // No request timeout on document uploads: a printer reads as fast as it prints.
        this.client = client.withRequestTimeout(Duration.ofDays(1));
        this.pollEvery = pollEvery;
        this.settleWithin = settleWithin;
    }

    @Override
    public ForwardOutcome forward(ForwardRequest request, ForwardProgress progress) throws InterruptedException {
        boolean byRanges = request.fromPage() > 1 && request.pageRangesSupported();
        // The page counter too: if the printer drops off the network mid-job, it is the only witness.
        long counterBefore = counter.read(request.snmp()).count();
        int printerJobId;
        try {
            IppPacket created = client.send(request.device(), newJob(Operation.createJob, request, byRanges));
            if (created.getStatus().equals(Status.serverErrorOperationNotSupported)) {
                // An older or simpler printer: the job and its document in one Print-Job.
                return printJob(request, progress, byRanges, counterBefore);
            }
            if (created.getStatus().getCode() >= 0x0400) {
                return refusal(created, 0);
            }
            printerJobId = atPrinter(created, request, progress, counterBefore);
        } catch (IOException e) {
            // The JDK's connect failures often carry no message ("cannot be reached: null" reached users).
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return ForwardOutcome.failed(0, request.device() + " cannot be reached: " + why, List.of(PrinterStateReason.connectingToDevice));
        }
        Progress seen = new Progress();
        var poller = poll(request, printerJobId, seen, progress);
        try {
            try (InputStream document = documentFrom(request, byRanges)) {
                IppPacket sent = client.send(request.device(), sendDocument(request, printerJobId), document);
                if (sent.getStatus().getCode() >= 0x0400) {
                    return refusal(sent, seen.pages.get());
                }
            } catch (IOException e) {
                if (progress.canceled()) {
                    return cancelAt(request.device(), printerJobId, seen.pages.get());
                }
                int out = pagesOut(request, printerJobId, counterBefore, Duration.ofSeconds(5), seen.pages.get());
                return ForwardOutcome.failed(out, "sending to " + request.device() + " failed: " + e.getMessage(),
                        List.of(PrinterStateReason.connectingToDevice));
            }
            return awaitPrinted(request, progress, printerJobId, counterBefore, seen);
        } finally {
            poller.cancel(false);
        }
    }

    /**
     * Print-Job, for a printer without Create-Job: the printer's job exists only once its answer
     * comes, after the document, so progress is followed from then on.
     */
    private ForwardOutcome printJob(ForwardRequest request, ForwardProgress progress, boolean byRanges, long counterBefore)
            throws InterruptedException {
        progress.atPrinter("", counterBefore);
        IppPacket answer;
        try (InputStream document = documentFrom(request, byRanges)) {
            answer = client.send(request.device(), newJob(Operation.printJob, request, byRanges), document);
        } catch (IOException e) {
            // No job id to ask about: only the page counter can say how far it got.
            int out = Math.max(0, counter.settledSince(request.snmp(), counterBefore, request.expectedPages(),
                    pollEvery, Duration.ofSeconds(5)));
            if (progress.canceled()) {
                return new ForwardOutcome(ForwardOutcome.Result.CANCELED, out, "canceled", List.of());
            }
            return ForwardOutcome.failed(out, "sending to " + request.device() + " failed: " + e.getMessage(),
                    List.of(PrinterStateReason.connectingToDevice));
        }
        if (answer.getStatus().getCode() >= 0x0400) {
            return refusal(answer, 0);
        }
        int printerJobId = atPrinter(answer, request, progress, counterBefore);
        Progress seen = new Progress();
        var poller = poll(request, printerJobId, seen, progress);
        try {
            return awaitPrinted(request, progress, printerJobId, counterBefore, seen);
        } finally {
            poller.cancel(false);
        }
    }

    /** The printer's job from a job-creating answer, written down for after a crash; its job id. */
    private static int atPrinter(IppPacket answer, ForwardRequest request, ForwardProgress progress, long counterBefore) {
        AttributeGroup job = answer.get(Tag.jobAttributes);
        int printerJobId = job.getValue(Types.jobId);
        URI jobUri = job.getValue(Types.jobUri);
        progress.atPrinter(jobUri == null ? request.device() + "/" + printerJobId : jobUri.toString(), counterBefore);
        return printerJobId;
    }

    private InputStream documentFrom(ForwardRequest request, boolean byRanges) throws IOException {
        return forwarded.counting(ResumableDocument.from(request.document(), request.format(), byRanges ? 1 : request.fromPage()));
    }

    /** What the poller has seen of the printer's job. */
    private static final class Progress {
        final AtomicInteger pages = new AtomicInteger();
        final AtomicReference<JobState> state = new AtomicReference<>(JobState.pending);
        final AtomicReference<List<String>> reasons = new AtomicReference<>(List.of());
        final AtomicReference<String> message = new AtomicReference<>("");
        final AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
    }

    private java.util.concurrent.ScheduledFuture<?> poll(ForwardRequest request, int printerJobId, Progress seen,
                                                         ForwardProgress progress) {
        return pollers.scheduleWithFixedDelay(() -> pollOnce(request.device(), printerJobId, seen, progress),
                pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The printer has the whole document: wait for it to come out, be canceled, or fail. */
    private ForwardOutcome awaitPrinted(ForwardRequest request, ForwardProgress progress, int printerJobId,
                                        long counterBefore, Progress seen) throws InterruptedException {
        while (true) {
            if (progress.canceled()) {
                return cancelAt(request.device(), printerJobId, seen.pages.get());
            }
            JobState now = seen.state.get();
            // A printer that stops answering has dropped off the network or been switched off.
            if (System.nanoTime() - seen.lastAnswer.get() > unreachableAfter().toNanos()) {
                int out = pagesOut(request, printerJobId, counterBefore, Duration.ofSeconds(2), seen.pages.get());
                return ForwardOutcome.failed(out, request.device() + " stopped answering", List.of("offline"));
            }
            if (now.equals(JobState.completed)) {
                return ForwardOutcome.completed(seen.pages.get());
            }
            if (now.equals(JobState.aborted) && documentTrouble(seen.reasons.get())) {
                // The printer cannot print this document (RFC 8011 job-state-reasons): sending it
                // again would end the same way, so the job ends with the printer's reasons.
                String why = seen.message.get().isEmpty() ? "" : ": " + seen.message.get();
                return new ForwardOutcome(ForwardOutcome.Result.REFUSED, seen.pages.get(), "the printer could not print"
                        + " the document (" + String.join(", ", seen.reasons.get()) + ")" + why, seen.reasons.get());
            }
            if (now.equals(JobState.aborted) || now.equals(JobState.canceled)) {
                return ForwardOutcome.failed(seen.pages.get(), "the printer " + now.getName() + " the job", seen.reasons.get());
            }
            synchronized (seen.state) {
                seen.state.wait(pollEvery.toMillis());
            }
        }
    }

    @Override
    public int pagesOfEarlierAttempt(ForwardRequest request, String printerJobUri, long pageCounterBefore)
            throws InterruptedException {
        String id = printerJobUri.substring(printerJobUri.lastIndexOf('/') + 1);
        if (!id.matches("[0-9]{1,9}")) {
            // A Print-Job cut short: the printer never named its job, so only its counter can tell.
            return counter.settledSince(request.snmp(), pageCounterBefore, request.expectedPages(), pollEvery, settleWithin);
        }
        int printerJobId = Integer.parseInt(id);
        try {
            // A job still waiting for the rest of its document would wait for minutes: end it now.
            client.send(request.device(), request(Operation.cancelJob, request.device(), printerJobId, List.of()));
        } catch (IOException e) {
            log.info("{} job {}: could not cancel the earlier attempt: {}", request.device(), printerJobId, e.toString());
        }
        return pagesOut(request, printerJobId, pageCounterBefore, settleWithin, -1);
    }

    /**
     * How many pages of the printer's job came out: its job-impressions-completed once it has
     * ended; when the printer cannot be asked over IPP (offline), its page counter since the
     * attempt began (seed 001); else {@code lastSeen}.
     */
    private int pagesOut(ForwardRequest request, int printerJobId, long counterBefore, Duration within, int lastSeen)
            throws InterruptedException {
        int byIpp = settle(request.device(), printerJobId, within, Integer.MIN_VALUE);
        if (byIpp != Integer.MIN_VALUE) {
            return byIpp;
        }
        int byCounter = counter.settledSince(request.snmp(), counterBefore, request.expectedPages(),
                pollEvery, within);
        return byCounter >= 0 ? byCounter : lastSeen;
    }

    /** Waits for the printer's job to end; its job-impressions-completed, or {@code otherwise}. */
    private int settle(URI device, int printerJobId, Duration within, int otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int known = otherwise;
        do {
            try {
                AttributeGroup job = jobAttributes(device, printerJobId);
                if (job == null) {
                    return known;
                }
                Integer done = job.getValue(Types.jobImpressionsCompleted);
                known = done == null ? known : done;
                JobState state = job.getValue(Types.jobState);
                if (state != null && state.getCode() >= JobState.canceled.getCode()) {
                    return known;
                }
            } catch (IOException e) {
                log.debug("{} job {}: not answering yet: {}", device, printerJobId, e.toString());
            }
            Thread.sleep(pollEvery.toMillis());
        } while (System.nanoTime() < deadline);
        return known;
    }

    private void pollOnce(URI device, int printerJobId, Progress seen, ForwardProgress progress) {
        try {
            AttributeGroup job = jobAttributes(device, printerJobId);
            seen.lastAnswer.set(System.nanoTime());
            if (job == null) {
                return;
            }
            Integer done = job.getValue(Types.jobImpressionsCompleted);
            if (done != null && done > seen.pages.get()) {
                seen.pages.set(done);
                progress.pages(done);
            }
            // Reasons and message first: whoever sees the new state reads them with it.
            seen.reasons.set(job.get(Types.jobStateReasons.getName()) == null ? List.of() : job.getValues(Types.jobStateReasons));
            var message = job.getValue(Types.jobStateMessage);
            seen.message.set(message == null ? "" : message.getValue());
            JobState now = job.getValue(Types.jobState);
            if (now != null) {
                seen.state.set(now);
            }
        } catch (IOException e) {
            log.debug("{} job {}: progress not available: {}", device, printerJobId, e.toString());
        } finally {
            synchronized (seen.state) {
                seen.state.notifyAll();
            }
        }
    }

    /** Ten progress polls without an answer, and at least five seconds. */
    private Duration unreachableAfter() {
        Duration tenPolls = pollEvery.multipliedBy(10);
        return tenPolls.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : tenPolls;
    }

    private AttributeGroup jobAttributes(URI device, int printerJobId) throws IOException {
        IppPacket answer = client.send(device, request(Operation.getJobAttributes, device, printerJobId, List.of(
                Types.requestedAttributes.of(Types.jobState.getName(), Types.jobImpressionsCompleted.getName(),
                        Types.jobStateReasons.getName(), Types.jobStateMessage.getName()))));
        return answer.getStatus().getCode() >= 0x0400 ? null : answer.get(Tag.jobAttributes);
    }

    private ForwardOutcome cancelAt(URI device, int printerJobId, int pages) {
        try {
            client.send(device, request(Operation.cancelJob, device, printerJobId, List.of()));
        } catch (IOException e) {
            log.info("{} job {}: could not cancel at the printer: {}", device, printerJobId, e.toString());
        }
        return new ForwardOutcome(ForwardOutcome.Result.CANCELED, pages, "canceled", List.of());
    }

    /** job-state-reasons that say the document itself cannot be printed (RFC 8011 §5.3.8, PWG 5100.7). */
    private static final java.util.Set<String> DOCUMENT_TROUBLE = java.util.Set.of(JobStateReason.documentFormatError,
            JobStateReason.documentUnprintableError, JobStateReason.documentAccessError, JobStateReason.documentPasswordError,
            JobStateReason.documentPermissionError, JobStateReason.documentSecurityError, JobStateReason.unsupportedDocumentFormat);

    private static boolean documentTrouble(List<String> reasons) {
        return reasons.stream().anyMatch(DOCUMENT_TROUBLE::contains);
    }

    /** A printer's error status: busy and service trouble are worth another try, the rest is the document's. */
    private static ForwardOutcome refusal(IppPacket answer, int pages) {
        Status status = answer.getStatus();
        String message = answer.getString(Tag.operationAttributes, Types.statusMessage);
        String error = status.getName() + (message == null ? "" : ": " + message);
        if (status.getCode() >= 0x0500) {
            return ForwardOutcome.failed(pages, error, List.of());
        }
        return new ForwardOutcome(ForwardOutcome.Result.REFUSED, pages, error, reasonsOf(status));
    }

    /** The job-state-reasons a refusal of the document stands for, told to the engine with the ending (6-15). */
    private static List<String> reasonsOf(Status status) {
        if (status.equals(Status.clientErrorDocumentFormatNotSupported)) {
            return List.of(JobStateReason.unsupportedDocumentFormat);
        } else if (status.equals(Status.clientErrorDocumentFormatError)) {
            return List.of(JobStateReason.documentFormatError);
        } else if (status.equals(Status.clientErrorDocumentUnprintableError)) {
            return List.of(JobStateReason.documentUnprintableError);
        } else if (status.equals(Status.clientErrorDocumentAccessError)) {
            return List.of(JobStateReason.documentAccessError);
        }
        return List.of(JobStateReason.abortedBySystem);
    }

    /** Create-Job, or Print-Job with the document format (its document follows in the same request). */
    private IppPacket newJob(Operation kind, ForwardRequest request, boolean byRanges) {
        List<Attribute<?>> operation = new ArrayList<>(base(request.device()));
        operation.add(Types.requestingUserName.of(request.user()));
        operation.add(Types.jobName.of(request.jobName()));
        if (kind.equals(Operation.printJob)) {
            operation.add(Types.documentFormat.of(request.format()));
        }
        List<Attribute<?>> job = new ArrayList<>(request.template());
        if (byRanges) {
            job.removeIf(a -> a.getName().equals(Types.pageRanges.getName()));
            job.add(Types.pageRanges.of(new IntRange(request.fromPage(), Integer.MAX_VALUE)));
        }
        if (request.copies() > 1) {
            // The printer makes the copies (collated, as IPP's copies are): its impressions count them all.
            job.add(Types.copies.of(request.copies()));
        }
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, operation)));
        if (!job.isEmpty()) {
            groups.add(AttributeGroup.groupOf(Tag.jobAttributes, job));
        }
        return new IppPacket(0x0200, kind.getCode(), requestIds.getAndIncrement(), groups);
    }

    private IppPacket sendDocument(ForwardRequest request, int printerJobId) {
        return request(Operation.sendDocument, request.device(), printerJobId, List.of(
                Types.requestingUserName.of(request.user()), Types.documentFormat.of(request.format()),
                Types.lastDocument.of(true)));
    }

    private IppPacket request(Operation operation, URI device, int printerJobId, List<Attribute<?>> more) {
        List<Attribute<?>> attributes = new ArrayList<>(base(device));
        attributes.add(Types.jobId.of(printerJobId));
        attributes.addAll(more);
        return new IppPacket(0x0200, operation.getCode(), requestIds.getAndIncrement(),
                List.of(AttributeGroup.groupOf(Tag.operationAttributes, attributes)));
    }

    private static List<Attribute<?>> base(URI device) {
        return List.of(Types.attributesCharset.of(ExtraTypes.charsetUtf8), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(device));
    }
}
