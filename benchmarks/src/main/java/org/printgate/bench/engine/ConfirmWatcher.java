package org.printgate.bench.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;

/**
 * Tells spoolers when the engine has applied the implicit confirm of their go-ahead (the re-poll
 * past its sequence number, docs/ticket-protocol.md §6.6), so that their heartbeat does not
 * overtake it: the engine would take a heartbeat on a granted job as the confirm, and the
 * lifecycle would skip one durable commit. The protocol's spooler sends its first heartbeat a
 * heartbeat interval later; the bench, which sends it at once, waits for the confirm instead.
 *
 * <p>One thread looks at every pending ticket once a millisecond, reading the book in this JVM
 * and sending nothing. A first version let each spooler look for itself: a thousand threads
 * waking every millisecond took most of the machine. Each pass first takes the book's lock once,
 * so the states read after it are at least as new as the last change made under that lock.
 */
final class ConfirmWatcher implements AutoCloseable {
    private final TicketBook book;
    private final Map<Ticket, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    ConfirmWatcher(TicketBook book) {
        this.book = book;
        this.thread = new Thread(this::watch, "confirm-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Completes (on the watcher's thread) once {@code ticket} is no longer granted-and-unconfirmed. */
    CompletableFuture<Void> confirmed(Ticket ticket) {
        return pending.computeIfAbsent(ticket, t -> new CompletableFuture<>());
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (pending.isEmpty()) {
                continue;
            }
            book.nextJobId();
            pending.forEach((ticket, done) -> {
                if (ticket.state() != TicketState.GRANTED) {
                    pending.remove(ticket);
                    done.complete(null);
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
