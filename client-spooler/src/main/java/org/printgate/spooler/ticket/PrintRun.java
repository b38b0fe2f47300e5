package org.printgate.spooler.ticket;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.PrinterStateReason;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.protocol.client.TicketException;
import org.printgate.spooler.forward.ForwardOutcome;
import org.printgate.spooler.forward.ForwardProgress;
import org.printgate.spooler.forward.ForwardRequest;
import org.printgate.spooler.forward.Forwarder;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.spooler.local.PrinterTrouble;
import org.printgate.spooler.local.TemplateCodec;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's printing after its go-ahead: forwarding attempts from the checkpoint (the page after
 * the last one known to have come out), heartbeats with progress to the engine (claim 2), up to
 * {@code max-attempts} attempts with a wait between them (6-7, 6-8), then the ending — completed
 * (6-12), failed with the printer's error (6-9, 6-15), or, when the printer is down, the ticket
 * given back to resume from the checkpoint on the next go-ahead, on this printer or the one the
 * user moves the job to (seed 001). The heartbeats and the waits between attempts are timed by
 * the agent's {@link org.printgate.spooler.Scheduler}; the forwarding itself is real I/O on the
 * run's own thread.
 */
final class PrintRun implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PrintRun.class);

    private final long id;
    private final boolean recovering;
    private final TicketAgent agent;
    private final SpoolJobs jobs;
    private volatile boolean canceled;
    private volatile String interruptedBecause;
    private volatile boolean stopped;
    private volatile boolean requeue;
    /** The engine aborted the ticket for a reason of its own (attempts used up): the job ends aborted, with these. */
    private volatile List<String> abortedBecause;
    private final Object wakeUp = new Object();

    PrintRun(long id, boolean recovering, TicketAgent agent) {
        this.id = id;
        this.recovering = recovering;
        this.agent = agent;
        this.jobs = agent.jobs();
    }

    /** The user canceled: stop at the printer, then report canceled (fig. 4). */
    void cancel() {
        canceled = true;
        wake();
    }

    /**
     * The engine ended the ticket: stop at the printer. An operator's interrupt (fig. 5) ends the
     * job canceled, which confirms it; with {@code requeue} the job asks for a new ticket instead
     * and resumes from its checkpoint.
     */
    void interrupt(String why, boolean requeue) {
        interruptedBecause = why;
        this.requeue = requeue;
        canceled = true;
        wake();
    }

    /** The engine aborted the ticket (not for our silence): stop at the printer; the job ends aborted. */
    void abort(String why, List<String> reasons) {
        interruptedBecause = why;
        abortedBecause = List.copyOf(reasons);
        canceled = true;
        wake();
    }

    /** The spooler is shutting down: leave the job as it is, to be taken up after the restart. */
    void stop() {
        stopped = true;
        canceled = true;
        wake();
    }

    @Override
    public void run() {
        try {
            if (recovering && !recover()) {
                return;
            }
            attempts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("job {}: printing failed unexpectedly", id, e);
        }
    }

    /**
     * After a crash mid-attempt: how far the printer got, then the ticket back to the engine so
     * that printing resumes from there on the next go-ahead. Returns false when nothing is left.
     */
    private boolean recover() throws InterruptedException {
        SpoolJob job = jobs.get(id).orElseThrow();
        if (!job.printerJobUri().isEmpty() || job.pageCounterBefore() >= 0) {
            URI device = URI.create(job.deviceUri());
            int out;
            // The engine keeps hearing from us while the printer is asked how far it got.
            Repeating heartbeat = heartbeats(job, new AtomicInteger());
            try {
                out = agent.forwarderFor(device).pagesOfEarlierAttempt(request(job), job.printerJobUri(),
                        job.pageCounterBefore());
            } finally {
                heartbeat.cancel();
            }
            int done = Math.max(0, out);
            job = jobs.update(id, current -> current.checkpoint(current.pagesDone() + done)).orElseThrow();
            log.info("job {}: after the restart, {} more page(s) were found printed; {} in all", id, done, job.pagesDone());
        }
        if (job.pages() > 0 && job.pagesDone() >= job.impressions()) {
            finish(Phase.COMPLETED, "completed", "printed " + job.impressions() + " page(s) on " + job.queue());
            return false;
        }
        giveBack(List.of(), "the spooler restarted");
        return false;
    }

    private void attempts() throws InterruptedException {
        int maxAttempts = agent.config().maxAttempts();
        while (true) {
            SpoolJob job = jobs.get(id).orElseThrow();
            if (stopped) {
                return;
            }
            if (canceled) {
                cancelNow(0);
                return;
            }
            job = jobs.update(id, SpoolJob::nextAttempt).orElseThrow();
            ForwardRequest request = request(job);
            Forwarder forwarder = agent.forwarderFor(request.device());
            AtomicInteger pagesNow = new AtomicInteger();
            Repeating heartbeat = heartbeats(job, pagesNow);
            ForwardOutcome outcome;
            try {
                outcome = forwarder.forward(request, progress(job, pagesNow));
            } finally {
                heartbeat.cancel();
            }
            int out = Math.max(0, outcome.pages());
            if (stopped) {
                return;
            }
            switch (outcome.result()) {
                case COMPLETED -> {
                    // The attempt printed all it was sent; a resume in the middle of a copy sends that
                    // copy's rest first, then the copies after it in another attempt.
                    int done = request.expectedPages() >= 0 ? job.pagesDone() + request.expectedPages() : job.pagesDone() + out;
                    SpoolJob after = jobs.update(id, current -> current.checkpoint(done)).orElseThrow();
                    if (after.pages() > 0 && after.pagesDone() < after.impressions()) {
                        continue;
                    }
                    int total = after.pages() > 0 ? after.impressions() : after.pagesDone();
                    finish(Phase.COMPLETED, "completed", "printed " + total + " page(s) on " + job.queue());
                    return;
                }
                case CANCELED -> {
                    cancelNow(out);
                    return;
                }
                case REFUSED -> {
                    // Another attempt would fail the same way: the job ends with the printer's reasons (6-15).
                    jobs.update(id, current -> current.checkpoint(current.pagesDone() + out).because(outcome.reasons()));
                    finish(Phase.ABORTED, "aborted", job.queue() + " refused the document: " + outcome.error());
                    return;
                }
                case FAILED -> {
                    SpoolJob after = jobs.update(id, current -> current.checkpoint(current.pagesDone() + out)).orElseThrow();
                    if (after.attempts() >= maxAttempts) {
                        giveBack(outcome.reasons(), outcome.error());
                        return;
                    }
                    String retry = after.queue() + ": " + outcome.error() + "; trying again in "
                            + agent.config().retryWaitSeconds() + " s (attempt " + (after.attempts() + 1) + " of " + maxAttempts + ")";
                    jobs.update(id, current -> current.withMessage(retry));
                    log.info("job {}: {}", id, retry);
                    pause(agent.config().retryWait());
                }
            }
        }
    }

    private ForwardProgress progress(SpoolJob job, AtomicInteger pagesNow) {
        return new ForwardProgress() {
            @Override
            public void atPrinter(String printerJobUri, long pageCounterBefore) {
                jobs.update(id, current -> current.attempting(printerJobUri, pageCounterBefore));
            }

            @Override
            public void pages(int done) {
                pagesNow.set(done);
                int printing = job.pagesDone() + done + 1;
                String text = job.pages() > 0 && printing > job.impressions() ? "finishing on " + job.queue()
                        : "printing page " + job.pagesOf(printing) + " on " + job.queue();
                jobs.note(id, Phase.PRINTING, text);
            }

            @Override
            public boolean canceled() {
                return canceled;
            }
        };
    }

    /** Update-Job-Status every heartbeat period with the pages done (claim 2). */
    private Repeating heartbeats(SpoolJob job, AtomicInteger pagesNow) {
        return Repeating.start(agent.scheduler(), agent.heartbeats(), () -> {
            try {
                // The answer carries an interrupt the long-poll may have missed (§6.7).
                agent.engine().heartbeat(job.ticketId(), job.pagesDone() + pagesNow.get())
                        .ifPresent(stop -> agent.endedByEngine(job.ticketId(), JobState.canceled, stop.reasons(), ""));
            } catch (TicketException e) {
                log.info("job {}: the engine no longer takes heartbeats for ticket {}: {}", id, job.ticketId(), e.getMessage());
            } catch (IOException e) {
                log.debug("job {}: heartbeat not delivered: {}", id, e.toString());
            }
        }, Duration.ofSeconds(heartbeatSeconds()));
    }

    private long heartbeatSeconds() {
        if (agent.config().heartbeatSeconds() > 0) {
            return agent.config().heartbeatSeconds();
        }
        return Math.max(1, agent.timers().stallSeconds() / 3);
    }

    private ForwardRequest request(SpoolJob job) {
        LocalPrinter printer = agent.printers().get(job.queue()).orElse(null);
        boolean ranges = printer != null && printer.capability(Types.pageRangesSupported.getName()) != null
                && Boolean.TRUE.equals(printer.capability(Types.pageRangesSupported.getName()).getValue());
        // pagesDone counts through the copies: the next attempt starts in the copy it points into,
        // and only an attempt that starts a copy at its first page takes the copies after it too.
        int done = job.pagesDone();
        int fromPage = job.pages() > 0 ? done % job.pages() + 1 : done + 1;
        int copies = job.pages() > 0 ? (fromPage == 1 ? job.copies() - done / job.pages() : 1) : (done == 0 ? job.copies() : 1);
        return new ForwardRequest(id, documentFile(), job.format(), job.name(), job.user(),
                TemplateCodec.decode(job.template()), fromPage, URI.create(job.deviceUri()),
                printer == null ? null : printer.snmpUri(), ranges, job.pages(), Math.max(1, copies));
    }

    /**
     * The job's document as a file. A journaled one that cannot be copied out (a full disk) fails
     * this attempt like an unreadable spool file does, and is tried again with the next.
     */
    private Path documentFile() {
        try {
            return jobs.documentFile(id);
        } catch (IOException e) {
            log.warn("job {}: cannot copy its document out of the journal: {}", id, e.toString());
            return jobs.files().document(id);
        }
    }

    /** The printer stayed down through every attempt: the ticket goes back, the job waits (fig. 7). */
    private void giveBack(List<String> reasons, String error) {
        SpoolJob job = jobs.get(id).orElseThrow();
        String trouble = agent.printers().get(job.queue()).filter(p -> !p.up()).map(LocalPrinter::trouble)
                .orElse(job.queue() + " " + PrinterTrouble.describe(reasons.isEmpty() ? List.of(PrinterStateReason.connectingToDevice) : reasons));
        try {
            var ended = agent.engine().report(job.ticketId(), JobState.pending, job.pagesDone(), reasons, error);
            if (ended.isPresent()) {
                // The give-back used up the job's attempts and the engine ended it (§6.7): so does the job here.
                log.info("job {}: the engine ended ticket {} on its give-back: {}", id, job.ticketId(), ended.get().state());
                agent.learnEnding(id);
                return;
            }
            jobs.update(id, current -> current.inPhase(Phase.WAITING, trouble + "; the job waits (or cancel it, or move it"
                    + " to another printer)" + (current.pagesDone() > 0 ? "; resumes at page " + current.pagesOf(current.pagesDone() + 1) : "")));
            agent.gaveBack(id);
        } catch (TicketException e) {
            // The engine ended the ticket meanwhile: the job ends as it did, or asks for a new ticket.
            log.info("job {}: the engine did not take ticket {} back ({})", id, job.ticketId(), e.getMessage());
            agent.learnEnding(id);
        } catch (IOException e) {
            // The engine is away: it will fail the ticket on its timers; a new ticket picks up from the checkpoint.
            log.info("job {}: could not give ticket {} back: {}", id, job.ticketId(), e.toString());
            agent.needsNewTicket(id);
        }
    }

    private void cancelNow(int pagesOut) {
        jobs.update(id, current -> current.checkpoint(current.pagesDone() + pagesOut));
        if (requeue) {
            agent.needsNewTicket(id);
            return;
        }
        String why = interruptedBecause != null ? interruptedBecause : "canceled by the user";
        if (abortedBecause != null) {
            // The engine has ended the ticket already: nothing to report.
            jobs.update(id, current -> current.because(abortedBecause).inPhase(Phase.ABORTED, why));
            return;
        }
        finish(Phase.CANCELED, "canceled", why);
    }

    private void finish(Phase phase, String ending, String message) {
        jobs.update(id, current -> current.inPhase(phase, message).toReport(ending));
        agent.reportEndingSoon(id);
    }

    /** Waits {@code wait} on the scheduler's time, or less when the run is canceled or stopped meanwhile. */
    private void pause(Duration wait) throws InterruptedException {
        AtomicBoolean over = new AtomicBoolean();
        Future<?> timer = agent.scheduler().schedule(Runnable::run, () -> {
            over.set(true);
            wake();
        }, wait);
        try {
            synchronized (wakeUp) {
                while (!canceled && !over.get()) {
                    wakeUp.wait();
                }
            }
        } finally {
            timer.cancel(false);
        }
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }
}
