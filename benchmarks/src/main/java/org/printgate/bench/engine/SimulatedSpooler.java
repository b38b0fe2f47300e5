package org.printgate.bench.engine;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;

/**
 * One spooler as the engine sees it (docs/ticket-protocol.md §12.1): its own credential and
 * subscription, a long-poll that is always open, and a job's life run step by step — Create-Job
 * with the size, the go-ahead from the long-poll, the confirm, one heartbeat, the completion.
 *
 * <p>Nothing here holds a thread: every step is sent without waiting and the next one runs when
 * its answer arrives, on the transport's I/O thread. A thousand spoolers with a thread for the
 * job and one for the poll each were 2,000 threads in the engine's JVM: their wake-ups cost more
 * CPU than the engine's own work, and their stacks lengthened every garbage collection pause.
 *
 * <p>The long-poll re-polls at once with the sequence number after each event, which is the
 * implicit confirm of a go-ahead (§6.6) and leaves the poll parked for the next one.
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

    /** A go-ahead as the long-poll received it. */
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
    private final ScheduledExecutorService timers;
    private final AtomicLong errors;
    /** Go-aheads that came before their job's Create-Job was answered, and jobs waiting for theirs. */
    private final Map<Long, GoAhead> arrived = new HashMap<>();
    private final Map<Long, CompletableFuture<GoAhead>> awaited = new HashMap<>();
    private volatile Assignment assignment;
    private volatile boolean stopped;
    private int subscription;

    /** @param timers for the waits of a job that prints, and for a pause after an error */
    SimulatedSpooler(TicketClient client, String user, TicketBook book, ConfirmWatcher confirms,
                     ScheduledExecutorService timers, AtomicLong errors) {
        this.client = client;
        this.user = user;
        this.book = book;
        this.confirms = confirms;
        this.timers = timers;
        this.errors = errors;
    }

    /** Subscribes and opens the long-poll. */
    void start() throws IOException {
        subscription = client.subscribe();
        poll(1);
    }

    void assign(Assignment next) {
        this.assignment = next;
    }

    /** Stops re-polling; the parked poll ends when the engine closes. */
    void stop() {
        stopped = true;
    }

    private void poll(int next) {
        if (stopped) {
            return;
        }
        client.pollAsync(subscription, next, true).whenComplete((events, failure) -> {
            if (failure != null) {
                if (!stopped) {
                    errors.incrementAndGet();
                    timers.schedule(() -> poll(next), 100, TimeUnit.MILLISECONDS);
                }
                return;
            }
            long received = System.nanoTime();
            Assignment current = assignment;
            long freed = current == null ? 0 : current.freedAt().get(current.queueIndex());
            int after = next;
            for (Notification event : events) {
                after = Math.max(after, event.sequence() + 1);
                if (event.isGoAhead()) {
                    arrived(new GoAhead(event.jobId(), received, freed));
                }
            }
            poll(after);
        });
    }

    private void arrived(GoAhead goAhead) {
        CompletableFuture<GoAhead> waiting;
        synchronized (this) {
            waiting = awaited.remove(goAhead.jobId());
            if (waiting == null) {
                arrived.put(goAhead.jobId(), goAhead);
                return;
            }
        }
        waiting.complete(goAhead);
    }

    /** The go-ahead for {@code jobId}, now if it came already. */
    private CompletableFuture<GoAhead> goAhead(long jobId) {
        synchronized (this) {
            GoAhead early = arrived.remove(jobId);
            if (early != null) {
                return CompletableFuture.completedFuture(early);
            }
            // One job at a time: any other go-ahead kept is for a job given up after an error.
            if (!arrived.isEmpty()) {
                errors.addAndGet(arrived.size());
                arrived.clear();
            }
            CompletableFuture<GoAhead> waiting = new CompletableFuture<>();
            awaited.put(jobId, waiting);
            return waiting.orTimeout(GO_AHEAD_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((goAhead, failure) -> {
                if (failure != null) {
                    synchronized (this) {
                        awaited.remove(jobId, waiting);
                    }
                }
            });
        }
    }

    /** One job's whole life on the assigned queue; the future completes once its completion is answered. */
    CompletableFuture<Lifecycle> runJob(Confirm confirm) {
        Assignment where = assignment;
        long createSent = System.nanoTime();
        // 3-1..3-5 with the details of 3-6 (the one-step path of §13.2): 2 MiB, 12 pages.
        return client.requestTicketAsync(where.queue(), user, "bench", 50, 2048, 12).thenCompose(ticket -> {
            long createAnswered = System.nanoTime();
            long jobId = ticket.jobId();
            return goAhead(jobId)
                    .thenCompose(goAhead -> confirmed(jobId, confirm)
                            .thenCompose(done -> client.reportAsync(jobId, JobState.processing, 5, List.of(), ""))
                            .thenCompose(answer -> afterPrinting(where))
                            .thenCompose(done -> {
                                where.freedAt().set(where.queueIndex(), System.nanoTime());
                                return client.reportAsync(jobId, JobState.completed, 12, List.of(), "");
                            })
                            .thenApply(answer -> new Lifecycle(createSent, createAnswered, goAhead, System.nanoTime())));
        });
    }

    /** The confirm (6-4): Acknowledge-Job, or the engine applying the re-poll's implicit one. */
    private CompletableFuture<?> confirmed(long jobId, Confirm confirm) {
        if (confirm == Confirm.ACK) {
            return client.confirmAsync(jobId);
        }
        Ticket ticket = book.ticket(jobId).orElse(null);
        if (ticket == null) {
            return CompletableFuture.failedFuture(new IOException("job " + jobId + " is gone"));
        }
        return confirms.confirmed(ticket).orTimeout(30, TimeUnit.SECONDS);
    }

    /** Done once the job has printed for the assignment's time. */
    private CompletableFuture<Void> afterPrinting(Assignment where) {
        if (where.printMillis() <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> printed = new CompletableFuture<>();
        timers.schedule(() -> printed.complete(null), where.printMillis(), TimeUnit.MILLISECONDS);
        return printed;
    }

    /** Waits before the next job after an error, without a thread. */
    CompletableFuture<Void> pause(long millis) {
        CompletableFuture<Void> paused = new CompletableFuture<>();
        timers.schedule(() -> paused.complete(null), millis, TimeUnit.MILLISECONDS);
        return paused;
    }

    @Override
    public String toString() {
        return user;
    }
}
