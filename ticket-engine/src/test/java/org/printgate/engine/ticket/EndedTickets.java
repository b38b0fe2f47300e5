package org.printgate.engine.ticket;

import java.util.Collection;
import java.util.List;

/** Accounting rows made directly, for tests that need many (stored in a few commits, as the book would store them). */
public final class EndedTickets {
    private EndedTickets() {}

    /** A job that ended: printed {@code completed} of {@code impressions} pages. */
    public static Ticket ended(long jobId, String queue, String user, String jobName, TicketState state, int impressions,
                               int completed, long createdMillis, long endedMillis) {
        return Ticket.restore(jobId, queue, user, "ws1", jobName, 50, createdMillis, state, List.of("none"), "", 12,
                impressions, completed, 1, 0, endedMillis, "");
    }

    /** One change that stores all of {@code tickets} (ended ones as accounting rows). */
    public static Change changeOf(Collection<Ticket> tickets) {
        Change change = new Change();
        tickets.forEach(change::stored);
        return change;
    }
}
