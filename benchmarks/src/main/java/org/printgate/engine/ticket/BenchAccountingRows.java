package org.printgate.engine.ticket;

import java.util.Collection;
import java.util.List;

/**
 * Accounting rows made directly, for the bench's millions (issue 17: a month's report over
 * 5,000,000 rows). Through the ticket book each would be three commits of a job's life, an hour
 * of work; here they are ended tickets stored in commits of thousands, as the book's own
 * changes store them (totals included). In the engine's package for {@link Change}'s
 * package-private {@code stored}: only the book makes changes in the product.
 */
public final class BenchAccountingRows {
    private BenchAccountingRows() {}

    /** A job that printed {@code pages} pages and ended at {@code endedMillis}. */
    public static Ticket completed(long jobId, String queue, String user, String holder, int pages,
                                   long createdMillis, long endedMillis) {
        return Ticket.restore(jobId, queue, user, holder, "report", 50, createdMillis, TicketState.COMPLETED,
                List.of("none"), "", 64, pages, pages, 1, 0, endedMillis, "");
    }

    /** One change storing all of {@code tickets}, ended ones as accounting rows. */
    public static Change changeOf(Collection<Ticket> tickets) {
        Change change = new Change();
        tickets.forEach(change::stored);
        return change;
    }
}
