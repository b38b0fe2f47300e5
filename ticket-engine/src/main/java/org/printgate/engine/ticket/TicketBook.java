package org.printgate.engine.ticket;

import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.printgate.ipp.IppException;

/**
 * Every queue and ticket of the engine, and the rules that move them (docs/ticket-protocol.md
 * §4, §6, §9, §10): requests (3-1..3-5), details (3-6..3-8), grants in priority-then-age order
 * within capacity (claims 1, 12; 6-1..6-3), confirms (6-4), heartbeats and endings (claim 2,
 * 6-12..6-17), cancels (fig. 4, 5) and the timers, all on an injected clock.
 *
 * <p>One lock guards the book: every operation is a few map and tree updates, so it is short;
 * each returns a {@link Change} that the engine stores durably before anyone is answered.
 */
public final class TicketBook {
    private final Clock clock;
    private final Timeouts timeouts;
    private final Map<String, PrinterQueue> queues = new LinkedHashMap<>();
    /** Every ticket held, live and ended within the retention, by job id: pages walk it newest first. */
    private final java.util.NavigableMap<Long, Ticket> tickets = new java.util.TreeMap<>();
    /** Set-aside tickets by holder: a holder that shows life gets them back without a scan. */
    private final Map<String, java.util.Set<Ticket>> setAsideByHolder = new HashMap<>();
    private long nextJobId = 1;
    /** Tickets not yet ended, per holder, for the live-job limit (§6.3 check 9). */
    private final Map<String, Integer> liveByHolder = new HashMap<>();
    /**
     * How many of {@link #tickets} are in each state (by ordinal), kept as they come, change and go
     * ({@link #track}, {@link #transition}, {@link #untrack}), so /metrics and the console's
     * dashboard read the counts, not 1,000,000 tickets.
     */
    private final long[] heldByState = new long[TicketState.values().length];
    /** Queues that give no go-aheads (the watch says down, or paused), by name: the dashboard's "down". */
    private final java.util.NavigableSet<String> stopped = new java.util.TreeSet<>();
    /** Recent ticket requests by holder + idempotency key, oldest first, for the replay window (§11.1). */
    private final java.util.LinkedHashMap<String, Ticket> recentRequests = new java.util.LinkedHashMap<>();
    public static final long REPLAY_WINDOW_MILLIS = java.time.Duration.ofMinutes(10).toMillis();
    /** How long ended tickets stay visible to Get-Jobs (§4). */
    public static final long ENDED_RETENTION_MILLIS = java.time.Duration.ofHours(24).toMillis();

