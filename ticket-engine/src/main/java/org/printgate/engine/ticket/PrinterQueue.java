package org.printgate.engine.ticket;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One printer's queue: its waiting tickets in grant order (claim 12: priority, then age, 6-1),
 * the tickets holding its capacity, and whether the printer can take work.
 */
final class PrinterQueue {
    /** Highest priority first, then oldest, then lowest job id (docs/ticket-protocol.md §9.1). */
    static final Comparator<Ticket> ORDER = Comparator.comparingInt(Ticket::priority).reversed()
            .thenComparingLong(Ticket::createdMillis)
            .thenComparingLong(Ticket::jobId);

    QueueConfig config;
    final TreeSet<Ticket> waiting = new TreeSet<>(ORDER);
    final Set<Ticket> active = new LinkedHashSet<>();
    /** Incoming and set-aside tickets: not in the order, but not ended. */
    final Set<Ticket> outOfOrder = new java.util.HashSet<>();
    /** Ended tickets, oldest end first, kept for Get-Jobs until the retention runs out. */
    final java.util.ArrayDeque<Ticket> ended = new java.util.ArrayDeque<>();
    int grantedJobs;
    long grantedKOctets;
    boolean up = true;
    List<String> downReasons = List.of();
    /**
     * A client gave a job back because the printer failed it: no go-aheads until the watch has
     * checked the printer, so the next job does not run into the same fault (§6.7).
     */
    boolean awaitingCheck;

    PrinterQueue(QueueConfig config) {
        this.config = config;
    }

    /** May the head ticket be granted now (claim 1)? */
    boolean fits(Ticket head) {
        if (!up || awaitingCheck || config.paused() || grantedJobs >= config.maxJobs()) {
            return false;
        }
        return config.maxKOctets() == 0 || grantedJobs == 0
                || grantedKOctets + Math.max(0, head.kOctets()) <= config.maxKOctets();
    }

    void hold(Ticket ticket) {
        active.add(ticket);
        grantedJobs++;
        grantedKOctets += Math.max(0, ticket.kOctets());
    }

    void release(Ticket ticket) {
        if (active.remove(ticket)) {
            grantedJobs--;
            grantedKOctets -= Math.max(0, ticket.kOctets());
        }
    }

    /**
     * Position among the waiting tickets, 0 = next. A sorted set can only count by walking, so
     * both sides are walked in step and the shorter one ends it: min(place, rest) steps, and a
     * new ticket (the usual question) is at or near the end.
     */
    int placeOf(Ticket ticket) {
        java.util.Iterator<Ticket> before = waiting.headSet(ticket, false).descendingIterator();
        java.util.Iterator<Ticket> after = waiting.tailSet(ticket, false).iterator();
        for (int steps = 0; ; steps++) {
            if (!before.hasNext()) {
                return steps;
            }
            if (!after.hasNext()) {
                return waiting.size() - 1 - steps;
            }
            before.next();
            after.next();
        }
    }
}
