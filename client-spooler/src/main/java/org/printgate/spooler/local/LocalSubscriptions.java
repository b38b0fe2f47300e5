package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.spooler.Scheduler;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The subscriptions of the local printers and their jobs: ipp-server's {@link Subscriptions}
 * (ippget, leases on the spooler's clock, bounded events, owner rules), told of the spooler's
 * events: the spool's one door for job changes ({@link SpoolJobs#onChange}) and the printers'
 * state ({@link LocalPrinterState}), each raised only when the state it is about changed.
 */
public final class LocalSubscriptions {
    private final Subscriptions subscriptions;
    private final LocalPrinters printers;
    private final SpoolJobs jobs;
    /** The job-state each live job had when last seen, to tell a state change from a new message. */
    private final Map<Long, JobState> jobStates = new ConcurrentHashMap<>();
    /** The state each subscribed-to printer had when last looked at. Guarded by this. */
    private final Map<String, LocalPrinterState> printerStates = new HashMap<>();

    public LocalSubscriptions(Clock clock, Scheduler scheduler, LocalPrinters printers, SpoolJobs jobs) {
        // The waits' timers run on the spooler's scheduler: tests move them with its clock.
        this.subscriptions = new Subscriptions(clock, (delay, task) -> scheduler.schedule(Runnable::run, task, delay));
        this.printers = printers;
        this.jobs = jobs;
        for (SpoolJob job : jobs.live()) {
            jobStates.put(job.id(), job.phase().jobState());
        }
        // A new printer subscription hears of changes from the state its printer has now.
        subscriptions.onPrinterSubscription(queue -> printers.get(queue).ifPresent(printer -> {
            LocalPrinterState now = stateOf(printer);
            synchronized (this) {
                printerStates.putIfAbsent(queue, now);
            }
        }));
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Every change of a spooled job, from {@link SpoolJobs#onChange}: job events, and the printer's state may follow. */
    public void jobChanged(SpoolJob job) {
        JobState now = job.phase().jobState();
        JobState before = job.phase().isFinal() ? jobStates.remove(job.id()) : jobStates.put(job.id(), now);
        if (now.equals(before)) {
            return;
        }
        String kind = before == null && !job.phase().isFinal() ? Subscriptions.JOB_CREATED
                : job.phase().isFinal() ? Subscriptions.JOB_COMPLETED : Subscriptions.JOB_STATE_CHANGED;
        List<Attribute<?>> attributes = List.of(Types.jobId.of((int) job.id()), Types.jobState.of(now),
                Types.jobStateReasons.of(LocalJobAttributes.reasons(job, printers)));
        subscriptions.jobEvent(job.queue(), job.id(), job.user(), kind, "job " + job.id() + " is " + now.getName(), attributes,
                job.phase().isFinal());
        printerMayHaveChanged(job.queue());
    }

    /** The printer {@code queue} may have changed state (the engine's news, an operator here, a job): raises printer-state-changed. */
    public void printerMayHaveChanged(String queue) {
        if (!subscriptions.wantsPrinterEvents(queue)) {
            synchronized (this) {
                printerStates.remove(queue);
            }
            return;
        }
        LocalPrinter printer = printers.get(queue).orElse(null);
        if (printer == null) {
            return;
        }
        LocalPrinterState state = stateOf(printer);
        synchronized (this) {
            LocalPrinterState before = printerStates.put(queue, state);
            if (state.equals(before) || before != null && sameButCount(before, state)) {
                return;
            }
        }
        subscriptions.printerEvent(queue, queue + " is " + state.message(), List.of(Types.printerName.of(queue),
                Types.printerState.of(state.state()), Types.printerStateReasons.of(state.reasons()),
                Types.printerIsAcceptingJobs.of(state.accepting())));
    }

    /** The printers list changed (the engine's news): every subscribed-to printer is looked at again. */
    public void printersChanged() {
        subscriptions.subscribedPrinters().forEach(this::printerMayHaveChanged);
    }

    /** Only queued-job-count moved: not a state change (RFC 3995 §5.3.3.4.2 printer-state-changed is about state and reasons). */
    private static boolean sameButCount(LocalPrinterState a, LocalPrinterState b) {
        return a.state().equals(b.state()) && a.reasons().equals(b.reasons()) && a.accepting() == b.accepting()
                && a.message().equals(b.message());
    }

    private LocalPrinterState stateOf(LocalPrinter printer) {
        return LocalPrinterState.of(printer, jobs, printers.controls());
    }
}
