package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import java.util.List;

/**
 * One event of a local printer or job as a subscription keeps it for ippget (RFC 3995 §5.3.3,
 * RFC 3996 §5.2.2): the printer URI is added when it is read, in the authority the reader used.
 *
 * @param sequence notify-sequence-number, per subscription from 1
 * @param kind notify-subscribed-event (job-created, job-state-changed, job-completed, printer-state-changed)
 * @param queue the local printer the event is about
 * @param atMillis when it happened, on the spooler's clock (for ippget-event-life)
 * @param text notify-text, never a job's name or message: another user may read a printer's events
 * @param attributes the object's attributes at the time (job-id, job-state... or printer-state...)
 */
record LocalEvent(int sequence, String kind, String queue, long atMillis, String text, List<Attribute<?>> attributes) {}
