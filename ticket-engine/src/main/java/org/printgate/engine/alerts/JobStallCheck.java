package org.printgate.engine.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;

/**
 * Jobs that do not move, checked now and then (once a minute in the engine). A job holding a
 * go-ahead is stalled when its client fell silent (the book's own heartbeat timer made it
 * {@link TicketState#STALLED}), or when it still sends heartbeats but no page has come out for
 * the stall time: the book cannot see that, since heartbeats keep its timer alive. Jobs waiting
 * their turn longer than the wait time raise one alert per queue, not one per job.
 * <p>
 * Cheap: one pass over the live tickets, and for each printing job its page count and when it
 * last moved. Runs on one thread at a time.
 */
final class JobStallCheck {
    private final AlertBoard board;
    private final TicketBook book;
    private final Clock clock;
    private final Duration stall;
    private final Duration wait;
    /** Printing jobs: pages done when last seen to move, and when. */
    private final Map<Long, Progress> progress = new HashMap<>();

    private record Progress(int pages, long sinceMillis) {}

    JobStallCheck(AlertBoard board, TicketBook book, Clock clock, Duration stall, Duration wait) {
        this.board = board;
        this.book = book;
        this.clock = clock;
        this.stall = stall;
        this.wait = wait;
    }

    synchronized void check() {
        long now = clock.millis();
        Set<String> stalled = new HashSet<>();
        Set<Long> printing = new HashSet<>();
        for (QueueConfig queue : book.queues()) {
            List<Ticket> live;
            try {
                live = book.liveTickets(queue.name());
            } catch (RuntimeException deletedMeanwhile) {
                continue;
            }
            int waiting = 0;
            Ticket oldest = null;
            for (Ticket ticket : live) {
                if (ticket.state().holdsCapacity()) {
                    printing.add(ticket.jobId());
                    if (isStalled(ticket, now)) {
                        stalled.add(subject(ticket));
                    }
                } else if ((ticket.state() == TicketState.QUEUED || ticket.state() == TicketState.SET_ASIDE)
                        && now - ticket.createdMillis() >= wait.toMillis()) {
                    waiting++;
                    oldest = oldest == null || ticket.createdMillis() < oldest.createdMillis() ? ticket : oldest;
                }
            }
            if (waiting == 0) {
                board.clear(AlertKind.JOBS_WAITING, queue.name());
            } else {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("queue", queue.name());
                details.put("jobs-waiting", String.valueOf(waiting));
                details.put("oldest-job", String.valueOf(oldest.jobId()));
                board.raise(AlertKind.JOBS_WAITING, queue.name(), Severity.WARNING, waiting + " job(s) on "
                        + queue.name() + " have waited more than " + wait.toMinutes() + " minutes; the oldest, job "
                        + oldest.jobId() + ", " + Duration.ofMillis(now - oldest.createdMillis()).toMinutes()
                        + " minutes. Is the printer up and the queue running?", details);
            }
        }
        progress.keySet().retainAll(printing);
        for (Alert open : board.open(AlertKind.JOB_STALLED)) {
            if (!stalled.contains(open.subject())) {
                board.clear(AlertKind.JOB_STALLED, open.subject());
            }
        }
    }

    /** Raises the job's alert if it is stalled now; true if it is. */
    private boolean isStalled(Ticket ticket, long now) {
        Progress seen = progress.get(ticket.jobId());
        if (seen == null || seen.pages() != ticket.impressionsCompleted()) {
            seen = new Progress(ticket.impressionsCompleted(), now);
            progress.put(ticket.jobId(), seen);
        }
        String why;
        if (ticket.state() == TicketState.STALLED) {
            why = "its client stopped sending heartbeats; the job fails unless it comes back";
        } else if (now - seen.sinceMillis() >= stall.toMillis()) {
            why = "no page has come out for " + Duration.ofMillis(now - seen.sinceMillis()).toMinutes()
                    + " minutes (" + ticket.impressionsCompleted() + " done)";
        } else {
            return false;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("job-id", String.valueOf(ticket.jobId()));
        details.put("queue", ticket.queue());
        details.put("user", ticket.user());
        details.put("client", ticket.holder());
        details.put("job-state", ticket.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("pages-done", String.valueOf(ticket.impressionsCompleted()));
        board.raise(AlertKind.JOB_STALLED, subject(ticket), Severity.WARNING, "job " + ticket.jobId() + " of "
                + ticket.user() + " on " + ticket.queue() + " is stalled: " + why, details);
        return true;
    }

    private static String subject(Ticket ticket) {
        return "job " + ticket.jobId();
    }
}
