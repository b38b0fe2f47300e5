package org.printgate.sim.printer;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.Page;
import org.printgate.formats.PageSplitters;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.job.DocumentPipe;
import org.printgate.sim.job.Job;
import org.printgate.sim.job.PrinterMemory;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.ledger.PageLedger;
import org.printgate.sim.profile.PrinterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated printer: its hardware, jobs, memory and marking engine. Both data paths (IPP and
 * raw) hand jobs here; the {@link MechanismToken} decides which path's job goes on the engine,
 * and the engine puts pages out at the profile's pages-per-minute into the {@link PageLedger}.
 * An operator may pause the engine (jobs not yet printing stay pending until resumed), stop the
 * printer taking new jobs, hold a pending IPP job and purge the jobs (RFC 8011 §4.2.7-§4.2.9,
 * §4.3.5-§4.3.6, RFC 3998).
 */
public final class SimPrinter {
    private static final Logger log = LoggerFactory.getLogger(SimPrinter.class);
    /** Finished jobs kept for Get-Jobs (which-jobs=completed), oldest dropped first. */
    private static final int KEPT_FINISHED_JOBS = 500;

    private final int index;
    private final PrinterSpec spec;
    private final Hardware hardware;
    private final PageLedger ledger;
    private final MechanismToken token = new MechanismToken();
    private final PrinterMemory memory;
    private final ConcurrentSkipListMap<Integer, Job> jobs = new ConcurrentSkipListMap<>();
    private final AtomicInteger nextJobId = new AtomicInteger(1);
    private final SerialLane ippLane;
    private final SerialLane rawLane;
    private final long startNanos = System.nanoTime();
    private final UUID uuid;
    private volatile String identifyMessage;
    /** Guards the pause and the held jobs' turns; the engine waits on it while paused. */
    private final Object engineGate = new Object();
    private boolean paused;
    /** The lane turns of held IPP jobs, handed back to the lane when they are released. */
    private final Map<Integer, Runnable> heldTurns = new HashMap<>();
    private volatile boolean acceptingJobs = true;
    private final List<Consumer<Job>> jobListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();

    public SimPrinter(int index, PrinterSpec spec, PageLedger ledger, Executor pool) {
        this.index = index;
        this.spec = spec;
        this.hardware = new Hardware(spec);
        this.ledger = ledger;
        this.memory = new PrinterMemory(spec.memoryBytes());
        this.ippLane = new SerialLane(pool);
        this.rawLane = new SerialLane(pool);
        // Stable across restarts, so clients that remember the printer still know it.
        this.uuid = spec.uuid();
        hardware.onChange(this::dropJobsWhenOffline);
    }

    /**
     * Offline is a printer switched off or cut off the network: the jobs it held in memory are
     * lost, as on a real printer, and the pages already out are all that came of them. A client
     * must resend the rest (seed 001), and nothing of the lost jobs comes out later.
     */
    private void dropJobsWhenOffline() {
        if (hardware.online()) {
            return;
        }
        for (Job job : jobs.values()) {
            if (!job.isTerminal()) {
                cancel(job, "aborted-by-system");
            }
        }
    }

    public int index() {
        return index;
    }

    public String name() {
        return spec.printerName();
    }

    public PrinterSpec spec() {
        return spec;
    }

    public Hardware hardware() {
        return hardware;
    }

    public PrinterMemory memory() {
        return memory;
    }

    public MechanismToken token() {
        return token;
    }

    public UUID uuid() {
        return uuid;
    }

