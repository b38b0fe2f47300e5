package org.printgate.engine.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation or timer pass changed: the tickets to store (encoded under the book's lock,
 * so the store never sees a ticket half-changed), the events to deliver once stored, and the
 * accounting rows of jobs that ended (6-14, 6-17).
 */
public final class Change {
    private final Map<Long, byte[]> tickets = new LinkedHashMap<>();
    private final List<EngineEvent> events = new ArrayList<>();
    private final Map<Long, Ticket> ended = new LinkedHashMap<>();
    private final List<QueueConfig> queues = new ArrayList<>();
    private final List<String> removedQueues = new ArrayList<>();
    private final java.util.Set<String> printersToCheck = new java.util.LinkedHashSet<>();
    private Ticket subject;

    /**
     * The ticket as it is now, to store. One that has ended is stored as ended, whatever stored
     * it: a record written to the live set after the ending would bring the job back on a restart.
     */
    void stored(Ticket ticket) {
        tickets.put(ticket.jobId(), TicketCodec.encode(ticket));
        if (ticket.state().isTerminal()) {
            ended.put(ticket.jobId(), ticket);
        }
    }

    /** An event to deliver once the change is stored (also one the engine adds about a queue, §7). */
    public void event(EngineEvent event) {
        events.add(event);
    }

    void storedQueue(QueueConfig queue) {
        queues.add(queue);
    }

    /** A client reported trouble or fell silent: check this printer now (6-11, 6-17, claim 2). */
    void checkPrinter(String queue) {
        printersToCheck.add(queue);
    }

    public java.util.Set<String> printersToCheck() {
        return printersToCheck;
    }

    void removedQueue(String name) {
        removedQueues.add(name);
    }

    /** Queues deleted, to remove from the store. */
    public List<String> removedQueues() {
        return removedQueues;
    }

    /** Queues created or changed, to store. */
    public List<QueueConfig> queues() {
        return queues;
    }

    Change about(Ticket ticket) {
        subject = ticket;
        return this;
    }

    /** The ticket the operation was about, if any. */
    public Ticket subject() {
        return subject;
    }

    public Map<Long, byte[]> tickets() {
        return tickets;
    }

    public List<EngineEvent> events() {
        return events;
    }

    public java.util.Collection<Ticket> endedTickets() {
        return ended.values();
    }

    /** Did the job end in this change (its record goes to the accounting rows, not the live set)? */
    public boolean ended(long jobId) {
        return ended.containsKey(jobId);
    }

    public boolean isEmpty() {
        return tickets.isEmpty() && events.isEmpty() && queues.isEmpty() && removedQueues.isEmpty();
    }
}
