package org.printgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.store.MapDbTicketStore;
import org.printgate.engine.store.TicketStore;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.ipp.IppException;
import org.printgate.testing.MutableClock;

/**
 * The counts the book keeps as tickets and queues change (tickets by state, queues giving no
 * go-aheads), which /metrics and the console's dashboard read instead of walking 1,000,000
 * tickets and 200,000 queues, equal a full walk after every change of a long seeded run: grants,
 * confirms, endings, give-backs, cancels and interrupts, moves, timers that run out, printers
 * down and paused, queues deleted and added, ended tickets pruned after the retention, and
 * restarts from a real store.
 */
class TicketBookCountsTest {
    private static final URI DEVICE = URI.create("ipp://127.0.0.1:9/ipp/print");
    private static final String[] HOLDERS = {"ws1", "ws2", "ws3", "ws4"};

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final Random random = new Random(17);
    private final List<Long> jobIds = new ArrayList<>();
    private final List<String> queueNames = new ArrayList<>();
    private final Set<TicketState> statesSeen = EnumSet.noneOf(TicketState.class);
    private MapDbTicketStore store;
    private TicketBook book;
    private int restarts;
    private int deletes;
    private int pruned;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keptCountsEqualAWalkAfterEveryChange() {
        store = new MapDbTicketStore(dir);
        book = new TicketBook(clock, Timeouts.DEFAULTS);
        for (int q = 0; q < 4; q++) {
            addQueue("q" + q);
        }
        for (int step = 0; step < 2_400; step++) {
            try {
                apply(randomChange());
            } catch (IppException refused) {
                // Refused (a job in the wrong state, a queue with jobs, a printer down): nothing changed.
            }
            assertCountsMatchAWalk("step " + step);
            if (step % 300 == 299) {
                restart();
                assertCountsMatchAWalk("restart after step " + step);
            }
        }
        assertThat(statesSeen).as("every state was counted at some point").containsExactlyInAnyOrder(TicketState.values());
        assertThat(restarts).isEqualTo(8);
        assertThat(deletes).as("queues deleted with ended tickets in them").isPositive();
        assertThat(pruned).as("ended tickets pruned after the retention").isPositive();
    }

    private void assertCountsMatchAWalk(String when) {
        var kept = book.countByState();
        assertThat(kept).as(when + ": tickets by state").isEqualTo(book.countByStateByWalking());
        statesSeen.addAll(kept.keySet());
        assertThat(book.firstStoppedQueues(Integer.MAX_VALUE)).extracting(QueueConfig::name).as(when + ": stopped queues")
                .containsExactlyElementsOf(book.stoppedByWalking());
        assertThat(book.stoppedQueueCount()).isEqualTo(book.stoppedByWalking().size());
        assertThat(book.stoppedAmong(Set.copyOf(queueNames), queueNames.size())).isEqualTo(book.stoppedByWalking().size());
    }

    private Change randomChange() {
        int pick = random.nextInt(100);
        String queue = queueNames.get(random.nextInt(queueNames.size()));
        String holder = HOLDERS[random.nextInt(HOLDERS.length)];
        if (pick < 22) {
            return request(queue, holder, random.nextInt(3) == 0 ? -1 : 1 + random.nextInt(500));
        }
        Ticket ticket = randomTicket();
        if (pick < 30 && ticket != null) {
            return book.details(ticket.jobId(), ticket.holder(), 1 + random.nextInt(500), 3);
        }
        if (pick < 42 && ticket != null) {
            return book.confirm(ticket.jobId(), ticket.holder());
        }
        if (pick < 58 && ticket != null) {
            Report report = Report.values()[random.nextInt(Report.values().length)];
            return book.report(ticket.jobId(), ticket.holder(), report, random.nextInt(4), List.of(), "");
        }
        if (pick < 64 && ticket != null) {
            boolean operator = random.nextBoolean();
            return book.cancel(ticket.jobId(), operator ? "operator" : ticket.holder(), operator);
        }
        if (pick < 70 && ticket != null) {
            return book.move(ticket.jobId(), ticket.holder(), queue);
        }
        if (pick < 76) {
            boolean up = random.nextInt(3) > 0;
            return book.setPrinterUp(queue, up, up ? List.of() : List.of("media-jam-error"), "");
        }
        if (pick < 80) {
            return book.setPaused(queue, random.nextInt(3) == 0);
        }
        if (pick < 83) {
            return book.holderSeen(holder);
        }
        if (pick < 85) {
            return book.printerChecked(queue);
        }
        if (pick < 87) {
            return deleteOrAddQueue(queue);
        }
        if (pick < 88) {
            // Past the retention: ended tickets leave the book at the next tick.
            long before = endedHeld();
            clock.advance(Duration.ofMillis(TicketBook.ENDED_RETENTION_MILLIS + 1));
            Change change = book.tick();
            pruned += endedHeld() < before ? 1 : 0;
            return change;
        }
        // Time passes: go-aheads not confirmed, silent jobs, stalls, incoming tickets expire.
        clock.advance(Duration.ofSeconds(1 + random.nextInt(120)));
        return book.tick();
    }

    private long endedHeld() {
        return book.countByStateByWalking().entrySet().stream().filter(e -> e.getKey().isTerminal())
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    private Change request(String queue, String holder, long kOctets) {
        Change change = book.request(queue, "user-" + holder + "@corp", holder, "doc", 1 + random.nextInt(100), kOctets, 3);
        jobIds.add(change.subject().jobId());
        clock.advance(Duration.ofMillis(10));
        return change;
    }

    /** A ticket the book still holds, recent ones more often (they are the live ones). */
    private Ticket randomTicket() {
        for (int tries = 0; tries < 5 && !jobIds.isEmpty(); tries++) {
            int from = Math.max(0, jobIds.size() - 60);
            var ticket = book.ticket(jobIds.get(from + random.nextInt(jobIds.size() - from)));
            if (ticket.isPresent()) {
                return ticket.get();
            }
        }
        return null;
    }

    /** Deletes the queue (refused while it has live jobs: they are canceled first, then it goes), or adds one. */
    private Change deleteOrAddQueue(String queue) {
        if (queueNames.size() <= 2 || random.nextBoolean()) {
            return addQueue("q" + (queueNames.size() + deletes) + "-" + random.nextInt(1000));
        }
        apply(book.cancelEach(queue, t -> true, "operator", true));
        for (Ticket live : book.liveTickets(queue)) {
            // Stopping at the printer: its client says it stopped.
            apply(book.report(live.jobId(), live.holder(), Report.CANCELED, 0, List.of(), ""));
        }
        Change change = book.removeQueue(queue);
        queueNames.remove(queue);
        deletes++;
        return change;
    }

    private Change addQueue(String name) {
        Change change = book.addQueue(new QueueConfig(name, DEVICE, null, 1 + random.nextInt(2), 0, List.of("*"), ""));
        queueNames.add(name);
        return change;
    }

    private void apply(Change change) {
        if (!change.isEmpty()) {
            store.commit(change, book.nextJobId()).join();
        }
    }

    /** As the engine starts: the stored queues, then the stored tickets and recent endings, restored. */
    private void restart() {
        store.close();
        store = new MapDbTicketStore(dir);
        TicketStore.Snapshot snapshot = store.load(clock.millis() - TicketBook.ENDED_RETENTION_MILLIS);
        book = new TicketBook(clock, Timeouts.DEFAULTS);
        snapshot.queues().forEach(book::addQueue);
        apply(book.restore(snapshot.tickets(), snapshot.recentlyEnded(), snapshot.nextJobId()));
        restarts++;
    }
}
