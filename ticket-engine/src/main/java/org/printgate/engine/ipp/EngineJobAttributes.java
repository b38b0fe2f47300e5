package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.List;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;
import org.printgate.protocol.PrintgateTypes;

/** A ticket as IPP job attributes (docs/ticket-protocol.md §6.10). */
final class EngineJobAttributes {
    private EngineJobAttributes() {}

    /** The RFC 8011 minimum of a job-creating response. */
    static List<Attribute<?>> summary(Ticket ticket, Targets.Base base) {
        return List.of(Types.jobId.of((int) ticket.jobId()), Types.jobUri.of(base.job(ticket.jobId())),
                Types.jobState.of(ticket.state().jobState()), Types.jobStateReasons.of(ticket.reasons()));
    }

    /** The RFC 8011 minimum, and the place in line of a ticket that waits in it (saves the client asking). */
    static List<Attribute<?>> summaryWithPlace(Ticket ticket, Targets.Base base, TicketBook book) {
        List<Attribute<?>> a = new ArrayList<>(summary(ticket, base));
        if (ticket.state() == TicketState.QUEUED) {
            a.add(Types.numberOfInterveningJobs.of(book.placeOf(ticket)));
        }
        return a;
    }

    static List<Attribute<?>> of(Ticket ticket, Targets.Base base, TicketBook book) {
        return of(ticket, base, book, book.placeOf(ticket));
    }

    /** All of a ticket's attributes, its place in line already known (listings count it as they go). */
    static List<Attribute<?>> of(Ticket ticket, Targets.Base base, TicketBook book, int place) {
        List<Attribute<?>> a = new ArrayList<>(summary(ticket, base));
        a.add(Types.jobPrinterUri.of(base.queue(ticket.queue())));
        a.add(Types.jobName.of(ticket.jobName()));
        a.add(Types.jobOriginatingUserName.of(ticket.user()));
        a.add(Types.jobStateMessage.of(ticket.message()));
        a.add(Types.jobPriority.of(ticket.priority()));
        if (ticket.kOctets() >= 0) {
            a.add(Types.jobKOctets.of((int) Math.min(Integer.MAX_VALUE, ticket.kOctets())));
        }
        if (ticket.impressions() >= 0) {
            a.add(Types.jobImpressions.of(ticket.impressions()));
        }
        a.add(Types.jobImpressionsCompleted.of(ticket.impressionsCompleted()));
        a.add(Types.numberOfInterveningJobs.of(place));
        java.util.Calendar created = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(ticket.createdMillis());
        a.add(Types.dateTimeAtCreation.of(created));
        if (ticket.state() == TicketState.GRANTED) {
            book.queue(ticket.queue()).ifPresent(q -> a.add(PrintgateTypes.deviceUri.of(q.deviceUri())));
        }
        return a;
    }
}
