package org.printgate.ipp.subscription;

import com.hp.jipp.encoding.Attribute;
import java.util.List;

/**
 * One event of a printer or job as a subscription keeps it for ippget (RFC 3995 §5.3.3,
 * RFC 3996 §5.2.2): the printer URI is added when it is read, in the authority the reader used.
 *
 * @param sequence notify-sequence-number, per subscription from 1
 * @param kind notify-subscribed-event (job-created, job-state-changed, job-completed, printer-state-changed)
 * @param printer the printer the event is about, by name
 * @param atMillis when it happened, on the program's clock (for ippget-event-life)
 * @param text notify-text, never a job's name or message: another user may read a printer's events
 * @param attributes the object's attributes at the time (job-id, job-state... or printer-state...)
 */
public record SubscriptionEvent(int sequence, String kind, String printer, long atMillis, String text,
                                List<Attribute<?>> attributes) {}