    public TicketBook(Clock clock, Timeouts timeouts) {
        this.clock = clock;
        this.timeouts = timeouts;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    // ---- queues ----

    /** Creates a queue, or changes one (Create-Printer, Set-Printer-Attributes); stored with the change. */
    public synchronized Change addQueue(QueueConfig config) {
        PrinterQueue existing = queues.get(config.name());
        Change change = new Change();
        if (existing != null) {
            existing.config = config;
            schedule(existing, change);
        } else {
            queues.put(config.name(), new PrinterQueue(config));
        }
        noteStopped(queues.get(config.name()));
        change.storedQueue(config);
        return change;
    }

    public synchronized Optional<QueueConfig> queue(String name) {
        return Optional.ofNullable(queues.get(name)).map(q -> q.config);
    }

    /** How many queues there are, without copying them. */
    public synchronized int queueCount() {
        return queues.size();
    }

    public synchronized List<QueueConfig> queues() {
        return queues.values().stream().map(q -> q.config).toList();
    }

    /** The queues {@code user} may print on, by name (3-9, 3-10: where else to go). */
    public synchronized List<String> queuesAllowing(String user) {
        return queues.values().stream().filter(q -> q.config.allows(user)).map(q -> q.config.name()).sorted().toList();
    }

    /**
     * Marks a printer up or down (fig. 7). Every client with a live job on the queue is told
     * (7-3), so its user can cancel, move or wait; a printer coming up gets grants at once.
     */
    public synchronized Change setPrinterUp(String name, boolean up, List<String> reasons, String message) {
        PrinterQueue queue = existingQueue(name);
        Change change = new Change();
        boolean changed = queue.up != up || !queue.downReasons.equals(up ? List.of() : reasons);
        queue.up = up;
        queue.downReasons = up ? List.of() : List.copyOf(reasons);
        noteStopped(queue);
        if (changed) {
            tellHolders(queue, message, change);
        }
        if (up) {
            schedule(queue, change);
        }
        return change;
    }

    /** The watch checked the printer (or it cannot be checked): go-aheads held after a give-back go out again. */
    public synchronized Change printerChecked(String name) {
        PrinterQueue queue = queues.get(name);
        Change change = new Change();
        if (queue != null && queue.awaitingCheck) {
            queue.awaitingCheck = false;
            schedule(queue, change);
        }
        return change;
    }

    public synchronized boolean isUp(String name) {
        PrinterQueue queue = existingQueue(name);
        return queue.up && !queue.config.paused();
    }

    /**
     * Pause-Printer / Resume-Printer by an operator: grants stop or start; clients are told (fig. 7).
     * Stored with the queue, so a paused queue is still paused after a restart.
     */
    public synchronized Change setPaused(String name, boolean paused) {
        PrinterQueue queue = existingQueue(name);
        Change change = new Change();
        if (queue.config.paused() == paused) {
            return change;
        }
        queue.config = queue.config.withPaused(paused);
        noteStopped(queue);
        change.storedQueue(queue.config);
        tellHolders(queue, paused ? "paused by an operator" : "resumed", change);
        schedule(queue, change);
        return change;
    }

    /**
     * Disable-Printer / Enable-Printer by an operator (§6.11): the queue refuses or takes new
     * tickets; the tickets it has are not touched and still get their go-ahead. Stored with the
     * queue, so it survives a restart.
     */
    public synchronized Change setAccepting(String name, boolean accepting) {
        PrinterQueue queue = existingQueue(name);
        Change change = new Change();
        if (queue.config.acceptingJobs() != accepting) {
            queue.config = queue.config.withAcceptingJobs(accepting);
            change.storedQueue(queue.config);
            // As cupsd does on accept/reject: a printer-state-changed event, so clients show it at once.
            tellHolders(queue, accepting ? "accepting jobs" : "not accepting jobs", change);
        }
        return change;
    }

    /** A printer-state-changed event with the queue's reasons now, to every client with a live job on it (7-3). */
    private void tellHolders(PrinterQueue queue, String message, Change change) {
        List<String> reasons = reasonsOf(queue);
        for (String holder : holdersOn(queue)) {
            change.event(new EngineEvent(holder, EngineEvent.PRINTER_STATE_CHANGED, 0, queue.config.name(), null,
                    reasons, message, null, 0));
        }
    }

    /** printer-state-reasons of a queue: paused first, then what the watch saw; none when it may print. */
    private static List<String> reasonsOf(PrinterQueue queue) {
        List<String> reasons = new ArrayList<>();
        if (queue.config.paused()) {
            reasons.add("paused");
        }
        if (!queue.up) {
            reasons.addAll(queue.downReasons);
        }
        return reasons.isEmpty() ? List.of("none") : reasons;
    }

    /** Delete-Printer: only a queue without live jobs (cancel or move them first, §6.11). */
    public synchronized Change removeQueue(String name) {
        PrinterQueue queue = existingQueue(name);
        if (!queue.active.isEmpty() || !queue.waiting.isEmpty() || !queue.outOfOrder.isEmpty()) {
            throw new IppException(Status.clientErrorNotPossible, name + " still has jobs: cancel or move them first");
        }
        queues.remove(name);
        stopped.remove(name);
        queue.ended.forEach(t -> untrack(t.jobId()));
        Change change = new Change();
        change.removedQueue(name);
        return change;
    }

    private static java.util.Set<String> holdersOn(PrinterQueue queue) {
        java.util.Set<String> holders = new java.util.TreeSet<>();
        queue.active.forEach(t -> holders.add(t.holder()));
        queue.waiting.forEach(t -> holders.add(t.holder()));
        queue.outOfOrder.forEach(t -> holders.add(t.holder()));
        return holders;
    }

    /** Keeps {@link #stopped} as {@link #isUp} says: called wherever a queue's up flag or pause changes. */
    private void noteStopped(PrinterQueue queue) {
        if (queue.up && !queue.config.paused()) {
            stopped.remove(queue.config.name());
        } else {
            stopped.add(queue.config.name());
        }
    }

    /** How many queues give no go-aheads (down or paused), kept as they change: O(1). */
    public synchronized int stoppedQueueCount() {
        return stopped.size();
    }

    /** The first {@code max} queues, by name, that give no go-aheads. */
    public synchronized List<QueueConfig> firstStoppedQueues(int max) {
        return stopped.stream().limit(max).map(name -> queues.get(name).config).toList();
    }

    /**
     * How many of {@code names} (a set of {@code size} names: a concurrent set may count its size
     * slowly) are queues that give no go-aheads. The smaller of the two sets is walked, so this is
     * O(min(size, stopped queues)).
     */
    public synchronized int stoppedAmong(java.util.Set<String> names, long size) {
        int count = 0;
        if (size <= stopped.size()) {
            for (String name : names) {
                count += stopped.contains(name) ? 1 : 0;
            }
        } else {
            for (String name : stopped) {
                count += names.contains(name) ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * The first {@code max} of {@code names}, in their order, that are queues giving go-aheads;
     * the names passed over cost a look-up each.
     */
    public synchronized List<QueueConfig> firstGoing(Iterable<String> names, int max) {
        List<QueueConfig> going = new ArrayList<>();
        for (java.util.Iterator<String> it = names.iterator(); it.hasNext() && going.size() < max; ) {
            PrinterQueue queue = queues.get(it.next());
            if (queue != null && !stopped.contains(queue.config.name())) {
                going.add(queue.config);
            }
        }
        return going;
    }

    /** Why the queue gives no go-aheads (paused, then the watch's reasons); empty when it may print. */
    public synchronized List<String> downReasons(String name) {
        List<String> reasons = reasonsOf(existingQueue(name));
        return reasons.equals(List.of("none")) ? List.of() : reasons;
    }

    public synchronized int grantedJobs(String name) {
        return existingQueue(name).grantedJobs;
    }

    public synchronized long grantedKOctets(String name) {
        return existingQueue(name).grantedKOctets;
    }

    /** Tickets not yet ended on the queue: incoming, queued, set aside and those holding capacity. */
    public synchronized int queuedJobCount(String name) {
        PrinterQueue queue = existingQueue(name);
        return queue.waiting.size() + queue.outOfOrder.size();
    }

    // ---- tickets ----

    public synchronized Optional<Ticket> ticket(long jobId) {
        return Optional.ofNullable(tickets.get(jobId));
    }

    /**
     * How many tickets are in each state, live and ended within the retention (for /metrics and
     * the console's dashboard); states without a ticket are left out. Kept as tickets change: O(states).
     */
    public synchronized Map<TicketState, Long> countByState() {
        Map<TicketState, Long> counts = new java.util.EnumMap<>(TicketState.class);
        for (TicketState state : TicketState.values()) {
            if (heldByState[state.ordinal()] != 0) {
                counts.put(state, heldByState[state.ordinal()]);
            }
        }
        return counts;
    }

    /** {@link #countByState} by a walk of every ticket, O(tickets): what the kept counts must equal (tests). */
    synchronized Map<TicketState, Long> countByStateByWalking() {
        Map<TicketState, Long> counts = new java.util.EnumMap<>(TicketState.class);
        for (Ticket ticket : tickets.values()) {
            counts.merge(ticket.state(), 1L, Long::sum);
        }
        return counts;
    }

    /** The queues that give no go-aheads by a walk of every queue, O(queues): what {@link #stopped} must equal (tests). */
    synchronized java.util.Set<String> stoppedByWalking() {
        java.util.Set<String> walked = new java.util.TreeSet<>();
        queues.values().stream().filter(q -> !q.up || q.config.paused()).forEach(q -> walked.add(q.config.name()));
        return walked;
    }

    /**
     * A page of tickets, newest first.
     *
     * @param resumeBefore where the next page starts (the {@code before} to give it), or 0 when
     *     no ticket is left to look at
     * @param examined how many tickets this page looked at
     */
    public record TicketPage(List<Ticket> tickets, long resumeBefore, int examined) {}

    /**
     * Up to {@code limit} tickets that {@code wanted} takes, newest first, among those with a job
     * id below {@code before} (all when 0) and not below {@code notBelow}, in the queue named or
     * in all. No more than {@code budget} tickets are looked at, so the lock is held briefly
     * whatever the filter: with 1,000,000 tickets and a filter that takes none, a page is
     * {@code budget} map steps, and the next one goes on from there. A queue's own tickets are
     * sorted for it (O(k log k), k its tickets).
     */
    public synchronized TicketPage newestFirst(String queue, long before, long notBelow,
                                               java.util.function.Predicate<Ticket> wanted, int limit, int budget) {
        Iterable<Ticket> candidates;
        if (queue == null) {
            candidates = tickets.subMap(notBelow, true, before > 0 ? before : Long.MAX_VALUE, false).descendingMap().values();
        } else {
            PrinterQueue q = queues.get(queue);
            List<Ticket> own = new ArrayList<>();
            if (q != null) {
                own.addAll(q.active);
                own.addAll(q.waiting);
                own.addAll(q.outOfOrder);
                own.addAll(q.ended);
            }
            own.removeIf(t -> before > 0 && t.jobId() >= before || t.jobId() < notBelow);
            own.sort(java.util.Comparator.comparingLong(Ticket::jobId).reversed());
            candidates = own;
        }
        List<Ticket> page = new ArrayList<>(Math.min(limit, 64));
        int examined = 0;
        long last = 0;
        boolean more = false;
        for (Ticket ticket : candidates) {
            if (page.size() == limit || examined == budget) {
                more = true;
                break;
            }
            examined++;
            last = ticket.jobId();
            if (wanted.test(ticket)) {
                page.add(ticket);
            }
        }
        return new TicketPage(List.copyOf(page), more ? last : 0, examined);
    }

    /**
     * The id of the first ticket the book holds that was made at or after {@code millis}, or the
     * next id to be given when none was: with {@link #newestFirst} it bounds a page of jobs by
     * time in O(log² n) map steps rather than a walk. Ids are given in the order tickets are
     * made (under this lock), so their times rise with them, but for a clock set back.
     */
    public synchronized long firstJobMadeSince(long millis) {
        if (tickets.isEmpty()) {
            return nextJobId;
        }
        long low = tickets.firstKey();
        long high = tickets.lastKey() + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (tickets.ceilingEntry(middle).getValue().createdMillis() >= millis) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low > tickets.lastKey() ? nextJobId : tickets.ceilingKey(low);
    }

    /** The queue's tickets that are not ended: granted ones first, then in grant order, then the rest. */
    public synchronized List<Ticket> liveTickets(String name) {
        PrinterQueue queue = existingQueue(name);
        List<Ticket> live = new ArrayList<>(queue.active);
        live.addAll(queue.waiting);
        queue.outOfOrder.stream().sorted(PrinterQueue.ORDER).forEach(live::add);
        return live;
    }

    /** Ended tickets still visible, most recent first. */
    public synchronized List<Ticket> endedTickets(String name) {
        List<Ticket> ended = new ArrayList<>(existingQueue(name).ended);
        java.util.Collections.reverse(ended);
        return ended;
    }

    /** How many tickets {@code holder} holds that have not ended (§6.3 check 9). */
    public synchronized int liveCount(String holder) {
        return liveByHolder.getOrDefault(holder, 0);
    }

    /** The live tickets a holder has, for its resynchronisation after a restart (§11.3). Scans: rare. */
    public synchronized List<Ticket> liveTicketsOf(String holder) {
        return tickets.values().stream().filter(t -> t.holder().equals(holder) && !t.state().isTerminal())
                .sorted(java.util.Comparator.comparingLong(Ticket::jobId)).toList();
    }

    /** How many tickets wait before this one (number-of-intervening-jobs). */
    public synchronized int placeOf(Ticket ticket) {
        PrinterQueue queue = existingQueue(ticket.queue());
        return ticket.state() == TicketState.QUEUED ? queue.placeOf(ticket) : 0;
    }

    /**
     * A ticket request (3-1..3-5): a job id at once. With a size it is queued now (and may be
     * granted now); without, it is incoming until {@link #details}.
     */
    public synchronized Change request(String queueName, String user, String holder, String jobName, int priority,
                                       long kOctets, int impressions) {
        return request(queueName, user, holder, jobName, priority, kOctets, impressions, null);
    }

    /**
     * A ticket request carrying an idempotency key (§11.1): the same request resent within the
     * replay window — its answer was lost — gets the ticket it already made, not a second one.
     */
    public synchronized Change request(String queueName, String user, String holder, String jobName, int priority,
                                       long kOctets, int impressions, String requestKey) {
        return request(queueName, user, holder, jobName, priority, kOctets, impressions, requestKey, Integer.MAX_VALUE);
    }

    /**
     * A ticket request for a holder that may hold at most {@code maxLiveJobs} tickets that have
     * not ended (§6.3 check 9): one more is refused with server-error-too-many-jobs.
     */
    public synchronized Change request(String queueName, String user, String holder, String jobName, int priority,
                                       long kOctets, int impressions, String requestKey, int maxLiveJobs) {
        PrinterQueue queue = queues.get(queueName);
        if (queue == null) {
            throw new IppException(Status.clientErrorNotFound, "no queue " + queueName);
        }
        if (requestKey != null) {
            Ticket earlier = recentRequests.get(holder + "\n" + requestKey);
            if (earlier != null) {
                // Stored again (same bytes): the answer waits for the first write to be durable too.
                Change replay = new Change().about(earlier);
                replay.stored(earlier);
                return replay;
            }
        }
        // Is the queue taking new tickets (§6.3 check 8)? Checked again here, where it cannot change meanwhile.
        if (!queue.config.acceptingJobs()) {
            throw new IppException(Status.serverErrorNotAcceptingJobs, queueName + " is not accepting jobs");
        }
        // Is the holder below its live-job limit (§6.3 check 9)?
        int live = liveByHolder.getOrDefault(holder, 0);
        if (live >= maxLiveJobs) {
            throw new IppException(Status.serverErrorTooManyJobs,
                    "already " + live + " jobs not ended; at most " + maxLiveJobs + " (cancel or finish some first)");
        }
        Ticket ticket = new Ticket(nextJobId++, queueName, user, holder, jobName, priority, clock.millis());
        track(ticket);
        liveByHolder.merge(holder, 1, Integer::sum);
        if (requestKey != null) {
            ticket.requestKey(requestKey);
            recentRequests.put(holder + "\n" + requestKey, ticket);
        }
        Change change = new Change().about(ticket);
        if (kOctets >= 0) {
            ticket.details(kOctets, impressions);
            enqueue(queue, ticket, change);
        } else {
            queue.outOfOrder.add(ticket);
            change.stored(ticket);
        }
        return change;
    }

    /** Job details (3-6..3-8): the ticket joins the order at its age. */
    public synchronized Change details(long jobId, String holder, long kOctets, int impressions) {
        Ticket ticket = held(jobId, holder);
        Change change = new Change().about(ticket);
        switch (ticket.state()) {
            case INCOMING, SET_ASIDE -> {
                ticket.details(kOctets, impressions);
                enqueue(queues.get(ticket.queue()), ticket, change);
            }
            case QUEUED -> {
                PrinterQueue queue = queues.get(ticket.queue());
                queue.waiting.remove(ticket);
                ticket.details(kOctets, impressions);
                queue.waiting.add(ticket);
                change.stored(ticket);
                schedule(queue, change);
            }
            default -> {
                // A replay of the same details is harmless; a change after the grant is not.
                if (ticket.kOctets() != kOctets) {
                    throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " is already " + ticket.state());
                }
            }
        }
        return change;
    }

    /** The confirm of a go-ahead (6-4, claims 4-5): the job is printing. */
    public synchronized Change confirm(long jobId, String holder) {
        Ticket ticket = held(jobId, holder);
        Change change = new Change().about(ticket);
        switch (ticket.state()) {
            case GRANTED -> {
                transition(ticket, TicketState.PRINTING, List.of("none"), "", clock.millis() + timeouts.stall().toMillis());
                change.stored(ticket);
            }
            case PRINTING, STALLED, STOPPING -> { }
            case INCOMING, QUEUED, SET_ASIDE -> throw new IppException(Status.clientErrorNotFetchable,
                    "job " + jobId + " has no go-ahead (it may have run out)");
            default -> throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " is " + ticket.state());
        }
        return change;
    }

    /** What a client reports with Update-Job-Status (claim 2, 6-12..6-17). */
    public enum Report { PRINTING, STOPPED, GIVE_BACK, COMPLETED, FAILED, CANCELED }

    public synchronized Change report(long jobId, String holder, Report report, int impressionsCompleted,
                                      List<String> reasons, String message) {
        Ticket ticket = held(jobId, holder);
        Change change = new Change().about(ticket);
        if (ticket.state().isTerminal()) {
            if (report.name().equals(endingOf(ticket.state()))) {
                return change;
            }
            throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has already ended: " + ticket.state());
        }
        if (!ticket.state().holdsCapacity()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has no go-ahead");
        }
        ticket.progress(impressionsCompleted);
        PrinterQueue queue = queues.get(ticket.queue());
        long now = clock.millis();
        if (report == Report.STOPPED || report == Report.GIVE_BACK || report == Report.FAILED) {
            change.checkPrinter(ticket.queue());
        }
        switch (report) {
            case PRINTING, STOPPED -> {
                if (ticket.state() != TicketState.STOPPING) {
                    List<String> why = report == Report.STOPPED ? List.of(JobStateReason.printerStopped) : List.of(JobStateReason.none);
                    transition(ticket, TicketState.PRINTING, why, message, now + timeouts.stall().toMillis());
                } else {
                    transition(ticket, TicketState.STOPPING, ticket.reasons(), ticket.message(), ticket.deadlineMillis());
                }
            }
            case GIVE_BACK -> {
                queue.awaitingCheck = true;
                queue.release(ticket);
                ticket.attempt();
                if (ticket.attempts() >= timeouts.maxAttempts()) {
                    end(queue, ticket, TicketState.FAILED, List.of(JobStateReason.abortedBySystem), "too many attempts", change);
                } else {
                    transition(ticket, TicketState.QUEUED, List.of("none"), message, 0);
                    queue.waiting.add(ticket);
                }
            }
            case COMPLETED -> end(queue, ticket, TicketState.COMPLETED, List.of(JobStateReason.jobCompletedSuccessfully), message, change);
            case FAILED -> end(queue, ticket, TicketState.FAILED,
                    reasons.isEmpty() ? List.of(JobStateReason.abortedBySystem) : reasons, message, change);
            case CANCELED -> end(queue, ticket, TicketState.CANCELED,
                    ticket.state() == TicketState.STOPPING ? ticket.reasons().subList(1, ticket.reasons().size())
                            : List.of(JobStateReason.jobCanceledByUser), message, change);
        }
        change.stored(ticket);
        schedule(queue, change);
        return change;
    }

    /**
     * Cancel (fig. 4) by the holder or owner, or interrupt (fig. 5) by an operator. A job that
     * holds no capacity ends now; one at the printer is stopping until the client confirms.
     */
    public synchronized Change cancel(long jobId, String requester, boolean byOperator) {
        Ticket ticket = tickets.get(jobId);
        if (ticket == null) {
            throw new IppException(Status.clientErrorNotFound, "no job " + jobId);
        }
        Change change = new Change().about(ticket);
        if (ticket.state() == TicketState.COMPLETED || ticket.state() == TicketState.FAILED) {
            throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has already ended: " + ticket.state());
        }
        cancelInto(ticket, requester, byOperator, change);
        return change;
    }

    /**
     * Cancel-My-Jobs / Cancel-Jobs without job-ids (PWG 5100.11, docs/ticket-protocol.md §6.8):
     * every live ticket on {@code queueName} (on every queue when null) that {@code select}
     * picks, each as Cancel-Job would, in one change.
     *
     * @param requesterIsOperator an operator canceling another holder's job interrupts it (fig. 5)
     */
    public synchronized Change cancelEach(String queueName, java.util.function.Predicate<Ticket> select, String requester,
                                          boolean requesterIsOperator) {
        List<PrinterQueue> where = queueName == null ? List.copyOf(queues.values()) : List.of(existingQueue(queueName));
        Change change = new Change();
        for (PrinterQueue queue : where) {
            List<Ticket> live = new ArrayList<>(queue.active);
            live.addAll(queue.waiting);
            live.addAll(queue.outOfOrder);
            for (Ticket ticket : live) {
                if (select.test(ticket)) {
                    cancelInto(ticket, requester, requesterIsOperator && !ticket.holder().equals(requester), change);
                }
            }
        }
        return change;
    }

    /**
     * Cancel-My-Jobs / Cancel-Jobs with job-ids: all of them or none. A job that does not exist
     * for the requester ({@code select} says no) is not found; one that already completed or
     * failed cannot be canceled.
     */
    public synchronized Change cancelNamed(List<Long> jobIds, java.util.function.Predicate<Ticket> select,
                                           String requester, boolean requesterIsOperator) {
        List<Ticket> named = new ArrayList<>();
        for (long jobId : jobIds) {
            Ticket ticket = tickets.get(jobId);
            if (ticket == null || !select.test(ticket)) {
                throw new IppException(Status.clientErrorNotFound, "no job " + jobId);
            }
            if (ticket.state() == TicketState.COMPLETED || ticket.state() == TicketState.FAILED) {
                throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has already ended: " + ticket.state());
            }
            named.add(ticket);
        }
        Change change = new Change();
        for (Ticket ticket : named) {
            cancelInto(ticket, requester, requesterIsOperator && !ticket.holder().equals(requester), change);
        }
        return change;
    }

    /** The cancel table of §6.8 for one ticket that has not completed or failed. */
    private void cancelInto(Ticket ticket, String requester, boolean byOperator, Change change) {
        String reason = byOperator ? JobStateReason.jobCanceledByOperator : JobStateReason.jobCanceledByUser;
        PrinterQueue queue = queues.get(ticket.queue());
        boolean bySomeoneElse = !requester.equals(ticket.holder());
        switch (ticket.state()) {
            case INCOMING, QUEUED, SET_ASIDE -> {
                queue.waiting.remove(ticket);
                end(queue, ticket, TicketState.CANCELED, List.of(reason), "canceled", change);
                // The holder deletes its spool (4-4, 5-3): tell it when someone else canceled.
                if (bySomeoneElse) {
                    change.event(jobEvent(ticket));
                }
            }
            case GRANTED, PRINTING, STALLED -> {
                transition(ticket, TicketState.STOPPING, List.of(JobStateReason.processingToStopPoint, reason), "canceling",
                        clock.millis() + timeouts.fail().toMillis());
                change.stored(ticket);
                if (bySomeoneElse) {
                    change.event(jobEvent(ticket));
                }
            }
            default -> { }
        }
    }

    /**
     * Moves a job that is not at a printer to another queue (fig. 7, 7-8..7-12), keeping its id
     * and its age, so it takes its place there by priority and creation time.
     */
    public synchronized Change move(long jobId, String holder, String destination) {
        Ticket ticket = held(jobId, holder);
        PrinterQueue to = queues.get(destination);
        if (to == null) {
            throw new IppException(Status.clientErrorNotFound, "no queue " + destination);
        }
        Change change = new Change().about(ticket);
        if (ticket.queue().equals(destination)) {
            return change;
        }
        // Is the job off the printer? A printing job is given back first (§6.9).
        TicketState state = ticket.state();
        if (state != TicketState.INCOMING && state != TicketState.QUEUED && state != TicketState.SET_ASIDE) {
            throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " is " + state + ": give it back first");
        }
        // May the user print there (7-9, 7-13)?
        if (!to.config.allows(ticket.user())) {
            throw new IppException(Status.clientErrorNotAuthorized, ticket.user() + " may not print on " + destination);
        }
        // Does the destination take new tickets (§6.9)?
        if (!to.config.acceptingJobs()) {
            throw new IppException(Status.serverErrorNotAcceptingJobs, destination + " is not accepting jobs");
        }
        // Is the destination working (7-10)? If not, the job stays where it is (7-11).
        if (!to.up) {
            throw new IppException(Status.clientErrorNotPossible, destination + " is down: " + String.join(", ", to.downReasons));
        }
        PrinterQueue from = queues.get(ticket.queue());
        boolean waiting = from.waiting.remove(ticket);
        from.outOfOrder.remove(ticket);
        ticket.move(destination);
        if (waiting) {
            to.waiting.add(ticket);
        } else {
            to.outOfOrder.add(ticket);
        }
        change.stored(ticket);
        schedule(from, change);
        schedule(to, change);
        return change;
    }

    /** A holder showed life: its set-aside tickets go back into the order at their age (§6.6). */
    public synchronized Change holderSeen(String holder) {
        Change change = new Change();
        java.util.Set<Ticket> aside = setAsideByHolder.remove(holder);
        if (aside != null) {
            for (Ticket ticket : aside) {
                enqueue(queues.get(ticket.queue()), ticket, change);
            }
        }
        return change;
    }

    /** Runs the timers (§10): go-aheads not confirmed, silent jobs, stalls and stops that ran out. */
    public synchronized Change tick() {
        Change change = new Change();
        long now = clock.millis();
        for (PrinterQueue queue : queues.values()) {
            for (Ticket ticket : List.copyOf(queue.active)) {
                if (ticket.deadlineMillis() == 0 || now < ticket.deadlineMillis()) {
                    continue;
                }
                switch (ticket.state()) {
                    case GRANTED -> {
                        queue.release(ticket);
                        ticket.attempt();
                        if (ticket.attempts() >= timeouts.maxAttempts()) {
                            end(queue, ticket, TicketState.FAILED, List.of(JobStateReason.abortedBySystem), "go-ahead never confirmed", change);
                        } else {
                            transition(ticket, TicketState.SET_ASIDE, List.of(org.printgate.protocol.PrintgateTypes.goAheadExpired),
                                    "go-ahead not confirmed in time", 0);
                            queue.outOfOrder.add(ticket);
                            setAsideByHolder.computeIfAbsent(ticket.holder(), h -> new java.util.HashSet<>()).add(ticket);
                            change.stored(ticket);
                        }
                        change.event(jobEvent(ticket));
                    }
                    case PRINTING -> {
                        // Silence: is it the printer? Check it at once (claim 2).
                        change.checkPrinter(ticket.queue());
                        transition(ticket, TicketState.STALLED, List.of(org.printgate.protocol.PrintgateTypes.heartbeatLost),
                                "no heartbeat from the client", now + timeouts.fail().toMillis());
                        change.stored(ticket);
                        change.event(jobEvent(ticket));
                    }
                    case STALLED -> {
                        end(queue, ticket, TicketState.FAILED, List.of(JobStateReason.abortedBySystem, org.printgate.protocol.PrintgateTypes.heartbeatLost),
                                "the client fell silent", change);
                        change.event(jobEvent(ticket));
                    }
                    case STOPPING -> end(queue, ticket, TicketState.CANCELED,
                            ticket.reasons().subList(1, ticket.reasons().size()), "canceled", change);
                    default -> { }
                }
            }
            expireIncoming(queue, now, change);
            schedule(queue, change);
            // Ended tickets leave Get-Jobs after the retention; their accounting rows stay stored.
            pruneRecentRequests(now);
            while (!queue.ended.isEmpty() && queue.ended.peekFirst().endedMillis() + ENDED_RETENTION_MILLIS < now) {
                untrack(queue.ended.pollFirst().jobId());
            }
        }
        return change;
    }

    /**
     * Incoming tickets whose details never came within the incoming time (§10; RFC 8011's
     * multiple-operation-time-out, action abort-job) end aborted, so that a client that went
     * away does not hold them against its max-live-jobs for ever. The holder is told: a spooler
     * still receiving that document asks again once it has it.
     */
    private void expireIncoming(PrinterQueue queue, long now, Change change) {
        long limit = timeouts.incoming().toMillis();
        List<Ticket> expired = queue.outOfOrder.stream()
                .filter(t -> t.state() == TicketState.INCOMING && now - t.createdMillis() >= limit).toList();
        for (Ticket ticket : expired) {
            end(queue, ticket, TicketState.FAILED, List.of(JobStateReason.abortedBySystem, org.printgate.protocol.PrintgateTypes.incomingExpired),
                    "no job details within " + timeouts.incoming().toSeconds() + " s", change);
            change.event(jobEvent(ticket));
        }
    }

    /** Puts stored tickets back after a restart, re-basing their timers so clients can reconnect first (§11.4). */
    public synchronized Change restore(Collection<Ticket> stored, Collection<Ticket> recentlyEnded, long nextId) {
        Change change = new Change();
        recentlyEnded.stream().sorted(java.util.Comparator.comparingLong(Ticket::endedMillis)).forEach(t -> {
            PrinterQueue queue = queues.get(t.queue());
            if (queue != null) {
                track(t);
                queue.ended.add(t);
                nextJobId = Math.max(nextJobId, t.jobId() + 1);
            }
        });
        nextJobId = Math.max(nextJobId, nextId);
        long now = clock.millis();
        List<Ticket> sorted = stored.stream().sorted(PrinterQueue.ORDER).toList();
        stored.stream().filter(t -> !t.requestKey().isEmpty() && t.createdMillis() + REPLAY_WINDOW_MILLIS >= now)
                .sorted(java.util.Comparator.comparingLong(Ticket::createdMillis))
                .forEach(t -> recentRequests.put(t.holder() + "\n" + t.requestKey(), t));
        for (Ticket t : sorted) {
            nextJobId = Math.max(nextJobId, t.jobId() + 1);
            PrinterQueue queue = queues.get(t.queue());
            if (queue == null) {
                continue;
            }
            track(t);
            if (!t.state().isTerminal()) {
                liveByHolder.merge(t.holder(), 1, Integer::sum);
            }
            switch (t.state()) {
                case QUEUED -> queue.waiting.add(t);
                case INCOMING -> queue.outOfOrder.add(t);
                case SET_ASIDE -> {
                    queue.outOfOrder.add(t);
                    setAsideByHolder.computeIfAbsent(t.holder(), h -> new java.util.HashSet<>()).add(t);
                }
                case GRANTED -> {
                    queue.hold(t);
                    transition(t, t.state(), t.reasons(), t.message(), now + timeouts.confirm().toMillis());
                    change.event(goAhead(t, queue));
                }
                case PRINTING, STOPPING -> {
                    queue.hold(t);
                    transition(t, t.state(), t.reasons(), t.message(), now + timeouts.stall().toMillis());
                }
                case STALLED -> {
                    queue.hold(t);
                    transition(t, t.state(), t.reasons(), t.message(), now + timeouts.fail().toMillis());
                }
                default -> { }
            }
        }
        for (PrinterQueue queue : queues.values()) {
            schedule(queue, change);
        }
        return change;
    }

    private void pruneRecentRequests(long now) {
        var oldest = recentRequests.values().iterator();
        while (oldest.hasNext() && oldest.next().createdMillis() + REPLAY_WINDOW_MILLIS < now) {
            oldest.remove();
        }
    }

    public synchronized long nextJobId() {
        return nextJobId;
    }

    // ---- rules ----

    /** A ticket joins {@link #tickets} (every put goes here), counted in its state. */
    private void track(Ticket ticket) {
        Ticket replaced = tickets.put(ticket.jobId(), ticket);
        if (replaced != null) {
            heldByState[replaced.state().ordinal()]--;
        }
        heldByState[ticket.state().ordinal()]++;
    }

    /** A ticket leaves {@link #tickets} (every removal goes here), and its state's count. */
    private void untrack(long jobId) {
        Ticket removed = tickets.remove(jobId);
        if (removed != null) {
            heldByState[removed.state().ordinal()]--;
        }
    }

    /** {@link Ticket#transitionTo} for a ticket of the book: every state change goes here, so the counts follow it. */
    private void transition(Ticket ticket, TicketState state, List<String> reasons, String message, long deadline) {
        heldByState[ticket.state().ordinal()]--;
        heldByState[state.ordinal()]++;
        ticket.transitionTo(state, reasons, message, deadline);
    }

    private void enqueue(PrinterQueue queue, Ticket ticket, Change change) {
        queue.outOfOrder.remove(ticket);
        java.util.Set<Ticket> aside = setAsideByHolder.get(ticket.holder());
        if (aside != null) {
            aside.remove(ticket);
        }
        transition(ticket, TicketState.QUEUED, List.of("none"), "", 0);
        queue.waiting.add(ticket);
        change.stored(ticket);
        schedule(queue, change);
    }

    /** Grants from the head while it fits (claim 1; only the head: the seed's "first position"). */
    private void schedule(PrinterQueue queue, Change change) {
        while (!queue.waiting.isEmpty() && queue.fits(queue.waiting.first())) {
            Ticket head = queue.waiting.pollFirst();
            transition(head, TicketState.GRANTED, List.of(JobStateReason.jobFetchable), "go ahead",
                    clock.millis() + timeouts.confirm().toMillis());
            queue.hold(head);
            change.stored(head);
            change.event(goAhead(head, queue));
        }
    }

    private EngineEvent goAhead(Ticket ticket, PrinterQueue queue) {
        return new EngineEvent(ticket.holder(), EngineEvent.JOB_FETCHABLE, ticket.jobId(), ticket.queue(), ticket.state(),
                ticket.reasons(), ticket.message(), queue.config.deviceUri(), (int) timeouts.confirm().toSeconds());
    }

    private static EngineEvent jobEvent(Ticket ticket) {
        return new EngineEvent(ticket.holder(), EngineEvent.JOB_STATE_CHANGED, ticket.jobId(), ticket.queue(),
                ticket.state(), ticket.reasons(), ticket.message(), null, 0);
    }

    private void end(PrinterQueue queue, Ticket ticket, TicketState state, List<String> reasons, String message, Change change) {
        queue.release(ticket);
        queue.waiting.remove(ticket);
        queue.outOfOrder.remove(ticket);
        java.util.Set<Ticket> aside = setAsideByHolder.get(ticket.holder());
        if (aside != null) {
            aside.remove(ticket);
        }
        queue.ended.add(ticket);
        liveByHolder.computeIfPresent(ticket.holder(), (h, n) -> n > 1 ? n - 1 : null);
        transition(ticket, state, reasons, message, 0);
        ticket.ended(clock.millis());
        change.stored(ticket);
    }

    private static String endingOf(TicketState state) {
        return switch (state) {
            case COMPLETED -> "COMPLETED";
            case FAILED -> "FAILED";
            default -> "CANCELED";
        };
    }

    /** The ticket, if {@code holder} holds it; otherwise it does not exist for them (§2.5). */
    private Ticket held(long jobId, String holder) {
        Ticket ticket = tickets.get(jobId);
        if (ticket == null || !ticket.holder().equals(holder)) {
            throw new IppException(Status.clientErrorNotFound, "no job " + jobId);
        }
        return ticket;
    }

    private PrinterQueue existingQueue(String name) {
        PrinterQueue queue = queues.get(name);
        if (queue == null) {
            throw new IppException(Status.clientErrorNotFound, "no queue " + name);
        }
        return queue;
    }
}
