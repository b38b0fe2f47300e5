package org.printgate.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.EngineEvent;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.protocol.PrintgateTypes;

/**
 * What the engine's commits are measured by: each commit's latency (handed to the store to
 * durable, the group commit's wait included) and outcome, and what the committed change
 * announces once it is durable, which is when its events go out: first go-aheads (their time
 * since the ticket was requested) and heartbeats that went missing.
 * <p>
 * The engine commits under its book's lock ({@code Engine.apply}), so the tickets a change's
 * events name are looked up there, on the committing thread, never on the store's committer.
 */
final class CommitMeasures {
    private final EngineMetrics metrics;
    /** The book's tickets by job id; go-aheads are not measured until set (not those a restart sends again). */
    private volatile LongFunction<Ticket> tickets;

    CommitMeasures(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    void measureGoAheads(LongFunction<Ticket> lookup) {
        this.tickets = lookup;
    }

    CompletableFuture<Void> commit(Change change, Supplier<CompletableFuture<Void>> commit) {
        long start = System.nanoTime();
        List<Long> requested = firstGoAheads(change);
        int missed = missedHeartbeats(change);
        CompletableFuture<Void> durable = commit.get();
        durable.whenComplete((done, failure) -> {
            metrics.committed(System.nanoTime() - start, failure == null);
            if (failure == null) {
                requested.forEach(metrics::wentAhead);
                for (int i = 0; i < missed; i++) {
                    metrics.heartbeatMissed();
                }
            }
        });
        return durable;
    }

    /**
     * When the tickets of the change's first go-aheads were requested; a ticket granted again
     * (after a go-ahead ran out, or was given back) is not measured twice.
     */
    private List<Long> firstGoAheads(Change change) {
        LongFunction<Ticket> lookup = tickets;
        if (lookup == null) {
            return List.of();
        }
        List<Long> requested = new ArrayList<>(1);
        for (EngineEvent event : change.events()) {
            if (event.kind().equals(EngineEvent.JOB_FETCHABLE)) {
                Ticket ticket = lookup.apply(event.jobId());
                if (ticket != null && ticket.attempts() == 0) {
                    requested.add(ticket.createdMillis());
                }
            }
        }
        return requested;
    }

    /** Printing jobs the change stalls for want of a heartbeat (the engine's timer pass, claim 2). */
    private static int missedHeartbeats(Change change) {
        int missed = 0;
        for (EngineEvent event : change.events()) {
            if (event.kind().equals(EngineEvent.JOB_STATE_CHANGED) && event.state() == TicketState.STALLED
                    && event.reasons() != null && event.reasons().contains(PrintgateTypes.heartbeatLost)) {
                missed++;
            }
        }
        return missed;
    }
}
