package org.printgate.engine.bench;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.printgate.engine.client.TicketClient;
import org.printgate.engine.client.TicketClient.Notification;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;

/**
 * One spooler as the engine sees it (docs/ticket-protocol.md §12.1): its own credential and
 * subscription, a long-poll that is always open on its own thread, and a job's life run step by
 * step on the caller's thread — Create-Job with the size, the go-ahead from the long-poll, the
 * confirm, one heartbeat, the completion.
 *
 * <p>The long-poll thread re-polls at once with the sequence number after each event, which is
 * the implicit confirm of a go-ahead (§6.6) and leaves the poll parked for the next one.
 */
final class SimulatedSpooler {
    /** How the go-ahead is confirmed (6-4). */
    enum Confirm {
        /**
         * By the re-poll past the go-ahead's sequence number (§6.6; no extra exchange). The job's
         * next step waits until the engine has applied that confirm ({@link ConfirmWatcher}), so
         * the heartbeat never overtakes it.
         */
        POLL,
        /** By Acknowledge-Job before the heartbeat (one more exchange per job). */
        ACK
    }

    /** A go-ahead as the long-poll thread received it. */
    record GoAhead(long jobId, long receivedNanos, long freedNanosSeen) {}

    /** One finished job: when it was asked for, when its go-ahead came, when its completion was answered. */
    record Lifecycle(long createSentNanos, long createAnsweredNanos, GoAhead goAhead, long completedNanos) {
        /**
         * The wait from capacity freeing to this go-ahead, or -1 if the go-ahead was not caused
         * by a completion: only a ticket that was already answered (so already waiting) when the
         * queue's last completion was sent can have been granted because of that completion.
         */
        long goAheadAfterFreeNanos() {
            long freed = goAhead.freedNanosSeen();
            return freed > createAnsweredNanos ? goAhead.receivedNanos() - freed : -1;
        }
    }

    /**
     * Where this spooler's jobs go in the current phase, and the queue's "capacity freed" clock:
     * {@code freedAt[queueIndex]} is set just before a completion for that queue is sent. Each
     * job prints for {@code printMillis} between its heartbeat and its completion.
     */
    record Assignment(String queue, int queueIndex, AtomicLongArray freedAt, long printMillis) {}

    private static final long GO_AHEAD_TIMEOUT_SECONDS = 120;

    private final TicketClient client;
    private final String user;
    private final TicketBook book;
    private final ConfirmWatcher confirms;
    private final AtomicLong errors;
    private final BlockingQueue<GoAhead> goAheads = new LinkedBlockingQueue<>();
    private volatile Assignment assignment;
    private volatile boolean stopped;
    private int subscription;

    SimulatedSpooler(TicketClient client, String user, TicketBook book, ConfirmWatcher confirms, AtomicLong errors) {
        this.client = client;
        this.user = user;
        this.book = book;
        this.confirms = confirms;
        this.errors = errors;
    }

    /** Subscribes and opens the long-poll. */
    void start() throws IOException {
        subscription = client.subscribe();
        Thread poller = new Thread(this::pollLoop, "poll-" + user);
        poller.setDaemon(true);
        poller.start();
    }

    void assign(Assignment next) {
        this.assignment = next;
    }

    /** Stops re-polling; the parked poll ends when the engine closes. */
    void stop() {
        stopped = true;
    }

    private void pollLoop() {
        int next = 1;
        while (!stopped) {
            try {
                List<Notification> events = client.poll(subscription, next, true);
                long received = System.nanoTime();
                Assignment current = assignment;
                long freed = current == null ? 0 : current.freedAt().get(current.queueIndex());
                for (Notification event : events) {
                    next = Math.max(next, event.sequence() + 1);
                    if (event.isGoAhead()) {
                        goAheads.add(new GoAhead(event.jobId(), received, freed));
                    }
                }
            } catch (IOException e) {
                if (stopped) {
                    return;
                }
                errors.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** One job's whole life on the assigned queue; returns once its completion is answered. */
    Lifecycle runJob(Confirm confirm) throws IOException, InterruptedException {
        Assignment where = assignment;
        long createSent = System.nanoTime();
        // 3-1..3-5 with the details of 3-6 (the one-step path of §13.2): 2 MiB, 12 pages.
        long jobId = client.requestTicket(where.queue(), user, "bench", 50, 2048, 12).jobId();
        long createAnswered = System.nanoTime();
        GoAhead goAhead = awaitGoAhead(jobId);
        if (confirm == Confirm.ACK) {
            client.confirm(jobId);
        } else {
            awaitConfirmApplied(jobId);
        }
        client.heartbeat(jobId, 5);
        if (where.printMillis() > 0) {
            TimeUnit.MILLISECONDS.sleep(where.printMillis());
        }
        where.freedAt().set(where.queueIndex(), System.nanoTime());
        client.report(jobId, JobState.completed, 12, List.of(), "");
        return new Lifecycle(createSent, createAnswered, goAhead, System.nanoTime());
    }

    private GoAhead awaitGoAhead(long jobId) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GO_AHEAD_TIMEOUT_SECONDS);
        while (true) {
            GoAhead goAhead = goAheads.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (goAhead == null) {
                throw new IOException("no go-ahead for job " + jobId + " within " + GO_AHEAD_TIMEOUT_SECONDS + " s");
            }
            if (goAhead.jobId() == jobId) {
                return goAhead;
            }
            // A go-ahead for a job this spooler gave up on (after an error): not ours to run now.
            errors.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return user;
    }

    /** Waits (sending nothing) until the engine has applied the re-poll's implicit confirm. */
    private void awaitConfirmApplied(long jobId) throws IOException {
        Ticket ticket = book.ticket(jobId).orElseThrow(() -> new IOException("job " + jobId + " is gone"));
        try {
            confirms.awaitConfirmed(ticket, 30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("job " + jobId + " was not confirmed by the re-poll within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
