package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.printgate.ipp.DeferredAnswer;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppResponse;
import org.printgate.spooler.Scheduler;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of the local printers and their jobs, with ippget only (RFC 3995, RFC 3996):
 * events come from the spool's one door for job changes ({@link SpoolJobs#onChange}) and from
 * the printers' state ({@link LocalPrinterState}); each subscription keeps its events for
 * {@link #EVENT_LIFE_SECONDS}, at most {@link #MAX_EVENTS}, and each user holds at most
 * {@link #MAX_PER_USER} subscriptions: a desktop spooler's memory stays small whatever a client
 * asks. Leases run on the spooler's clock and are checked when anything touches the
 * subscriptions, so no timer is needed for them; a Get-Notifications with notify-wait parks its
 * answer without a thread ({@link DeferredAnswer}) for at most {@link #WAIT_LIMIT}.
 */
public final class LocalSubscriptions {
    private static final Logger log = LoggerFactory.getLogger(LocalSubscriptions.class);

    static final String IPPGET = "ippget";
    static final String JOB_CREATED = "job-created";
    static final String JOB_COMPLETED = "job-completed";
    static final String JOB_STATE_CHANGED = "job-state-changed";
    static final String PRINTER_STATE_CHANGED = "printer-state-changed";
    static final List<String> EVENTS_SUPPORTED = List.of(JOB_COMPLETED, JOB_CREATED, JOB_STATE_CHANGED, PRINTER_STATE_CHANGED);
    static final int DEFAULT_LEASE_SECONDS = 3600;
    static final int MAX_LEASE_SECONDS = 86_400;
    static final int EVENT_LIFE_SECONDS = 60;
    static final int MAX_EVENTS = 100;
    static final int MAX_PER_USER = 20;
    static final int MAX_ALL = 500;
    static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    /** What a local printer says of its subscriptions (PWG 5100.12 §6.3, RFC 3995 §5.3, RFC 3996 §7). */
    static final List<Attribute<?>> PRINTER_ATTRIBUTES = List.of(
            Types.notifyEventsDefault.of(JOB_COMPLETED),
            Types.notifyEventsSupported.of(EVENTS_SUPPORTED),
            Types.notifyLeaseDurationDefault.of(DEFAULT_LEASE_SECONDS),
            // 0 asks for the longest lease there is (RFC 3995 §5.3.8).
            Types.notifyLeaseDurationSupported.of(new IntOrIntRange(0, MAX_LEASE_SECONDS)),
            Types.notifyMaxEventsSupported.of(MAX_EVENTS),
            Types.notifyPullMethodSupported.of(IPPGET),
            Types.ippgetEventLife.of(EVENT_LIFE_SECONDS));
    private static final Set<String> OWN = Set.of(Types.notifyEventsDefault.getName(), Types.notifyEventsSupported.getName(),
            Types.notifyLeaseDurationDefault.getName(), Types.notifyLeaseDurationSupported.getName(),
            Types.notifyMaxEventsSupported.getName(), Types.notifyPullMethodSupported.getName(),
            Types.ippgetEventLife.getName(), Types.notifySchemesSupported.getName(), Types.notifyAttributesSupported.getName());

    private final Clock clock;
    private final Scheduler scheduler;
    private final LocalPrinters printers;
    private final SpoolJobs jobs;
    private final Map<Integer, LocalSubscription> subscriptions = new LinkedHashMap<>();
    /** The job-state each live job had when last seen, to tell a state change from a new message. */
    private final Map<Long, JobState> jobStates = new ConcurrentHashMap<>();
    /** The state each subscribed-to printer had when last looked at. */
    private final Map<String, LocalPrinterState> printerStates = new HashMap<>();
    private final List<Parked> parked = new ArrayList<>();
    private int nextId = 1;

    /** A Get-Notifications waiting for an event. */
    private record Parked(Map<Integer, Integer> from, IppResponse response, DeferredAnswer answer, String authority,
                          Future<?>[] timeout) {}

    public LocalSubscriptions(Clock clock, Scheduler scheduler, LocalPrinters printers, SpoolJobs jobs) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.printers = printers;
        this.jobs = jobs;
        for (SpoolJob job : jobs.live()) {
            jobStates.put(job.id(), job.phase().jobState());
        }
    }

    /** Is {@code name} a subscription attribute of the printer, answered here, not copied from the real printer? */
    static boolean isOwn(String name) {
        return OWN.contains(name);
    }

    // ---- subscriptions ----

    /**
     * Creates a subscription; its id. Refused when the user holds {@link #MAX_PER_USER} already
     * (client-error-too-many-subscriptions, RFC 3995 §13.1.2.1).
     */
    synchronized LocalSubscription create(String owner, boolean operator, String queue, long jobId, Set<String> events,
                                          byte[] userData, int leaseSeconds) {
        expire();
        long mine = subscriptions.values().stream().filter(s -> s.owner.equals(owner)).count();
        if (mine >= MAX_PER_USER || subscriptions.size() >= MAX_ALL) {
            throw new IppException(Status.clientErrorTooManySubscriptions, owner + " holds " + mine
                    + " subscriptions on this computer; at most " + MAX_PER_USER + " (cancel some, or let their leases run out)");
        }
        long expires = jobId != 0 ? Long.MAX_VALUE : clock.millis() + leaseSeconds * 1000L;
        LocalSubscription subscription = new LocalSubscription(nextId++, owner, operator, queue, jobId, events, userData,
                leaseSeconds, expires);
        subscriptions.put(subscription.id, subscription);
        if (jobId == 0) {
            printers.get(queue).ifPresent(printer -> printerStates.putIfAbsent(queue, stateOf(printer)));
        }
        log.info("subscription {} for {} on {}{}: {}", subscription.id, owner, queue, jobId == 0 ? "" : " job " + jobId, events);
        return subscription;
    }

    /** The subscription {@code id} if {@code user} may see it (theirs, or any for an operator); others' do not exist for them. */
    synchronized Optional<LocalSubscription> find(int id, String user, boolean operator) {
        expire();
        return Optional.ofNullable(subscriptions.get(id)).filter(s -> operator || s.owner.equals(user));
    }

    /** The subscriptions of {@code queue} (of its job {@code jobId}, or its printer subscriptions when 0) that {@code user} may see. */
    synchronized List<LocalSubscription> list(String queue, long jobId, String user, boolean onlyOwn) {
        expire();
        return subscriptions.values().stream().filter(s -> s.queue.equals(queue) && s.jobId == jobId)
                .filter(s -> !onlyOwn || s.owner.equals(user)).toList();
    }

    /** Renew-Subscription (RFC 3995 §11.2.6): a new lease from now. */
    synchronized int renew(LocalSubscription subscription, int leaseSeconds) {
        if (subscription.isJobSubscription()) {
            throw new IppException(Status.clientErrorNotPossible, "subscription " + subscription.id
                    + " is a job's: it lasts as long as its job and has no lease to renew");
        }
        subscription.leaseSeconds = leaseSeconds;
        subscription.expiresAt = clock.millis() + leaseSeconds * 1000L;
        return leaseSeconds;
    }

    /** Cancel-Subscription (RFC 3995 §11.2.7); a Get-Notifications waiting on it alone ends empty. */
    void cancel(LocalSubscription subscription) {
        List<Parked> ended;
        synchronized (this) {
            subscriptions.remove(subscription.id);
            ended = parkedOn(Set.of(subscription.id));
        }
        log.info("subscription {} of {} canceled", subscription.id, subscription.owner);
        ended.forEach(this::answer);
    }

    synchronized long milliseconds() {
        return clock.millis();
    }

    /** The granted lease for {@code asked} (none: the default; 0 or above the maximum: the maximum; RFC 3995 §5.3.8). */
    static int lease(Integer asked) {
        if (asked == null) {
            return DEFAULT_LEASE_SECONDS;
        }
        if (asked < 0) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "notify-lease-duration " + asked + " < 0");
        }
        return asked == 0 || asked > MAX_LEASE_SECONDS ? MAX_LEASE_SECONDS : asked;
    }

    /** Drops lapsed subscriptions (with their events) and events older than their life. Called with the lock held. */
    private void expire() {
        long now = clock.millis();
        List<Parked> ended = new ArrayList<>();
        subscriptions.values().removeIf(s -> {
            if (s.expiresAt > now) {
                s.forget(now - EVENT_LIFE_SECONDS * 1000L, 0);
                return false;
            }
            log.info("subscription {} of {} lapsed", s.id, s.owner);
            return true;
        });
        for (Parked p : List.copyOf(parked)) {
            if (!subscriptions.keySet().containsAll(p.from().keySet())) {
                parked.remove(p);
                ended.add(p);
            }
        }
        // Answered later, outside the lock: the scheduler's thread does it at once.
        ended.forEach(p -> scheduler.schedule(Runnable::run, () -> answer(p), Duration.ZERO));
    }

    // ---- events ----

    /** Every change of a spooled job, from {@link SpoolJobs#onChange}: job events, and the printer's state may follow. */
    public void jobChanged(SpoolJob job) {
        JobState now = job.phase().jobState();
        JobState before = job.phase().isFinal() ? jobStates.remove(job.id()) : jobStates.put(job.id(), now);
        if (now.equals(before)) {
            return;
        }
        String kind = before == null && !job.phase().isFinal() ? JOB_CREATED : job.phase().isFinal() ? JOB_COMPLETED : JOB_STATE_CHANGED;
        List<Attribute<?>> attributes = List.of(Types.jobId.of((int) job.id()), Types.jobState.of(now),
                Types.jobStateReasons.of(LocalJobAttributes.reasons(job, printers)));
        List<Parked> ready;
        synchronized (this) {
            expire();
            long at = clock.millis();
            for (LocalSubscription s : subscriptions.values()) {
                // Another user's job is not this user's business: an operator's subscription sees every job.
                boolean visible = s.operator || s.owner.equals(job.user());
                boolean about = s.isJobSubscription() ? s.jobId == job.id() : s.queue.equals(job.queue());
                if (about && visible && s.wants(kind)) {
                    s.add(kind, at, "job " + job.id() + " is " + now.getName(), attributes, MAX_EVENTS);
                }
                if (s.isJobSubscription() && s.jobId == job.id() && job.phase().isFinal()) {
                    // A job's subscription ends with its job, once its last events have had their life.
                    s.expiresAt = Math.min(s.expiresAt, at + EVENT_LIFE_SECONDS * 1000L);
                }
            }
            ready = readyToAnswer();
        }
        ready.forEach(this::answer);
        printerMayHaveChanged(job.queue());
    }

    /** The printer {@code queue} may have changed state (the engine's news, an operator here, a job): raises printer-state-changed. */
    public void printerMayHaveChanged(String queue) {
        List<Parked> ready;
        synchronized (this) {
            if (subscriptions.values().stream().noneMatch(s -> s.queue.equals(queue) && s.wants(PRINTER_STATE_CHANGED))) {
                printerStates.remove(queue);
                return;
            }
            LocalPrinter printer = printers.get(queue).orElse(null);
            if (printer == null) {
                return;
            }
            LocalPrinterState state = stateOf(printer);
            LocalPrinterState before = printerStates.put(queue, state);
            if (state.equals(before) || before != null && sameButCount(before, state)) {
                return;
            }
            List<Attribute<?>> attributes = List.of(Types.printerName.of(queue), Types.printerState.of(state.state()),
                    Types.printerStateReasons.of(state.reasons()), Types.printerIsAcceptingJobs.of(state.accepting()));
            long at = clock.millis();
            for (LocalSubscription s : subscriptions.values()) {
                if (s.queue.equals(queue) && !s.isJobSubscription() && s.wants(PRINTER_STATE_CHANGED)) {
                    s.add(PRINTER_STATE_CHANGED, at, queue + " is " + state.message(), attributes, MAX_EVENTS);
                }
            }
            ready = readyToAnswer();
        }
        ready.forEach(this::answer);
    }

    /** The printers list changed (the engine's news): every subscribed-to printer is looked at again. */
    public void printersChanged() {
        List<String> queues;
        synchronized (this) {
            queues = subscriptions.values().stream().map(s -> s.queue).distinct().toList();
        }
        queues.forEach(this::printerMayHaveChanged);
    }

    /** Only queued-job-count moved: not a state change (RFC 3995 §5.3.3.4.2 printer-state-changed is about state and reasons). */
    private static boolean sameButCount(LocalPrinterState a, LocalPrinterState b) {
        return a.state().equals(b.state()) && a.reasons().equals(b.reasons()) && a.accepting() == b.accepting()
                && a.message().equals(b.message());
    }

    private LocalPrinterState stateOf(LocalPrinter printer) {
        return LocalPrinterState.of(printer, jobs, printers.controls());
    }

    // ---- Get-Notifications (RFC 3996 §5.2) ----

    /**
     * Answers {@code response} with the events of {@code from}'s subscriptions (sequence numbers
     * from the value given), now, or once one comes when {@code wait} and none is there yet.
     */
    void poll(Map<Integer, Integer> from, boolean wait, IppResponse response, String authority) {
        DeferredAnswer answer = response.defer();
        Parked poll = new Parked(from, response, answer, authority, new Future<?>[1]);
        boolean now;
        synchronized (this) {
            expire();
            from.forEach((id, sequence) -> {
                LocalSubscription s = subscriptions.get(id);
                if (s != null) {
                    // Events below the sequence asked for have been seen: they need not be kept (RFC 3996 §5.2.1).
                    s.forget(clock.millis() - EVENT_LIFE_SECONDS * 1000L, sequence);
                }
            });
            now = !wait || hasEvents(poll);
            if (!now) {
                parked.add(poll);
                answer.onAbandoned(() -> unpark(poll));
                poll.timeout()[0] = scheduler.schedule(Runnable::run, () -> {
                    if (unpark(poll)) {
                        answer(poll);
                    }
                }, WAIT_LIMIT);
            }
        }
        if (now) {
            answer(poll);
        }
    }

    private synchronized boolean unpark(Parked poll) {
        return parked.remove(poll);
    }

    private boolean hasEvents(Parked poll) {
        return poll.from().entrySet().stream().anyMatch(e -> {
            LocalSubscription s = subscriptions.get(e.getKey());
            return s != null && !s.from(e.getValue()).isEmpty();
        });
    }

    /** Parked polls that now have events; taken off the list. Called with the lock held. */
    private List<Parked> readyToAnswer() {
        List<Parked> ready = parked.stream().filter(this::hasEvents).toList();
        parked.removeAll(ready);
        return ready;
    }

    private List<Parked> parkedOn(Set<Integer> ids) {
        List<Parked> on = parked.stream().filter(p -> p.from().keySet().stream().anyMatch(ids::contains)).toList();
        parked.removeAll(on);
        return on;
    }

    /** Fills and sends one poll's answer. */
    private void answer(Parked poll) {
        if (poll.timeout()[0] != null) {
            poll.timeout()[0].cancel(false);
        }
        IppResponse response = poll.response();
        synchronized (this) {
            long now = clock.millis();
            response.operation().add(Types.notifyGetInterval.of(EVENT_LIFE_SECONDS / 2));
            response.operation().add(Types.printerUpTime.of((int) (now / 1000)));
            for (Map.Entry<Integer, Integer> e : poll.from().entrySet()) {
                LocalSubscription s = subscriptions.get(e.getKey());
                if (s == null) {
                    continue;
                }
                URI printerUri = LocalJobAttributes.printerUri(poll.authority(), s.queue);
                for (LocalEvent event : s.from(e.getValue())) {
                    var group = response.newGroup(Tag.eventNotificationAttributes);
                    group.add(Types.notifySubscriptionId.of(s.id));
                    group.add(Types.notifySequenceNumber.of(event.sequence()));
                    group.add(Types.notifySubscribedEvent.of(event.kind()));
                    group.add(Types.notifyText.of(event.text()));
                    group.add(Types.notifyCharset.of("utf-8"));
                    group.add(Types.notifyNaturalLanguage.of("en"));
                    group.add(Types.notifyPrinterUri.of(printerUri));
                    group.add(Types.printerUpTime.of((int) (event.atMillis() / 1000)));
                    if (s.userData != null) {
                        group.add(Types.notifyUserData.of(s.userData));
                    }
                    event.attributes().forEach(group::add);
                }
            }
        }
        poll.answer().send();
    }
}
