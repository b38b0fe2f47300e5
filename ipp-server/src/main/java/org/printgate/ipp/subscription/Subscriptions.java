package org.printgate.ipp.subscription;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.printgate.ipp.DeferredAnswer;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of a program's printers and their jobs, with ippget only (RFC 3995, RFC
 * 3996), whatever the program: it tells of its jobs' and printers' changes ({@link #jobEvent},
 * {@link #printerEvent}) and these are kept for the subscriptions that want them. Each
 * subscription keeps its events for {@link #EVENT_LIFE_SECONDS}, at most {@link #MAX_EVENTS}, and
 * each user holds at most {@link #MAX_PER_USER} subscriptions: memory stays small whatever a
 * client asks. Leases run on the program's clock and are checked when anything touches the
 * subscriptions, so no timer is needed for them; a Get-Notifications with notify-wait parks its
 * answer without a thread ({@link DeferredAnswer}) for at most {@link #WAIT_LIMIT}.
 */
public final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    public static final String IPPGET = "ippget";
    public static final String JOB_CREATED = "job-created";
    public static final String JOB_COMPLETED = "job-completed";
    public static final String JOB_STATE_CHANGED = "job-state-changed";
    public static final String PRINTER_STATE_CHANGED = "printer-state-changed";
    public static final List<String> EVENTS_SUPPORTED = List.of(JOB_COMPLETED, JOB_CREATED, JOB_STATE_CHANGED, PRINTER_STATE_CHANGED);
    public static final int DEFAULT_LEASE_SECONDS = 3600;
    public static final int MAX_LEASE_SECONDS = 86_400;
    public static final int EVENT_LIFE_SECONDS = 60;
    public static final int MAX_EVENTS = 100;
    public static final int MAX_PER_USER = 20;
    public static final int MAX_ALL = 500;
    public static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    /** What a printer says of its subscriptions (PWG 5100.12 §6.3, RFC 3995 §5.3, RFC 3996 §7). */
    public static final List<Attribute<?>> PRINTER_ATTRIBUTES = List.of(
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

    /** When a task runs later: the program's own timers, so that tests can move them with their clock. */
    @FunctionalInterface
    public interface Delays {
        /** Runs {@code task} once {@code delay} has passed, on a thread that may do a little work; cancellable. */
        Future<?> after(Duration delay, Runnable task);
    }

    private final Clock clock;
    private final Delays delays;
    private final Map<Integer, Subscription> subscriptions = new LinkedHashMap<>();
    private final List<Parked> parked = new ArrayList<>();
    private final List<Consumer<String>> printerSubscribed = new CopyOnWriteArrayList<>();
    private int nextId = 1;

    /** A Get-Notifications waiting for an event. */
    private record Parked(Map<Integer, Integer> from, IppResponse response, DeferredAnswer answer,
                          Function<String, URI> printerUri, Future<?>[] timeout) {}

    public Subscriptions(Clock clock, Delays delays) {
        this.clock = clock;
        this.delays = delays;
    }

    /** Is {@code name} a subscription attribute of a printer, answered from here (a proxy must not copy the real printer's)? */
    public static boolean isOwn(String name) {
        return OWN.contains(name);
    }

    /**
     * Calls {@code listener} with the printer's name when a printer subscription is made, outside
     * this object's lock: a program that raises printer-state-changed by comparing states takes
     * the state the subscriber starts from.
     */
    public void onPrinterSubscription(Consumer<String> listener) {
        printerSubscribed.add(listener);
    }

    // ---- subscriptions ----

    /**
     * Creates a subscription. Refused when the user holds {@link #MAX_PER_USER} already
     * (client-error-too-many-subscriptions, RFC 3995 §13.1.2.1).
     *
     * @param operator the owner may see every job's events
     * @param jobId the job of a job subscription, 0 for a printer subscription
     */
    public Subscription create(String owner, boolean operator, String printer, long jobId, Set<String> events,
                               byte[] userData, int leaseSeconds) {
        Subscription subscription = add(owner, operator, printer, jobId, events, userData, leaseSeconds);
        if (jobId == 0) {
            printerSubscribed.forEach(listener -> listener.accept(printer));
        }
        return subscription;
    }

    private synchronized Subscription add(String owner, boolean operator, String printer, long jobId, Set<String> events,
                                          byte[] userData, int leaseSeconds) {
        expire();
        long mine = subscriptions.values().stream().filter(s -> s.owner().equals(owner)).count();
        if (mine >= MAX_PER_USER || subscriptions.size() >= MAX_ALL) {
            throw new IppException(Status.clientErrorTooManySubscriptions, owner + " holds " + mine
                    + " subscriptions here; at most " + MAX_PER_USER + " (cancel some, or let their leases run out)");
        }
        long expires = jobId != 0 ? Long.MAX_VALUE : clock.millis() + leaseSeconds * 1000L;
        Subscription subscription = new Subscription(nextId++, owner, operator, printer, jobId, events, userData,
                leaseSeconds, expires);
        subscriptions.put(subscription.id(), subscription);
        log.info("subscription {} for {} on {}{}: {}", subscription.id(), owner, printer, jobId == 0 ? "" : " job " + jobId, events);
        return subscription;
    }

    /** The subscription {@code id} if {@code user} may see it (theirs, or any for an operator); others' do not exist for them. */
    public synchronized Optional<Subscription> find(int id, String user, boolean operator) {
        expire();
        return Optional.ofNullable(subscriptions.get(id)).filter(s -> operator || s.owner().equals(user));
    }

    /** The subscriptions of {@code printer} (of its job {@code jobId}, or its printer subscriptions when 0) that {@code user} may see. */
    public synchronized List<Subscription> list(String printer, long jobId, String user, boolean onlyOwn) {
        expire();
        return subscriptions.values().stream().filter(s -> s.printer().equals(printer) && s.jobId() == jobId)
                .filter(s -> !onlyOwn || s.owner().equals(user)).toList();
    }

    /** The printers that have a subscription now. */
    public synchronized List<String> subscribedPrinters() {
        return subscriptions.values().stream().map(Subscription::printer).distinct().toList();
    }

    /** Does a subscription of {@code printer} want printer-state-changed? (Only then is its state worth watching.) */
    public synchronized boolean wantsPrinterEvents(String printer) {
        return subscriptions.values().stream().anyMatch(s -> s.printer().equals(printer) && !s.isJobSubscription()
                && s.wants(PRINTER_STATE_CHANGED));
    }

    /** Renew-Subscription (RFC 3995 §11.2.6): a new lease from now. */
    public synchronized int renew(Subscription subscription, int leaseSeconds) {
        if (subscription.isJobSubscription()) {
            throw new IppException(Status.clientErrorNotPossible, "subscription " + subscription.id()
                    + " is a job's: it lasts as long as its job and has no lease to renew");
        }
        subscription.leaseSeconds = leaseSeconds;
        subscription.expiresAt = clock.millis() + leaseSeconds * 1000L;
        return leaseSeconds;
    }

    /** Cancel-Subscription (RFC 3995 §11.2.7); a Get-Notifications waiting on it alone ends empty. */
    public void cancel(Subscription subscription) {
        List<Parked> ended;
        synchronized (this) {
            subscriptions.remove(subscription.id());
            ended = parkedOn(Set.of(subscription.id()));
        }
        log.info("subscription {} of {} canceled", subscription.id(), subscription.owner());
        ended.forEach(this::answer);
    }

    public synchronized long milliseconds() {
        return clock.millis();
    }

    /** The granted lease for {@code asked} (none: the default; 0 or above the maximum: the maximum; RFC 3995 §5.3.8). */
    public static int lease(Integer asked) {
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
            log.info("subscription {} of {} lapsed", s.id(), s.owner());
            return true;
        });
        for (Parked p : List.copyOf(parked)) {
            if (!subscriptions.keySet().containsAll(p.from().keySet())) {
                parked.remove(p);
                ended.add(p);
            }
        }
        // Answered later, outside the lock: the delays' thread does it at once.
        ended.forEach(p -> delays.after(Duration.ZERO, () -> answer(p)));
    }

    // ---- events ----

    /**
     * A job of {@code printer} raised an event of {@code kind}: kept for the printer's
     * subscriptions whose owner may see the job (its owner, or an operator) and for the job's own.
     *
     * @param jobOwner the job's user: another user's job is not their business
     * @param ended the job has ended: its own subscriptions end once these events have had their life
     */
    public void jobEvent(String printer, long jobId, String jobOwner, String kind, String text, List<Attribute<?>> attributes,
                         boolean ended) {
        List<Parked> ready;
        synchronized (this) {
            expire();
            long at = clock.millis();
            for (Subscription s : subscriptions.values()) {
                boolean visible = s.operator() || s.owner().equals(jobOwner);
                boolean about = s.isJobSubscription() ? s.jobId() == jobId : s.printer().equals(printer);
                if (about && visible && s.wants(kind)) {
                    s.add(kind, at, text, attributes, MAX_EVENTS);
                }
                if (ended && s.isJobSubscription() && s.jobId() == jobId && s.printer().equals(printer)) {
                    s.expiresAt = Math.min(s.expiresAt, at + EVENT_LIFE_SECONDS * 1000L);
                }
            }
            ready = readyToAnswer();
        }
        ready.forEach(this::answer);
    }

    /** {@code printer} changed state (printer-state, its reasons, accepting jobs): printer-state-changed for its printer subscriptions. */
    public void printerEvent(String printer, String text, List<Attribute<?>> attributes) {
        List<Parked> ready;
        synchronized (this) {
            expire();
            long at = clock.millis();
            for (Subscription s : subscriptions.values()) {
                if (s.printer().equals(printer) && !s.isJobSubscription() && s.wants(PRINTER_STATE_CHANGED)) {
                    s.add(PRINTER_STATE_CHANGED, at, text, attributes, MAX_EVENTS);
                }
            }
            ready = readyToAnswer();
        }
        ready.forEach(this::answer);
    }

    // ---- Get-Notifications (RFC 3996 §5.2) ----

    /**
     * Answers {@code response} with the events of {@code from}'s subscriptions (sequence numbers
     * from the value given), now, or once one comes when {@code wait} and none is there yet.
     *
     * @param printerUri a printer's URI by its name, as the client reaches it
     */
    public void poll(Map<Integer, Integer> from, boolean wait, IppResponse response, Function<String, URI> printerUri) {
        DeferredAnswer answer = response.defer();
        Parked poll = new Parked(from, response, answer, printerUri, new Future<?>[1]);
        boolean now;
        synchronized (this) {
            expire();
            from.forEach((id, sequence) -> {
                Subscription s = subscriptions.get(id);
                if (s != null) {
                    // Events below the sequence asked for have been seen: they need not be kept (RFC 3996 §5.2.1).
                    s.forget(clock.millis() - EVENT_LIFE_SECONDS * 1000L, sequence);
                }
            });
            now = !wait || hasEvents(poll);
            if (!now) {
                parked.add(poll);
                answer.onAbandoned(() -> unpark(poll));
                poll.timeout()[0] = delays.after(WAIT_LIMIT, () -> {
                    if (unpark(poll)) {
                        answer(poll);
                    }
                });
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
            Subscription s = subscriptions.get(e.getKey());
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
                Subscription s = subscriptions.get(e.getKey());
                if (s == null) {
                    continue;
                }
                URI printerUri = poll.printerUri().apply(s.printer());
                for (SubscriptionEvent event : s.from(e.getValue())) {
                    var group = response.newGroup(Tag.eventNotificationAttributes);
                    group.add(Types.notifySubscriptionId.of(s.id()));
                    group.add(Types.notifySequenceNumber.of(event.sequence()));
                    group.add(Types.notifySubscribedEvent.of(event.kind()));
                    group.add(Types.notifyText.of(event.text()));
                    group.add(Types.notifyCharset.of("utf-8"));
                    group.add(Types.notifyNaturalLanguage.of("en"));
                    group.add(Types.notifyPrinterUri.of(printerUri));
                    group.add(Types.printerUpTime.of((int) (event.atMillis() / 1000)));
                    if (s.userData() != null) {
                        group.add(Types.notifyUserData.of(s.userData()));
                    }
                    event.attributes().forEach(group::add);
                }
            }
        }
        poll.answer().send();
    }
}
