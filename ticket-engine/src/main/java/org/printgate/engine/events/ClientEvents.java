package org.printgate.engine.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.printgate.engine.ticket.EngineEvent;

/**
 * Every client's events and its one long-poll (docs/ticket-protocol.md §6.2, §6.5, §7). Each
 * holder (credential) has one queue of numbered events; a subscription id names it. A poll
 * names the next sequence number it expects: everything before it is acknowledged and dropped
 * (that acknowledgement is also the implicit confirm of a go-ahead). With nothing to hand over,
 * the poll parks — no thread — until an event arrives or the hold time runs out.
 * <p>
 * Subscriptions are leased (§6.2, RFC 3995 §5.3.8): each poll renews the lease, a parked poll
 * keeps it, and one not polled within its lease is dropped with its events by
 * {@link #expireLeases()} on the engine's clock. A poll on it then finds nothing, and the client
 * subscribes again and resynchronises (§11.3).
 */
public final class ClientEvents {
    /** Events kept for a holder without a subscription (it may come back after a restart or a lapse). */
    static final int MAX_EVENTS_UNSUBSCRIBED = 1000;

    private final ScheduledExecutorService timer;
    private final long holdMillis;
    private final java.time.Clock clock;
    private final AtomicInteger nextSubscriptionId = new AtomicInteger(1);
    private final Map<String, HolderQueue> byHolder = new HashMap<>();
    private final Map<Integer, HolderQueue> bySubscription = new HashMap<>();

    /** One numbered event. */
    public record Numbered(int sequence, EngineEvent event) {}

    /** A parked poll: how to answer it. */
    public interface Poll {
        /** Hands over events (possibly none, when the hold ran out). Called once. */
        void answer(int subscriptionId, List<Numbered> events);
    }

    private static final class HolderQueue {
        final String holder;
        int subscriptionId;
        int nextSequence = 1;
        long leaseMillis;
        /** When a poll last named the subscription, or a parked one was answered. */
        long lastPolledMillis;
        final ArrayDeque<Numbered> events = new ArrayDeque<>();
        Poll parked;
        ScheduledFuture<?> parkTimeout;

        HolderQueue(String holder) {
            this.holder = holder;
        }
    }

    /** Event queues whose subscriptions never lapse (no clock). */
    public ClientEvents(ScheduledExecutorService timer, long holdMillis) {
        this(timer, holdMillis, java.time.Clock.systemUTC());
    }

    /** @param clock the engine's clock, on which leases run out */
    public ClientEvents(ScheduledExecutorService timer, long holdMillis, java.time.Clock clock) {
        this.timer = timer;
        this.holdMillis = holdMillis;
        this.clock = clock;
    }

    /** Create-System-Subscriptions with the longest lease: the holder's subscription (a new id; the old one ends). */
    public synchronized int subscribe(String holder) {
        return subscribe(holder, java.time.Duration.ofMillis(Long.MAX_VALUE / 2));
    }

    /** Create-System-Subscriptions: the holder's subscription with {@code lease} (a new id; the old one ends). */
    public synchronized int subscribe(String holder, java.time.Duration lease) {
        HolderQueue queue = byHolder.computeIfAbsent(holder, HolderQueue::new);
        if (queue.subscriptionId != 0) {
            bySubscription.remove(queue.subscriptionId);
        }
        queue.subscriptionId = nextSubscriptionId.getAndIncrement();
        queue.leaseMillis = lease.toMillis();
        queue.lastPolledMillis = clock.millis();
        bySubscription.put(queue.subscriptionId, queue);
        return queue.subscriptionId;
    }

    /**
     * Drops every subscription not polled within its lease, with its events (§6.2, §10); a
     * subscription with a parked poll is being polled. Returns the ids dropped.
     */
    public List<Integer> expireLeases() {
        List<Integer> dropped = new ArrayList<>();
        long now = clock.millis();
        synchronized (this) {
            var subscriptions = bySubscription.values().iterator();
            while (subscriptions.hasNext()) {
                HolderQueue queue = subscriptions.next();
                if (queue.parked == null && now - queue.lastPolledMillis > queue.leaseMillis) {
                    subscriptions.remove();
                    dropped.add(queue.subscriptionId);
                    queue.subscriptionId = 0;
                    queue.events.clear();
                }
            }
        }
        return dropped;
    }

    /** Renew-Subscription (RFC 3995 §11.2.6): a new lease from now. Returns false if the subscription does not exist. */
    public synchronized boolean renew(int subscriptionId, java.time.Duration lease) {
        HolderQueue queue = bySubscription.get(subscriptionId);
        if (queue == null) {
            return false;
        }
        queue.leaseMillis = lease.toMillis();
        queue.lastPolledMillis = clock.millis();
        return true;
    }

    /**
     * Cancel-Subscription (RFC 3995 §11.2.7): the subscription ends now; a poll parked on it is
     * answered empty, and the holder's events wait, as for a holder without one, for a new
     * subscription. Returns false if it did not exist.
     */
    public boolean cancel(int subscriptionId) {
        Poll parked = null;
        synchronized (this) {
            HolderQueue queue = bySubscription.remove(subscriptionId);
            if (queue == null) {
                return false;
            }
            queue.subscriptionId = 0;
            if (queue.parked != null) {
                parked = unpark(queue);
            }
        }
        if (parked != null) {
            parked.answer(subscriptionId, List.of());
        }
        return true;
    }

