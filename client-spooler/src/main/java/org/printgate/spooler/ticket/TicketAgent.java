package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.printgate.ipp.IppException;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient.TicketRequest;
import org.printgate.protocol.client.TicketClient.TicketStatus;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.spooler.Scheduler;
import org.printgate.spooler.SpoolerConfig;
import org.printgate.spooler.forward.Forwarder;
import org.printgate.spooler.forward.ResumableDocument;
import org.printgate.spooler.local.JobActions;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.spooler.local.LocalPrinters;
import org.printgate.spooler.spool.HoldUntil;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spooler's side of the ticket protocol (docs/ticket-protocol.md): asks for each job's
 * ticket early, sends the details once the document is spooled, starts a {@link PrintRun} on the
 * go-ahead, tells the engine every ending, and follows the engine's events (interrupts, printers
 * going down). Every call to the engine that fails for want of the engine is tried again with a
 * growing, jittered wait; the job stays spooled and visible meanwhile. Its timers (retries, the
 * refreshes, heartbeats, the early-go-ahead wait) run on the {@link Scheduler} and its "now" is
 * the {@link Clock} it is given, so that tests move them by advancing a clock.
 */
public final class TicketAgent implements JobActions, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TicketAgent.class);
    private static final int LANES = 4;
    private static final Duration PLACES_EVERY = Duration.ofSeconds(5);
    /** How long a go-ahead waits for its ticket to be written down before it is given back as not ours. */
    private static final Duration EARLY_GO_AHEAD_WAIT = Duration.ofSeconds(10);
    /** How long a given-back job waits before it asks its place in line again. */
    private static final Duration AFTER_GIVE_BACK = Duration.ofSeconds(1);
    /** How long Update-Active-Jobs waits for a ticket request's answer to be written down. */
    private static final Duration RESYNC_AGAIN_AFTER = Duration.ofSeconds(2);

    private final SpoolerConfig config;
    private final TicketClient engine;
    private final SpoolJobs jobs;
    private final LocalPrinters printers;
    private final Forwarders forwarders;
    private final QueueMirror mirror;
    private final UpgradeStager upgrades;
    /** The engine calls that are no job's: the queue list, places in line, go-aheads for unknown tickets. */
    private final ExecutorService engineCalls = Executors.newSingleThreadExecutor(daemon("engine-calls"));
    /** Each job's engine calls, in order; jobs side by side. */
    private final JobLanes lanes;
    /** Print runs' heartbeats (blocking calls to the engine), off the scheduler's thread. */
    private final ExecutorService heartbeats = Executors.newSingleThreadExecutor(daemon("heartbeats"));
    private final Scheduler scheduler;
    private final Clock clock;
    /** Ticket requests sent and not yet written down: a go-ahead for an unknown ticket may be for one of them. */
    private final java.util.concurrent.atomic.AtomicInteger ticketRequestsOut = new java.util.concurrent.atomic.AtomicInteger();
    /** Go-aheads that came before the answer to their ticket request was written down, by ticket. */
    private final Map<Long, URI> earlyGoAheads = new ConcurrentHashMap<>();
    private final ExecutorService printing = Executors.newCachedThreadPool(daemon("print-run"));
    private final Map<Long, PrintRun> running = new ConcurrentHashMap<>();
    /** The waits between tries of the ticket calls; the long-poll has its own ({@link EngineEvents}). */
    private final Backoff backoff;
    private final EngineEvents events;
    private final EngineTimers timers;
    private volatile Repeating queueRefresh;
    /** Queues an operator of this computer paused (Pause-Printer): their jobs ask for no ticket until resumed. */
    private volatile java.util.function.Predicate<String> pausedHere = queue -> false;

    /** An agent on wall time. */
    public TicketAgent(SpoolerConfig config, TicketClient engine, SpoolJobs jobs, LocalPrinters printers,
                       Forwarders forwarders) {
        this(config, engine, jobs, printers, forwarders, Clock.systemUTC(), Scheduler.system());
    }

    /**
     * @param clock "now", for the ages of what the agent keeps (the printers' capabilities) and the hours held jobs wait for
     * @param scheduler when its timers fire
     */
    public TicketAgent(SpoolerConfig config, TicketClient engine, SpoolJobs jobs, LocalPrinters printers,
                       Forwarders forwarders, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.engine = engine;
        this.jobs = jobs;
        this.printers = printers;
        this.forwarders = forwarders;
        this.scheduler = scheduler;
        this.clock = clock;
        this.lanes = new JobLanes(LANES, "ticket-lane", scheduler);
        java.util.Random random = new java.util.Random();
        // The first wait is drawn from 0.5-1.5 s: 1 s on average, as before the jitter.
        this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), random);
        this.mirror = new QueueMirror(engine, printers, config, System.getProperty("user.name"), config.spool());
        this.upgrades = new UpgradeStager(config.spool().resolve("upgrades"));
        this.events = new EngineEvents(engine, this, scheduler, random);
        this.timers = new EngineTimers(engine);
    }

    /**
     * Which queues are paused on this computer: a job of one that is not yet in the engine's line
     * stays in the spool, asking for nothing, until the queue is resumed and the job handed on
     * again ({@link #spooled}). Set before {@link #start}.
     */
    public void pauseWith(java.util.function.Predicate<String> pausedQueues) {
        this.pausedHere = pausedQueues;
    }

    /**
     * Follows the engine's events (the first subscription brings the whole queue list, §11.3),
     * and takes up every job where it was. The list is asked for again after every new
     * subscription and on a slow safety timer; in between, queue events bring the changes.
     */
    public void start() {
        queueRefresh = Repeating.start(scheduler, engineCalls, this::refreshQueues,
                Duration.ofSeconds(config.queueRefreshSeconds()));
        scheduler.schedule(engineCalls, this::refreshPlacesInLine, PLACES_EVERY);
        events.start();
        for (SpoolJob job : jobs.all()) {
            if (!job.unreported().isEmpty()) {
                lanes.execute(job.id(), () -> reportEnding(job.id()));
            } else if (job.phase() == Phase.PRINTING) {
                startRun(job, true);
            } else if (job.held()) {
                held(job);
            } else if (!job.phase().isFinal()) {
                lanes.execute(job.id(), () -> step(job.id()));
            }
        }
    }

    /**
     * Whether the engine answered the last long-poll: the poll is always held open, so it fails
     * as soon as the engine or the way to it goes. False before the first answer.
     */
    public boolean engineReachable() {
        return events.reachable();
    }

    private void refreshQueues() {
        try {
            mirror.refresh();
            backoff.reset();
        } catch (IOException e) {
            log.info("engine {} not reachable for the queue list: {}", config.engine(), e.toString());
        }
    }

    // ---- what the local endpoint asks ----

    @Override
    public void created(SpoolJob job) {
        lanes.execute(job.id(), () -> step(job.id()));
    }

    @Override
    public void spooled(SpoolJob job) {
        lanes.execute(job.id(), () -> step(job.id()));
    }

    @Override
    public void held(SpoolJob job) {
        // Time of day is the desktop's own: "night" is night where the user is.
        ZonedDateTime now = clock.instant().atZone(ZoneId.systemDefault());
        HoldUntil.releaseAt(job.holdUntil(), now).ifPresent(at -> {
            Duration wait = Duration.between(now, at);
            lanes.schedule(job.id(), () -> releaseByTime(job.id(), job.holdUntil()), wait.isNegative() ? Duration.ZERO : wait);
        });
    }

    /** A job held until a time of day whose time has come goes on, unless it was released or held anew meanwhile. */
    private void releaseByTime(long id, String keyword) {
        SpoolJob released = jobs.update(id, current -> !current.holdUntil().equals(keyword) ? current
                : current.phase() == Phase.HELD ? current.heldUntil("").inPhase(Phase.SPOOLED, "its hour came; asking for a ticket")
                : current.heldUntil("")).orElse(null);
        if (released != null && !released.held()) {
            step(id);
        }
    }

    @Override
    public void cancel(SpoolJob job) {
        PrintRun run = running.get(job.id());
        if (run != null) {
            run.cancel();
            return;
        }
        jobs.update(job.id(), current -> current.phase().isFinal() ? current
                : current.inPhase(Phase.CANCELED, "canceled by " + current.user())
                        .toReport(current.ticketId() == 0 ? "" : "canceled"));
        lanes.execute(job.id(), () -> reportEnding(job.id()));
    }

    @Override
    public SpoolJob move(SpoolJob job, String queue) {
        if (printers.ready(queue, job.user()).isEmpty()) {
            throw new IppException(Status.clientErrorNotFound, "no printer named " + queue);
        }
        if (job.ticketId() != 0) {
            try {
                engine.move(job.ticketId(), queue);
            } catch (TicketException e) {
                throw new IppException(e.status(), "the engine refused the move: " + e.getMessage());
            } catch (IOException e) {
                throw new IppException(Status.serverErrorServiceUnavailable, "the engine cannot be reached: " + e.getMessage());
            }
        }
        SpoolJob moved = jobs.update(job.id(), current -> current.inQueue(queue)
                .withMessage("moved to " + queue + "; waiting for ticket")).orElseThrow();
        lanes.execute(job.id(), () -> step(job.id()));
        return moved;
    }

    // ---- the ticket steps (3-1 .. 3-8) ----

    /** Does the next engine call the job needs, or nothing; retried later when the engine is away. */
    private void step(long id) {
        SpoolJob job = jobs.get(id).orElse(null);
        if (job == null || job.phase().isFinal() || job.phase() == Phase.PRINTING || job.held()) {
            return;
        }
        // Paused here? A job not yet in line stays put; one whose request is out is answered first (§11.1).
        if (job.ticketId() == 0 && !job.asking() && pausedHere.test(job.queue())) {
            jobs.note(id, job.phase(), job.queue() + " is paused on this computer by an operator; the job waits here");
            return;
        }
        String identity = config.identityOf(job.user());
        ticketRequestsOut.incrementAndGet();
        try {
            switch (job.phase()) {
                case RECEIVING -> {
                    if (job.ticketId() == 0) {
                        var ticket = ask(id, identity, -1, -1);
                        keepTicket(id, ticket.jobId(), current -> current.withAnsweredTicket(ticket.jobId()));
                    }
                }
                case SPOOLED -> {
                    int pages = job.pages() >= 0 ? job.pages() : pageCount(job);
                    // The engine counts what comes out: every copy's pages (capacity, accounting).
                    int impressions = pages < 0 ? -1 : pages * job.copies();
                    long kOctets = (job.bytes() + 1023) / 1024;
                    if (job.ticketId() == 0 && job.asking()) {
                        // A request from before (its answer lost, or the spooler restarted) is
                        // answered first: its ticket, not a second one (§11.1); then the details.
                        TicketStatus kept = ask(id, identity, kOctets, impressions);
                        keepTicket(id, kept.jobId(), current -> current.withAnsweredTicket(kept.jobId()));
                        job = jobs.get(id).orElse(null);
                        if (job == null || job.phase() != Phase.SPOOLED) {
                            return;
                        }
                    }
                    TicketStatus ticket = job.ticketId() != 0 ? detailsOrNew(job, kOctets, impressions, identity)
                            : ask(id, identity, kOctets, impressions);
                    // The answer says the place in line: no second request to learn it.
                    keepTicket(id, ticket.jobId(), current -> current.withPages(pages).withAnsweredTicket(ticket.jobId())
                            .inPhase(Phase.WAITING, placeMessage(current, ticket.ahead())));
                }
                case WAITING -> refreshPlace(id);
                default -> { }
            }
            backoff.reset();
        } catch (TicketException e) {
            refused(job, e);
        } catch (IOException e) {
            Duration wait = backoff.next();
            jobs.note(id, job.phase(), "the print server cannot be reached; trying again in " + seconds(wait) + " s");
            lanes.schedule(id, () -> step(id), wait);
        } finally {
            ticketRequestsOut.decrementAndGet();
        }
    }

    /**
     * Create-Job for a job's ticket (3-1), safe to repeat (§11.1): the request is written into the
     * job's record before it goes, and until its answer is written down every try — after a
     * dropped connection, an engine restart or a spooler restart — resends it byte for byte, so
     * that the engine answers with the ticket it made the first time.
     */
    private TicketStatus ask(long id, String identity, long kOctets, int pages) throws IOException {
        SpoolJob job = jobs.get(id).orElseThrow();
        if (!job.asking()) {
            TicketRequest request = engine.prepareTicket(job.queue(), identity, job.name(), job.priority(), kOctets, pages);
            job = jobs.update(id, current -> current.askingWith(request.bytes())).orElseThrow();
        }
        return engine.requestTicket(new TicketRequest(job.ticketRequest()),
                again -> jobs.update(id, current -> current.askingWith(again.bytes())));
    }

    /** The spooled document's pages, counted where it is kept: in the journal (small ones) or in its file. */
    private int pageCount(SpoolJob job) {
        return jobs.keptDocument(job.id()).map(document -> ResumableDocument.pageCount(document, job.format()))
                .orElseGet(() -> ResumableDocument.pageCount(jobs.files().document(job.id()), job.format()));
    }

    /**
     * Writes down a ticket the engine just gave. A job that ended while the request was out
     * (canceled at once, as ipptool does) keeps its ending, and the engine is told of it.
     */
    private void keepTicket(long id, long ticketId, java.util.function.UnaryOperator<SpoolJob> next) {
        SpoolJob after = jobs.update(id, current -> !current.phase().isFinal() ? next.apply(current)
                : current.withAnsweredTicket(ticketId).toReport("canceled"))
                .orElseThrow();
        if (after.phase().isFinal()) {
            reportEnding(id);
        }
        URI early = earlyGoAheads.remove(ticketId);
        if (early != null) {
            takeGoAhead(ticketId, early);
        }
    }

    /** Set-Job-Attributes; a ticket the engine no longer knows (it lost it) is asked for anew. */
    private TicketStatus detailsOrNew(SpoolJob job, long kOctets, int pages, String identity) throws IOException {
        try {
            return engine.details(job.ticketId(), kOctets, pages);
        } catch (TicketException e) {
            if (!e.status().equals(Status.clientErrorNotFound) && !e.status().equals(Status.clientErrorNotPossible)) {
                throw e;
            }
            return ask(job.id(), identity, kOctets, pages);
        }
    }

    /** The engine said no (3-9 .. 3-13): the job ends, and the user reads why. */
    private void refused(SpoolJob job, TicketException e) {
        String why;
        if (e.upgrade().isPresent()) {
            why = upgrades.stage(e.upgrade().get());
        } else if (!e.allowedPrinters().isEmpty()) {
            why = "you may not print on " + job.queue() + "; you may use " + e.allowedPrinters().stream()
                    .map(uri -> uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)).toList();
        } else {
            why = "the print server refused the job: " + e.getMessage();
        }
        log.info("job {}: {}", job.id(), why);
        // No ticket came of the request: nothing is left to resend.
        jobs.update(job.id(), current -> current.askingWith(new byte[0]).inPhase(Phase.ABORTED, why));
    }

    /**
     * Every waiting job's place in line, one Get-Jobs per queue (not one request per job: a
     * spooler may hold thousands), kept in memory only ({@link SpoolJobs#note}). Every 5 s, or
     * less often when there are so many that asking takes longer than 1/20 of that: the list of a
     * queue with tens of thousands of this spooler's jobs takes the engine and the spooler a
     * while to write and read.
     */
    private void refreshPlacesInLine() {
        long start = System.nanoTime();
        try {
            refreshPlacesInLineOf(queue -> true);
        } finally {
            // The cost of the asking is measured, not waited for: on the monotonic clock, whatever the scheduler's.
            Duration next = Duration.ofNanos(Math.max(PLACES_EVERY.toNanos(), (System.nanoTime() - start) * 20));
            scheduleEngineCall(this::refreshPlacesInLine, next);
        }
    }

    private void refreshPlacesInLineOf(java.util.function.Predicate<String> queues) {
        Map<String, List<SpoolJob>> waiting = jobs.live().stream()
                .filter(job -> job.phase() == Phase.WAITING && job.ticketId() != 0 && queues.test(job.queue()))
                .collect(Collectors.groupingBy(SpoolJob::queue));
        waiting.forEach((queue, inLine) -> {
            Map<Long, Integer> places;
            try {
                places = engine.placesInLine(queue);
            } catch (IOException e) {
                return;
            }
            for (SpoolJob job : inLine) {
                jobs.note(job.id(), Phase.WAITING, placeMessage(job, places.getOrDefault(job.ticketId(), -1)));
            }
        });
    }

    /** One job's place in line, asked of the engine (a job taken up again after a restart or a wait). */
    private void refreshPlace(long id) {
        SpoolJob job = jobs.get(id).orElse(null);
        if (job == null || job.phase() != Phase.WAITING) {
            return;
        }
        try {
            AttributeGroup ticket = engine.job(job.ticketId());
            Integer ahead = ticket == null ? null : ticket.getValue(Types.numberOfInterveningJobs);
            jobs.note(id, Phase.WAITING, placeMessage(job, ahead == null ? -1 : ahead));
        } catch (IOException e) {
            log.debug("job {}: place in line not learned: {}", id, e.toString());
        }
    }

    /**
     * "waiting for ticket: 3rd in line for office-2" ({@code ahead} tickets before it, -1 when not
     * known), or the printer's trouble while it is down; and where a resumed job goes on from.
     */
    private String placeMessage(SpoolJob job, int ahead) {
        Optional<LocalPrinter> printer = printers.get(job.queue());
        String message;
        if (printer.isPresent() && !printer.get().up()) {
            message = printer.get().trouble() + "; the job waits (or cancel it, or move it to another printer)";
        } else {
            message = ahead < 0 ? "waiting for ticket on " + job.queue()
                    : "waiting for ticket: " + Ordinals.of(ahead + 1) + " in line for " + job.queue();
        }
        if (job.pagesDone() > 0) {
            message += "; resumes at page " + job.pagesOf(job.pagesDone() + 1);
        }
        return message;
    }

    // ---- the engine's events (6-3, fig. 5, fig. 7) ----

    /**
     * A go-ahead: confirm it (6-4) and print, on the job's lane. The engine grants at once, so a
     * go-ahead can arrive before the answer to the job's ticket request has been written down:
     * while requests are out, one for a ticket not known yet waits for its answer (taken when
     * the ticket is written down), and is given back only if none brings it.
     */
    void goAhead(long ticketId, URI device) {
        // Read before looking: a request that was out then has written its ticket down once it is not.
        boolean requestsOut = ticketRequestsOut.get() > 0;
        Optional<SpoolJob> job = jobs.byTicket(ticketId);
        if (job.isPresent()) {
            lanes.execute(job.get().id(), () -> takeGoAhead(ticketId, device));
        } else if (!requestsOut) {
            engineCalls.execute(() -> takeGoAhead(ticketId, device));
        } else {
            earlyGoAheads.put(ticketId, device);
            // Written down meanwhile? Then whoever removes it takes it.
            jobs.byTicket(ticketId).ifPresent(known -> takeEarlyGoAhead(known.id(), ticketId));
            scheduleEngineCall(() -> lateGoAhead(ticketId, 1), EARLY_GO_AHEAD_WAIT);
        }
    }

    private void takeEarlyGoAhead(long id, long ticketId) {
        URI device = earlyGoAheads.remove(ticketId);
        if (device != null) {
            lanes.execute(id, () -> takeGoAhead(ticketId, device));
        }
    }

    /**
     * No answer has written the ticket of an early go-ahead down yet: it waits on while requests
     * are out (a slow disk or engine), up to 30 waits; then it is not ours after all.
     */
    private void lateGoAhead(long ticketId, int waits) {
        Optional<SpoolJob> job = jobs.byTicket(ticketId);
        if (job.isPresent()) {
            takeEarlyGoAhead(job.get().id(), ticketId);
            return;
        }
        if (ticketRequestsOut.get() > 0 && waits < 30 && earlyGoAheads.containsKey(ticketId)) {
            scheduleEngineCall(() -> lateGoAhead(ticketId, waits + 1), EARLY_GO_AHEAD_WAIT);
            return;
        }
        URI device = earlyGoAheads.remove(ticketId);
        if (device != null) {
            takeGoAhead(ticketId, device);
        }
    }

    private void takeGoAhead(long ticketId, URI device) {
        SpoolJob job = jobs.byTicket(ticketId).orElse(null);
        try {
            if (job == null || job.phase().isFinal()) {
                // Not ours any more (canceled meanwhile, or forgotten): give it back at once.
                engine.cancel(ticketId);
                return;
            }
            if (job.phase() == Phase.PRINTING || running.containsKey(job.id())) {
                return;
            }
            engine.confirm(ticketId);
        } catch (IOException e) {
            log.info("go-ahead for ticket {} not confirmed: {}", ticketId, e.toString());
            return;
        }
        // Canceled while the confirm was out: the job stays ended, and the engine hears of it.
        SpoolJob printing = jobs.update(job.id(), current -> current.phase().isFinal() ? current
                : current.goingTo(device.toString()).inPhase(Phase.PRINTING, "printing on " + current.queue())).orElseThrow();
        if (printing.phase().isFinal()) {
            reportEnding(printing.id());
            return;
        }
        startRun(printing, false);
    }

    /**
     * The engine ended a ticket itself (§7 job-state-changed). Canceled is an operator's interrupt
     * (fig. 5): the job stops and ends canceled. Aborted for this spooler's silence (heartbeats
     * lost, claim 2; details never sent, §10 incoming) is the engine's verdict on a ticket it
     * stopped hearing about: the document is still here, so the job asks for a new ticket and
     * goes on from its checkpoint — a job answered successful-ok is not lost to a timer. Any
     * other ending (attempts used up, a go-ahead never confirmed) ends the job here as well, with
     * the engine's reasons: it must not wait for a go-ahead that will never come.
     */
    void endedByEngine(long ticketId, JobState state, List<String> reasons, String message) {
        jobs.byTicket(ticketId).ifPresent(job -> {
            PrintRun run = running.get(job.id());
            if (run == null) {
                endAsTheEngineDid(job.id(), ticketId, state, reasons, message);
            } else if (state.equals(JobState.canceled)) {
                run.interrupt(stoppedBecause(reasons, message), false);
            } else if (forSilence(reasons)) {
                run.interrupt(stoppedBecause(reasons, message), true);
            } else {
                run.abort(stoppedBecause(reasons, message), reasons);
            }
        });
    }

    /** Did the engine end the ticket because it stopped hearing about it, not because of the job? */
    private static boolean forSilence(List<String> reasons) {
        return reasons.contains(PrintgateTypes.heartbeatLost) || reasons.contains(PrintgateTypes.incomingExpired);
    }

    private static String stoppedBecause(List<String> reasons, String message) {
        return "stopped by the print server" + (message == null || message.isEmpty() ? "" : ": " + message)
                + " (" + String.join(", ", reasons) + ")";
    }

    /** A job not printing here whose ticket the engine ended: the job ends the same way, or asks again (see {@link #endedByEngine}). */
    void endAsTheEngineDid(long id, long ticketId, JobState state, List<String> reasons, String message) {
        SpoolJob job = jobs.get(id).orElse(null);
        if (job == null || job.phase().isFinal() || job.ticketId() != ticketId) {
            return;
        }
        String why = stoppedBecause(reasons, message);
        if (state.equals(JobState.canceled)) {
            jobs.update(id, current -> current.because(reasons).inPhase(Phase.CANCELED, why));
        } else if (state.equals(JobState.completed)) {
            jobs.update(id, current -> current.inPhase(Phase.COMPLETED, "printed on " + current.queue()));
        } else if (forSilence(reasons)) {
            log.info("job {}: {}; asking for a new ticket", id, why);
            needsNewTicket(id);
        } else {
            log.info("job {}: {}", id, why);
            jobs.update(id, current -> current.because(reasons).inPhase(Phase.ABORTED, why));
        }
    }

    /**
     * The engine refused a report on a job's ticket: it has ended it meanwhile. Asks how
     * (Get-Job-Attributes) and ends the job the same way; a ticket the engine no longer knows, or
     * one still live, gets a new ticket.
     */
    void learnEnding(long id) {
        SpoolJob job = jobs.get(id).orElse(null);
        if (job == null || job.phase().isFinal()) {
            return;
        }
        AttributeGroup ticket;
        try {
            ticket = engine.job(job.ticketId());
        } catch (TicketException e) {
            ticket = null;
        } catch (IOException e) {
            log.info("job {}: the engine cannot say how ticket {} ended: {}", id, job.ticketId(), e.toString());
            needsNewTicket(id);
            return;
        }
        JobState state = ticket == null ? null : ticket.getValue(Types.jobState);
        if (state == null || state.getCode() < JobState.canceled.getCode()) {
            needsNewTicket(id);
            return;
        }
        var message = ticket.getValue(Types.jobStateMessage);
        endAsTheEngineDid(id, job.ticketId(), state, ticket.getValues(Types.jobStateReasons),
                message == null ? "" : message.getValue());
    }

    /**
     * News of a queue (§7): a printer stopped or started (fig. 7: the user's waiting jobs say so),
     * or a queue was created, reconfigured or deleted. The event says what, not everything
     * (printer-is-accepting-jobs, whether it is shown here): that one queue is looked up again,
     * never the whole list.
     */
    void queueChanged(URI queueUri, List<String> reasons, boolean stateChange, boolean deleted) {
        if (queueUri == null) {
            return;
        }
        String path = queueUri.getPath();
        String queue = path.substring(path.lastIndexOf('/') + 1);
        if (stateChange) {
            boolean up = reasons.isEmpty() || reasons.equals(List.of("none"))
                    || reasons.stream().allMatch(r -> r.endsWith("-warning") || r.endsWith("-report"));
            printers.setState(queue, up, reasons);
        }
        try {
            engineCalls.execute(() -> {
                mirror.follow(queue, deleted);
                refreshPlacesInLineOf(queue::equals);
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The spooler is shutting down: the next start asks for the whole list.
        }
    }

    /**
     * After a start, an engine restart or a new subscription (§11.3): the jobs waiting for a
     * ticket or its details take their next step, and Update-Active-Jobs makes the engine and
     * this spooler agree on every live job.
     */
    void resynchronize() {
        refreshQueues();
        for (SpoolJob job : jobs.live()) {
            if (job.phase() == Phase.SPOOLED || job.phase() == Phase.RECEIVING) {
                lanes.execute(job.id(), () -> step(job.id()));
            }
        }
        try {
            engineCalls.execute(() -> updateActiveJobs(1));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The spooler is shutting down: the next start resynchronises.
        }
    }

    /** The most ticket ids one Update-Active-Jobs may list (§2.6). */
    private static final int RESYNC_CHUNK = 1000;
    private static final int RESYNC_TRIES = 30;

    /**
     * Update-Active-Jobs (§11.3): tells the engine what this spooler believes of each live job
     * it holds a ticket for, and acts on the answer. A job whose ticket the engine ended
     * meanwhile (an operator's cancel, a timer, while this spooler was down) ends here as it
     * did there; a listed ticket the engine does not know is asked for anew; and a live ticket
     * of ours that no job here holds (its answer lost, its job gone) is canceled on the engine,
     * where it would otherwise count against max-live-jobs and, once queued, be granted to nobody.
     */
    private void updateActiveJobs(int round) {
        Map<Long, JobState> believed = new java.util.LinkedHashMap<>();
        for (SpoolJob job : jobs.live()) {
            if (job.ticketId() != 0) {
                believed.put(job.ticketId(), believedState(job));
            }
        }
        Map<Long, JobState> differing = new java.util.LinkedHashMap<>();
        java.util.Set<Long> unknown = new java.util.LinkedHashSet<>();
        List<Long> ids = List.copyOf(believed.keySet());
        try {
            // Each answer also lists the live tickets not in that request: those of no job here are found below.
            for (int from = 0; from == 0 || from < ids.size(); from += RESYNC_CHUNK) {
                Map<Long, JobState> chunk = new java.util.LinkedHashMap<>();
                ids.subList(from, Math.min(ids.size(), from + RESYNC_CHUNK)).forEach(id -> chunk.put(id, believed.get(id)));
                TicketClient.Resync answer = engine.resynchronize(chunk);
                differing.putAll(answer.differing());
                unknown.addAll(answer.unknown());
            }
        } catch (IOException e) {
            // The next subscription (the long-poll fails too) resynchronises again.
            log.info("Update-Active-Jobs not answered: {}", e.toString());
            return;
        }
        List<Long> orphans = new java.util.ArrayList<>();
        differing.forEach((ticketId, state) -> {
            Optional<SpoolJob> job = jobs.byTicket(ticketId);
            boolean ended = state.getCode() >= JobState.canceled.getCode();
            if (job.isPresent() && ended) {
                lanes.execute(job.get().id(), () -> learnEnding(job.get().id()));
            } else if (job.isEmpty() && !ended) {
                orphans.add(ticketId);
            }
        });
        for (long ticketId : unknown) {
            jobs.byTicket(ticketId).filter(job -> job.phase() != Phase.PRINTING && !job.phase().isFinal())
                    .ifPresent(job -> lanes.execute(job.id(), () -> needsNewTicket(job.id())));
        }
        if (orphans.isEmpty()) {
            return;
        }
        // Is a ticket request's answer still to be written down? It may be one of them: look again then.
        if (jobs.live().stream().anyMatch(SpoolJob::asking)) {
            if (round < RESYNC_TRIES) {
                scheduleEngineCall(() -> updateActiveJobs(round + 1), RESYNC_AGAIN_AFTER);
            }
            return;
        }
        for (long ticketId : orphans) {
            if (jobs.byTicket(ticketId).isPresent()) {
                continue;
            }
            try {
                log.info("ticket {} is held by no job here: canceling it on the engine", ticketId);
                engine.cancel(ticketId);
            } catch (TicketException e) {
                log.info("ticket {}: {}", ticketId, e.getMessage());
            } catch (IOException e) {
                log.info("ticket {} not canceled: {}", ticketId, e.toString());
                return;
            }
        }
    }

    /** The job-state this spooler expects the engine to show for a live job (§4). */
    private static JobState believedState(SpoolJob job) {
        return switch (job.phase()) {
            case RECEIVING, SPOOLED -> JobState.pendingHeld;
            case PRINTING -> JobState.processing;
            default -> JobState.pending;
        };
    }

    // ---- printing ----

    private void startRun(SpoolJob job, boolean recovering) {
        PrintRun run = new PrintRun(job.id(), recovering, this);
        if (running.putIfAbsent(job.id(), run) == null) {
            printing.execute(() -> {
                try {
                    run.run();
                } finally {
                    running.remove(job.id());
                }
            });
        }
    }

    /** A PrintRun gave the ticket back (printer down after all attempts): wait for the next go-ahead. */
    void gaveBack(long id) {
        lanes.schedule(id, () -> refreshPlace(id), AFTER_GIVE_BACK);
    }

    /**
     * The engine lost or gave up the ticket of a job that must still print: ask for a new one (a
     * job still receiving its document for a new incoming one).
     */
    void needsNewTicket(long id) {
        jobs.update(id, current -> current.phase().isFinal() ? current : current.withAnsweredTicket(0)
                .inPhase(current.phase() == Phase.RECEIVING ? Phase.RECEIVING : Phase.SPOOLED, "asking for a new ticket"));
        lanes.execute(id, () -> step(id));
    }

    /** Tells the engine a job's ending until it has heard it (6-12, 6-15, 5-4). */
    void reportEnding(long id) {
        SpoolJob job = jobs.get(id).orElse(null);
        if (job == null || job.unreported().isEmpty() || job.ticketId() == 0) {
            return;
        }
        try {
            switch (job.unreported()) {
                case "canceled" -> cancelOrConfirm(job);
                case "completed" -> engine.report(job.ticketId(), JobState.completed, job.pagesDone(), List.of(), "");
                // The printer's reasons (document-format-error, ...) go along: the engine keeps them (6-15).
                default -> engine.report(job.ticketId(), JobState.aborted, job.pagesDone(),
                        job.reasons().isEmpty() ? List.of(JobStateReason.abortedBySystem) : job.reasons(), job.message());
            }
            jobs.update(id, current -> current.toReport(""));
            backoff.reset();
        } catch (TicketException e) {
            // The engine has already ended it (timeouts, an operator): nothing more to tell.
            log.info("job {}: the engine did not take the {} report: {}", id, job.unreported(), e.getMessage());
            jobs.update(id, current -> current.toReport(""));
        } catch (IOException e) {
            lanes.schedule(id, () -> reportEnding(id), backoff.next());
        }
    }

    /**
     * A printing job's cancel is reported as its ending (which also confirms an operator's
     * interrupt, fig. 5); a job that never printed is canceled with Cancel-Job (fig. 4).
     */
    private void cancelOrConfirm(SpoolJob job) throws IOException {
        try {
            engine.report(job.ticketId(), JobState.canceled, job.pagesDone(), List.of(JobStateReason.jobCanceledByUser), "");
        } catch (TicketException notPrinting) {
            engine.cancel(job.ticketId());
        }
    }

    void reportEndingSoon(long id) {
        lanes.execute(id, () -> reportEnding(id));
    }

    SpoolerConfig config() {
        return config;
    }

    TicketClient engine() {
        return engine;
    }

    EngineTimers timers() {
        return timers;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Where print runs' heartbeats run. */
    java.util.concurrent.Executor heartbeats() {
        return heartbeats;
    }

    /** Runs {@code task} on the engine-calls thread once {@code delay} has passed. */
    private void scheduleEngineCall(Runnable task, Duration delay) {
        scheduler.schedule(engineCalls, task, delay);
    }

    /** A wait as the user reads it: whole seconds, at least 1. */
    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 500) / 1000);
    }

    SpoolJobs jobs() {
        return jobs;
    }

    LocalPrinters printers() {
        return printers;
    }

    Forwarder forwarderFor(URI device) {
        return forwarders.forScheme(device.getScheme());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        events.close();
        running.values().forEach(PrintRun::stop);
        Repeating refresh = queueRefresh;
        if (refresh != null) {
            refresh.cancel();
        }
        engineCalls.shutdownNow();
        heartbeats.shutdownNow();
        lanes.close();
        printing.shutdownNow();
    }
}