    public long upTimeSeconds() {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos) + 1);
    }

    public void identify(String message) {
        identifyMessage = message;
        log.info("{}: identify ({})", name(), message);
    }

    public Optional<String> lastIdentifyMessage() {
        return Optional.ofNullable(identifyMessage);
    }

    // ---- jobs ----

    public Job createJob(DataPath path, String jobName, String user, String documentFormat) {
        Job job = new Job(nextJobId.getAndIncrement(), jobName, user, path, documentFormat, this::upTimeSeconds,
                this::jobChanged);
        jobs.put(job.id(), job);
        pruneFinishedJobs();
        jobChanged(job);
        return job;
    }

    /** Calls {@code listener} when a job is created and after each of its state changes, on the changing thread. */
    public void onJobChange(Consumer<Job> listener) {
        jobListeners.add(listener);
    }

    /**
     * Calls {@code listener} after an operator paused, resumed, enabled or disabled the printer,
     * and when the engine finished a job (the printer may be idle now).
     */
    public void onStateChange(Runnable listener) {
        stateListeners.add(listener);
    }

    private void jobChanged(Job job) {
        jobListeners.forEach(listener -> listener.accept(job));
    }

    public Optional<Job> job(int id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** All jobs the printer still knows, oldest first. */
    public List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    /** Jobs not yet finished. */
    public int queuedJobCount() {
        return (int) jobs.values().stream().filter(job -> !job.isTerminal()).count();
    }

    /** Opens the IPP job's pipe and queues it for the engine; the caller then writes the data. */
    public DocumentPipe startIppJob(Job job) {
        DocumentPipe pipe = new DocumentPipe(memory);
        job.pipe(pipe);
        ippLane.submit(engineTurn(job, pipe));
        return pipe;
    }

    /**
     * A job's turn on the IPP lane. A held job gives its turn up, so the jobs behind it go on,
     * and gets it back at the end of the lane when released.
     */
    private Runnable engineTurn(Job job, DocumentPipe pipe) {
        return new Runnable() {
            @Override
            public void run() {
                synchronized (engineGate) {
                    if (!job.claimForEngine()) {
                        heldTurns.put(job.id(), this);
                        return;
                    }
                }
                pipe.onEngine();
                runJob(job, pipe.reader());
            }
        };
    }

    /** Queues a raw connection's job; {@code data} is read on the lane, when its turn comes. */
    public void queueRawJob(Job job, InputStream data, Runnable whenDone) {
        rawLane.submit(() -> {
            try {
                runJob(job, data);
            } finally {
                whenDone.run();
            }
        });
    }

    public void cancel(Job job, String reason) {
        job.requestCancel();
        if (job.state().equals(JobState.pending) || job.state().equals(JobState.pendingHeld)) {
            job.transitionTo(JobState.canceled, List.of(reason), "canceled");
        }
        synchronized (engineGate) {
            heldTurns.remove(job.id());
            engineGate.notifyAll();
        }
        hardware.poke();
        memory.poke();
    }

    // ---- what an operator does ----

    /** Hold-Job: an IPP job not yet taken by the engine waits until released; false when too late (or a raw job). */
    public boolean hold(Job job) {
        return job.path() == DataPath.IPP && job.hold("held");
    }

    /** Release-Job: the held job takes its turn again, behind the jobs queued meanwhile; false when it was not held. */
    public boolean release(Job job) {
        Runnable turn;
        synchronized (engineGate) {
            if (!job.release("released")) {
                return false;
            }
            turn = heldTurns.remove(job.id());
        }
        if (turn != null) {
            ippLane.submit(turn);
        }
        return true;
    }

    /**
     * Pause-Printer: the page being printed and the rest of its job come out; the jobs after it
     * stay pending until {@link #resume}. False when it was paused already.
     */
    public boolean pause() {
        synchronized (engineGate) {
            if (paused) {
                return false;
            }
            paused = true;
        }
        log.info("{}: paused", name());
        stateListeners.forEach(Runnable::run);
        return true;
    }

    /** Resume-Printer: the engine takes the next job. False when it was not paused. */
    public boolean resume() {
        synchronized (engineGate) {
            if (!paused) {
                return false;
            }
            paused = false;
            engineGate.notifyAll();
        }
        log.info("{}: resumed", name());
        stateListeners.forEach(Runnable::run);
        return true;
    }

    public boolean paused() {
        synchronized (engineGate) {
            return paused;
        }
    }

    /** Enable-Printer and Disable-Printer (RFC 3998 §3.1): whether IPP job creation is taken. False when nothing changed. */
    public boolean acceptJobs(boolean accept) {
        if (acceptingJobs == accept) {
            return false;
        }
        acceptingJobs = accept;
        log.info("{}: {}", name(), accept ? "enabled" : "disabled");
        stateListeners.forEach(Runnable::run);
        return true;
    }

    public boolean acceptingJobs() {
        return acceptingJobs;
    }

    /**
     * Purge-Jobs (RFC 8011 §4.2.9): every job that has not ended is canceled, and the ended ones
     * are forgotten. The ledger keeps the pages that came out. The number of jobs canceled.
     */
    public int purge() {
        int canceled = 0;
        for (Job job : jobs.values()) {
            if (job.isTerminal()) {
                jobs.remove(job.id());
            } else {
                cancel(job, "job-canceled-by-operator");
                canceled++;
            }
        }
        return canceled;
    }

    /** Waits while the printer is paused; false when the job was canceled meanwhile. */
    private boolean awaitNotPaused(Job job) throws InterruptedException {
        synchronized (engineGate) {
            while (paused && !job.cancelRequested()) {
                engineGate.wait();
            }
            return !job.cancelRequested();
        }
    }

    /** Marks a job that never got its document as done (Close-Job without Send-Document). */
    public void closeEmptyJob(Job job) {
        job.transitionTo(JobState.completed, List.of("job-completed-successfully"), "no document");
    }

    // ---- the marking engine ----

    private void runJob(Job job, InputStream data) {
        try {
            token.acquireForJob(job.path());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            try {
                // Is the printer paused? The job keeps its place, pending, until it is resumed.
                awaitNotPaused(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.transitionTo(JobState.aborted, List.of("aborted-by-system"), "printer shutting down");
                return;
            }
            if (job.cancelRequested()) {
                job.transitionTo(JobState.canceled, List.of("job-canceled-by-user"), "canceled");
                return;
            }
            job.transitionTo(JobState.processing, List.of("job-printing"), "printing");
            // The first copy prints as the document streams in; the rest from what the printer kept
            // of it (a real printer keeps the rasterized pages; the simulator their numbers and hashes).
            Sheets sheets = new Sheets(job.twoSided());
            List<Page> kept = new ArrayList<>();
            int pages = PageSplitters.forFormat(job.documentFormat()).split(data, page -> {
                kept.add(page);
                printPage(job, page, 1, sheets);
            });
            for (int copy = 2; copy <= job.copies(); copy++) {
                sheets.newCopy();
                for (Page page : kept) {
                    printPage(job, page, copy, sheets);
                }
            }
            job.transitionTo(JobState.completed, List.of("job-completed-successfully"),
                    pages + " pages printed" + (job.copies() > 1 ? ", " + job.copies() + " copies" : ""));
        } catch (JobCanceledException e) {
            job.transitionTo(JobState.canceled, List.of("job-canceled-by-user"), "canceled");
        } catch (DocumentFormatException | IllegalArgumentException e) {
            log.info("{}: job {} aborted: {}", name(), job.id(), e.getMessage());
            job.transitionTo(JobState.aborted, List.of("document-format-error"), e.getMessage());
        } catch (IOException e) {
            boolean canceled = job.cancelRequested();
            job.transitionTo(canceled ? JobState.canceled : JobState.aborted,
                    List.of(canceled ? "job-canceled-by-user" : "aborted-by-system"), String.valueOf(e.getMessage()));
        } finally {
            DocumentPipe pipe = job.pipe();
            if (pipe != null) {
                pipe.abandon();
            }
            hardware.setPrinting(false);
            token.jobDone(job.path());
            stateListeners.forEach(Runnable::run);
        }
    }

    /** Which sheet, and which side of it, each page of a job comes out on. */
    private static final class Sheets {
        private final boolean twoSided;
        private int sheet;
        private boolean frontFree;

        Sheets(boolean twoSided) {
            this.twoSided = twoSided;
        }

        /** Every copy starts on a fresh sheet. */
        void newCopy() {
            frontFree = false;
        }

        /** The side the next page goes on: false for a new sheet's front, true for the back of the current one. */
        boolean next() {
            if (twoSided && frontFree) {
                frontFree = false;
                return true;
            }
            sheet++;
            frontFree = true;
            return false;
        }

        int sheet() {
            return sheet;
        }
    }

    /** One page through the engine: waits while the printer is stopped, takes its time, comes out. */
    private void printPage(Job job, Page page, int copy, Sheets sheets) throws IOException {
        if (!job.wantsPage(page.number())) {
            return;
        }
        long pageNanos = TimeUnit.MINUTES.toNanos(1) / spec.pagesPerMinute();
        try {
            while (true) {
                if (!hardware.awaitReadyToPrint(job::cancelRequested)) {
                    throw new JobCanceledException();
                }
                long deadline = System.nanoTime() + pageNanos;
                for (long left = pageNanos; left > 0; left = deadline - System.nanoTime()) {
                    if (job.cancelRequested()) {
                        throw new JobCanceledException();
                    }
                    hardware.pause(left);
                }
                if (hardware.feedSheet()) {
                    boolean back = sheets.next();
                    ledger.record(new LedgerEntry(name(), job.id(), job.path().keyword(), page.number(), page.sha256(),
                            Instant.now(), copy, sheets.sheet(), back));
                    job.pageDone();
                    if (!back) {
                        job.sheetDone();
                    }
                    return;
                }
                log.info("{}: page {} of job {} jammed", name(), page.number(), job.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("printer shutting down");
        }
    }

    private void pruneFinishedJobs() {
        long finished = jobs.values().stream().filter(Job::isTerminal).count();
        for (Job job : jobs.values()) {
            if (finished <= KEPT_FINISHED_JOBS) {
                return;
            }
            if (job.isTerminal()) {
                jobs.remove(job.id());
                finished--;
            }
        }
    }
}