    /**
     * A subscription as Get-Subscription-Attributes shows it: its holder, its lease, and the
     * sequence number of the last event it was given (0: none yet).
     */
    public record Description(int subscriptionId, String holder, java.time.Duration lease, int lastSequence) {}

    /** The subscription, if it exists. */
    public synchronized Optional<Description> describe(int subscriptionId) {
        HolderQueue queue = bySubscription.get(subscriptionId);
        return queue == null ? Optional.empty() : Optional.of(new Description(subscriptionId, queue.holder,
                java.time.Duration.ofMillis(queue.leaseMillis), queue.nextSequence - 1));
    }

    /** The holders that have a subscription now: whom news of a queue can reach (§7). */
    public synchronized List<String> subscribedHolders() {
        return bySubscription.values().stream().map(q -> q.holder).toList();
    }

    /** The holder a subscription belongs to, if it exists. */
    public synchronized Optional<String> holderOf(int subscriptionId) {
        return Optional.ofNullable(bySubscription.get(subscriptionId)).map(q -> q.holder);
    }

    /**
     * Queues a change's events for their holders, then wakes each holder's parked poll once with
     * all of them: a resume's printer event and the go-ahead it allows travel in one answer, where
     * one at a time the go-ahead waited for the client's next poll.
     */
    public void publish(List<EngineEvent> changeEvents) {
        record Wake(Poll poll, int subscription, List<Numbered> events) {}
        List<Wake> wakes = new ArrayList<>(1);
        synchronized (this) {
            java.util.Set<HolderQueue> touched = new java.util.LinkedHashSet<>();
            for (EngineEvent event : changeEvents) {
                HolderQueue queue = byHolder.computeIfAbsent(event.holder(), HolderQueue::new);
                queue.events.add(new Numbered(queue.nextSequence++, event));
                // Nobody is listening: keep the recent ones for a client that comes back, not all for ever.
                if (queue.subscriptionId == 0 && queue.events.size() > MAX_EVENTS_UNSUBSCRIBED) {
                    queue.events.pollFirst();
                }
                touched.add(queue);
            }
            for (HolderQueue queue : touched) {
                if (queue.parked != null) {
                    wakes.add(new Wake(unpark(queue), queue.subscriptionId, List.copyOf(queue.events)));
                }
            }
        }
        wakes.forEach(wake -> wake.poll().answer(wake.subscription(), wake.events()));
    }

    /**
     * Get-Notifications. Drops the events before {@code fromSequence} and gives them to
     * {@code acknowledged}; answers at once with what is left, or parks when there is nothing
     * and {@code wait} is set. Returns false if the subscription does not exist.
     */
    public boolean poll(int subscriptionId, int fromSequence, boolean wait, Poll poll,
                        Consumer<List<Numbered>> acknowledged) {
        List<Numbered> done = new ArrayList<>();
        List<Numbered> handOver;
        Poll replaced = null;
        synchronized (this) {
            HolderQueue queue = bySubscription.get(subscriptionId);
            if (queue == null) {
                return false;
            }
            queue.lastPolledMillis = clock.millis();
            while (!queue.events.isEmpty() && queue.events.peekFirst().sequence() < fromSequence) {
                done.add(queue.events.pollFirst());
            }
            handOver = List.copyOf(queue.events);
            if (handOver.isEmpty() && wait) {
                // A second poll for the same subscription ends the first one, empty.
                if (queue.parked != null) {
                    replaced = unpark(queue);
                }
                queue.parked = poll;
                queue.parkTimeout = timer.schedule(() -> expire(queue, poll), holdMillis, TimeUnit.MILLISECONDS);
            }
        }
        if (!done.isEmpty()) {
            acknowledged.accept(done);
        }
        if (replaced != null) {
            replaced.answer(subscriptionId, List.of());
        }
        if (!handOver.isEmpty() || !wait) {
            poll.answer(subscriptionId, handOver);
        }
        return true;
    }

    /** Does the subscription have a poll parked, waiting for an event? */
    public synchronized boolean isParked(int subscriptionId) {
        HolderQueue queue = bySubscription.get(subscriptionId);
        return queue != null && queue.parked != null;
    }

    /** The next sequence number a holder's subscription will use. */
    public synchronized int nextSequence(int subscriptionId) {
        HolderQueue queue = bySubscription.get(subscriptionId);
        return queue == null ? 1 : queue.nextSequence;
    }

    private void expire(HolderQueue queue, Poll poll) {
        synchronized (this) {
            if (queue.parked != poll) {
                return;
            }
            queue.parked = null;
            queue.parkTimeout = null;
            queue.lastPolledMillis = clock.millis();
        }
        poll.answer(queue.subscriptionId, List.of());
    }

    /** Takes the parked poll off its queue; the caller answers it outside the lock. */
    private Poll unpark(HolderQueue queue) {
        Poll poll = queue.parked;
        queue.parked = null;
        // The client was polling until now: its lease runs from here.
        queue.lastPolledMillis = clock.millis();
        if (queue.parkTimeout != null) {
            queue.parkTimeout.cancel(false);
            queue.parkTimeout = null;
        }
        return poll;
    }
}
