package org.printgate.ipp.subscription;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ippget subscription on a printer or one of its jobs (RFC 3995 §5.3, RFC 3996): whose it
 * is, which events it wants, its lease, and the events it holds for the subscriber to fetch.
 * Guarded by its {@link Subscriptions}' lock.
 */
public final class Subscription {
    private final int id;
    private final String owner;
    /** The owner could see every job's events when subscribing (an operator). */
    private final boolean operator;
    private final String printer;
    /** The job of a job subscription (Create-Job-Subscriptions), or 0 for a printer subscription. */
    private final long jobId;
    private final Set<String> events;
    private final byte[] userData;
    /** Granted lease in seconds (0 for a job subscription, which lasts as long as its job). */
    int leaseSeconds;
    /** When it lapses, millis on the program's clock; Long.MAX_VALUE for a job subscription whose job has not ended. */
    long expiresAt;
    private int nextSequence = 1;
    private final Deque<SubscriptionEvent> held = new ArrayDeque<>();

    Subscription(int id, String owner, boolean operator, String printer, long jobId, Set<String> events, byte[] userData,
                 int leaseSeconds, long expiresAt) {
        this.id = id;
        this.owner = owner;
        this.operator = operator;
        this.printer = printer;
        this.jobId = jobId;
        this.events = Set.copyOf(events);
        this.userData = userData;
        this.leaseSeconds = leaseSeconds;
        this.expiresAt = expiresAt;
    }

    public int id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    boolean operator() {
        return operator;
    }

    /** The printer it is on, by name. */
    public String printer() {
        return printer;
    }

    public long jobId() {
        return jobId;
    }

    byte[] userData() {
        return userData;
    }

    public boolean isJobSubscription() {
        return jobId != 0;
    }

    /**
     * Does it want an event of {@code kind}? job-state-changed takes in job-created and
     * job-completed, as RFC 3995 §5.3.3.4.3 lists them as its special cases.
     */
    boolean wants(String kind) {
        return events.contains(kind) || events.contains(Subscriptions.JOB_STATE_CHANGED)
                && (kind.equals(Subscriptions.JOB_CREATED) || kind.equals(Subscriptions.JOB_COMPLETED));
    }

    /** Keeps an event, dropping the oldest beyond {@code max} (notify-max-events-supported bounds memory). */
    SubscriptionEvent add(String kind, long atMillis, String text, List<Attribute<?>> attributes, int max) {
        SubscriptionEvent event = new SubscriptionEvent(nextSequence++, kind, printer, atMillis, text, attributes);
        held.addLast(event);
        while (held.size() > max) {
            held.removeFirst();
        }
        return event;
    }

    /** Drops events older than {@code oldest} (ippget-event-life) and those below {@code fromSequence}, which the subscriber has seen. */
    void forget(long oldest, int fromSequence) {
        held.removeIf(event -> event.atMillis() < oldest || event.sequence() < fromSequence);
    }

    List<SubscriptionEvent> from(int sequence) {
        return held.stream().filter(event -> event.sequence() >= sequence).toList();
    }

    /** The attributes Get-Subscription-Attributes and Get-Subscriptions answer with (RFC 3995 §5.3, §5.4). */
    List<Attribute<?>> attributes(URI printerUri, long nowMillis) {
        List<Attribute<?>> a = new ArrayList<>();
        a.add(Types.notifySubscriptionId.of(id));
        a.add(Types.notifyPrinterUri.of(printerUri));
        if (isJobSubscription()) {
            a.add(Types.notifyJobId.of((int) jobId));
        } else {
            long left = Math.max(0, (expiresAt - nowMillis + 999) / 1000);
            a.add(Types.notifyLeaseDuration.of((int) Math.min(Integer.MAX_VALUE, left)));
        }
        a.add(Types.notifyEvents.of(List.copyOf(new TreeSet<>(events))));
        a.add(Types.notifyPullMethod.of(Subscriptions.IPPGET));
        a.add(Types.notifySubscriberUserName.of(owner));
        a.add(Types.notifyTimeInterval.of(0));
        a.add(Types.notifyCharset.of("utf-8"));
        a.add(Types.notifyNaturalLanguage.of("en"));
        if (userData != null) {
            a.add(Types.notifyUserData.of(userData));
        }
        return a;
    }
}
