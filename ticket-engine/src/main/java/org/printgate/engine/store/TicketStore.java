package org.printgate.engine.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;

/**
 * Where the engine's state survives a crash. Every change is durable before it is answered
 * (docs/ticket-protocol.md §11.4). An interface because a PostgreSQL store and a standby engine
 * (claim 16) come later; MapDB is the embedded default.
 */
public interface TicketStore extends AutoCloseable {

    /**
     * What was stored, for a restart: queues, live tickets, recently ended tickets (still visible
     * to Get-Jobs), and the next job id.
     */
    record Snapshot(List<QueueConfig> queues, List<Ticket> tickets, List<Ticket> recentlyEnded, long nextJobId) {}

    /** Loads everything, with the tickets that ended after {@code endedSinceMillis}. */
    Snapshot load(long endedSinceMillis);

    /**
     * Queues a change for the disk. Changes are written in the order they are given; the future
     * completes when this one is durable (several may share one fsync).
     */
    CompletableFuture<Void> commit(Change change, long nextJobId);

    /** Accounting rows of ended jobs (6-14), oldest first. */
    List<Ticket> accounting();

    @Override
    void close();
}
