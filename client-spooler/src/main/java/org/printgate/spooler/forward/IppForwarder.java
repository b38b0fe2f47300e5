package org.printgate.spooler.forward;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
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
import org.printgate.ipp.IppClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards to an IPP printer: Create-Job with the user's job template, then Send-Document
 * streaming the spool file, then Get-Job-Attributes until the job ends (RFC 8011 §4.2-4.3).
 * Progress is {@code job-impressions-completed}. A resumed job asks for {@code page-ranges}
 * when the printer takes them, else sends the document cut at page N.
 */
public final class IppForwarder implements Forwarder {
    private static final Logger log = LoggerFactory.getLogger(IppForwarder.class);

    private final IppClient client;
    private final PageCounter counter;
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
            IppPacket created = client.send(request.device(), createJob(request, byRanges));
            if (created.getStatus().getCode() >= 0x0400) {
                return refusal(created, 0);
            }
            AttributeGroup job = created.get(Tag.jobAttributes);
            printerJobId = job.getValue(Types.jobId);
            URI jobUri = job.getValue(Types.jobUri);
            progress.atPrinter(jobUri == null ? request.device() + "/" + printerJobId : jobUri.toString(), counterBefore);
        } catch (IOException e) {
            return ForwardOutcome.failed(0, request.device() + " cannot be reached: " + e.getMessage(), List.of("connecting-to-device"));
        }
        AtomicInteger pages = new AtomicInteger();
        AtomicReference<JobState> state = new AtomicReference<>(JobState.pending);
        AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
        var poller = pollers.scheduleWithFixedDelay(() -> pollOnce(request.device(), printerJobId, pages, state, progress,
                        lastAnswer),
                pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try (InputStream document = byRanges ? ResumableDocument.from(request.document(), request.format(), 1)
                    : ResumableDocument.from(request.document(), request.format(), request.fromPage())) {
                IppPacket sent = client.send(request.device(), sendDocument(request, printerJobId), document);
                if (sent.getStatus().getCode() >= 0x0400) {
                    return refusal(sent, pages.get());
                }
            } catch (IOException e) {
                if (progress.canceled()) {
                    return cancelAt(request.device(), printerJobId, pages.get());
                }
                int out = pagesOut(request, printerJobId, counterBefore, Duration.ofSeconds(5), pages.get());
                return ForwardOutcome.failed(out, "sending to " + request.device() + " failed: " + e.getMessage(),
                        List.of("connecting-to-device"));
            }
            // The printer has the whole document; wait for it to come out.
            while (true) {
                if (progress.canceled()) {
                    return cancelAt(request.device(), printerJobId, pages.get());
                }
                JobState now = state.get();
                // A printer that stops answering has dropped off the network or been switched off.
                if (System.nanoTime() - lastAnswer.get() > unreachableAfter().toNanos()) {
                    int out = pagesOut(request, printerJobId, counterBefore, Duration.ofSeconds(2), pages.get());
                    return ForwardOutcome.failed(out, request.device() + " stopped answering", List.of("offline"));
                }
                if (now.equals(JobState.completed)) {
                    return ForwardOutcome.completed(pages.get());
                }
                if (now.equals(JobState.aborted) || now.equals(JobState.canceled)) {
                    return ForwardOutcome.failed(pages.get(), "the printer " + now.getName() + " the job", List.of());
                }
                synchronized (state) {
                    state.wait(pollEvery.toMillis());
                }
            }
        } finally {
            poller.cancel(false);
        }
    }

    @Override
    public int pagesOfEarlierAttempt(ForwardRequest request, String printerJobUri, long pageCounterBefore)
            throws InterruptedException {
        String id = printerJobUri.substring(printerJobUri.lastIndexOf('/') + 1);
        if (!id.matches("[0-9]{1,9}")) {
            return -1;
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

    private void pollOnce(URI device, int printerJobId, AtomicInteger pages, AtomicReference<JobState> state,
                          ForwardProgress progress, AtomicLong lastAnswer) {
        try {
            AttributeGroup job = jobAttributes(device, printerJobId);
            lastAnswer.set(System.nanoTime());
            if (job == null) {
                return;
            }
            Integer done = job.getValue(Types.jobImpressionsCompleted);
            if (done != null && done > pages.get()) {
                pages.set(done);
                progress.pages(done);
            }
            JobState now = job.getValue(Types.jobState);
            if (now != null) {
                state.set(now);
            }
        } catch (IOException e) {
            log.debug("{} job {}: progress not available: {}", device, printerJobId, e.toString());
        } finally {
            synchronized (state) {
                state.notifyAll();
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
                Types.requestedAttributes.of("job-state", "job-impressions-completed", "job-state-reasons"))));
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

    /** A printer's error status: busy and service trouble are worth another try, the rest is the document's. */
    private static ForwardOutcome refusal(IppPacket answer, int pages) {
        Status status = answer.getStatus();
        String message = answer.getString(Tag.operationAttributes, Types.statusMessage);
        String error = status.getName() + (message == null ? "" : ": " + message);
        if (status.getCode() >= 0x0500) {
            return ForwardOutcome.failed(pages, error, List.of());
        }
        return new ForwardOutcome(ForwardOutcome.Result.REFUSED, pages, error, List.of());
    }

    private IppPacket createJob(ForwardRequest request, boolean byRanges) {
        List<Attribute<?>> operation = new ArrayList<>(base(request.device()));
        operation.add(Types.requestingUserName.of(request.user()));
        operation.add(Types.jobName.of(request.jobName()));
        List<Attribute<?>> job = new ArrayList<>(request.template());
        if (byRanges) {
            job.removeIf(a -> a.getName().equals(Types.pageRanges.getName()));
            job.add(Types.pageRanges.of(new IntRange(request.fromPage(), Integer.MAX_VALUE)));
        }
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, operation)));
        if (!job.isEmpty()) {
            groups.add(AttributeGroup.groupOf(Tag.jobAttributes, job));
        }
        return new IppPacket(0x0200, Operation.createJob.getCode(), requestIds.getAndIncrement(), groups);
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
        return List.of(Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(device));
    }
}
