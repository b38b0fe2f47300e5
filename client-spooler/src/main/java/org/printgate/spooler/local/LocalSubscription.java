package org.printgate.spooler.local;

import com.hp.jipp.model.Types;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * One ippget subscription on a local printer or job (RFC 3995 §5.3, RFC 3996): whose it is, which
 * events it wants, its lease, and the events it holds for the subscriber to fetch. Guarded by
 * {@link LocalSubscriptions}' lock.
 */
final class LocalSubscription {
    final int id;
    final String owner;
    /** The owner could see every job's events when subscribing (an operator). */
    final boolean operator;
    final String queue;
    /** The job of a job subscription (Create-Job-Subscriptions), or 0 for a printer subscription. */
    final long jobId;
    final Set<String> events;
    final byte[] userData;
    /** Granted lease in seconds (0 for a job subscription, which lasts as long as its job). */
    int leaseSeconds;
    /** When it lapses, millis on the spooler's clock; Long.MAX_VALUE for a job subscription whose job has not ended. */
    long expiresAt;
    private int nextSequence = 1;
    private final Deque<LocalEvent> held = new ArrayDeque<>();

    LocalSubscription(int id, String owner, boolean operator, String queue, long jobId, Set<String> events, byte[] userData,
                      int leaseSeconds, long expiresAt) {
        this.id = id;
        this.owner = owner;
        this.operator = operator;
        this.queue = queue;
        this.jobId = jobId;
        this.events = Set.copyOf(events);
        this.userData = userData;
        this.leaseSeconds = leaseSeconds;
        this.expiresAt = expiresAt;
    }

    /**
     * Does it want an event of {@code kind}? job-state-changed takes in job-created and
     * job-completed, as RFC 3995 §5.3.3.4.3 lists them as its special cases.
     */
    boolean wants(String kind) {
        return events.contains(kind) || events.contains(LocalSubscriptions.JOB_STATE_CHANGED)
                && (kind.equals(LocalSubscriptions.JOB_CREATED) || kind.equals(LocalSubscriptions.JOB_COMPLETED));
    }

    /** Keeps an event, dropping the oldest beyond {@code max} (notify-max-events-supported bounds memory). */
    LocalEvent add(String kind, long atMillis, String text, List<com.hp.jipp.encoding.Attribute<?>> attributes, int max) {
        LocalEvent event = new LocalEvent(nextSequence++, kind, queue, atMillis, text, attributes);
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

    List<LocalEvent> from(int sequence) {
        return held.stream().filter(event -> event.sequence() >= sequence).toList();
    }

    boolean isJobSubscription() {
        return jobId != 0;
    }

    /** The attributes Get-Subscription-Attributes and Get-Subscriptions answer with (RFC 3995 §5.3, §5.4). */
    List<com.hp.jipp.encoding.Attribute<?>> attributes(java.net.URI printerUri, long nowMillis) {
        List<com.hp.jipp.encoding.Attribute<?>> a = new java.util.ArrayList<>();
        a.add(Types.notifySubscriptionId.of(id));
        a.add(Types.notifyPrinterUri.of(printerUri));
        if (isJobSubscription()) {
            a.add(Types.notifyJobId.of((int) jobId));
        } else {
            long left = Math.max(0, (expiresAt - nowMillis + 999) / 1000);
            a.add(Types.notifyLeaseDuration.of((int) Math.min(Integer.MAX_VALUE, left)));
        }
        a.add(Types.notifyEvents.of(List.copyOf(new java.util.TreeSet<>(events))));
        a.add(Types.notifyPullMethod.of(LocalSubscriptions.IPPGET));
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
