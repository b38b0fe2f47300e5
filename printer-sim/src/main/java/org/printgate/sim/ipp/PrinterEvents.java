package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/**
 * The events of one simulated printer and its jobs, for its ippget subscriptions (RFC 3995
 * §5.3.3, through ipp-server's {@link Subscriptions}, as the spooler's printers): job-created,
 * job-state-changed and job-completed from the job's one door ({@link Job#transitionTo}),
 * printer-state-changed when {@link PrinterStateNow} differs from what it was, which also dates
 * printer-state-change-time.
 */
final class PrinterEvents {
    /** One daemon thread for every simulated printer's Get-Notifications waits: a timer, no work. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sim-subscription-timers");
        thread.setDaemon(true);
        return thread;
    });

    private final SimPrinter printer;
    private final Subscriptions subscriptions;
    /** The jobs seen and not yet ended: the first change of any other is its creation. */
    private final Set<Integer> live = ConcurrentHashMap.newKeySet();
    private PrinterStateNow state;
    private int stateChangedAt;

    PrinterEvents(SimPrinter printer) {
        this.printer = printer;
        this.subscriptions = new Subscriptions(Clock.systemUTC(),
                (delay, task) -> TIMERS.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        this.state = PrinterStateNow.of(printer);
        this.stateChangedAt = (int) printer.upTimeSeconds();
        printer.onJobChange(this::jobChanged);
        printer.onStateChange(this::printerMayHaveChanged);
        printer.hardware().onChange(this::printerMayHaveChanged);
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** printer-state-change-time: when the printer's state last changed, in its up-time clock. */
    synchronized int stateChangedAt() {
        return stateChangedAt;
    }

    private void jobChanged(Job job) {
        JobState now = job.state();
        String kind;
        if (job.isTerminal()) {
            live.remove(job.id());
            kind = Subscriptions.JOB_COMPLETED;
        } else {
            kind = live.add(job.id()) ? Subscriptions.JOB_CREATED : Subscriptions.JOB_STATE_CHANGED;
        }
        List<Attribute<?>> attributes = List.of(Types.jobId.of(job.id()), Types.jobState.of(now),
                Types.jobStateReasons.of(job.reasons()));
        // notify-text names no job or document: another user's printer subscription may read it.
        subscriptions.jobEvent(printer.name(), job.id(), job.user(), kind, "job " + job.id() + " is " + now.getName(),
                attributes, job.isTerminal());
        printerMayHaveChanged();
    }

    private void printerMayHaveChanged() {
        PrinterStateNow now = PrinterStateNow.of(printer);
        synchronized (this) {
            if (now.equals(state)) {
                return;
            }
            state = now;
            stateChangedAt = (int) printer.upTimeSeconds();
        }
        subscriptions.printerEvent(printer.name(), printer.name() + " is " + now.message(), List.of(
                Types.printerName.of(printer.name()), Types.printerState.of(now.state()),
                Types.printerStateReasons.of(now.reasons()), Types.printerIsAcceptingJobs.of(now.accepting())));
    }
}
