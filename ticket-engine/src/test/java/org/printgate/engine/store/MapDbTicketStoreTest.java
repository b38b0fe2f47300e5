package org.printgate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.testing.MutableClock;

/** The MapDB file as a restart finds it, after changes written the way the engine writes them. */
class MapDbTicketStoreTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final TicketBook book = new TicketBook(clock, Timeouts.DEFAULTS);

    @Test
    void aRequestResentAfterItsJobEndedLeavesTheJobEndedOnRestart() {
        Ticket ticket;
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            write(store, book.addQueue(new QueueConfig("office", URI.create("ipp://127.0.0.1:9/ipp/print"), null, 1, 0,
                    List.of("*@corp"), "")));
            ticket = write(store, book.request("office", "ann@corp", "ws1", "doc", 50, 1, 1, "key-1")).subject();
            write(store, book.confirm(ticket.jobId(), "ws1"));
            write(store, book.report(ticket.jobId(), "ws1", Report.COMPLETED, 1, List.of(), ""));
            // The spooler never saw the first answer and sends the same request again: same ticket, stored again.
            Change replay = write(store, book.request("office", "ann@corp", "ws1", "doc", 50, 1, 1, "key-1"));
            assertThat(replay.subject()).isSameAs(ticket);
            assertThat(replay.endedTickets()).as("stored as ended, not back into the live set").containsExactly(ticket);
        }
        try (MapDbTicketStore reopened = new MapDbTicketStore(dir)) {
            TicketStore.Snapshot snapshot = reopened.load(0);
            assertThat(snapshot.tickets()).as("live after the restart").isEmpty();
            assertThat(snapshot.recentlyEnded()).singleElement().satisfies(ended -> {
                assertThat(ended.jobId()).isEqualTo(ticket.jobId());
                assertThat(ended.state()).isEqualTo(TicketState.COMPLETED);
            });
            assertThat(reopened.accounting()).hasSize(1);
        }
    }

    @Test
    void keepsWorkingOnAStoreWhoseRecordsAreInsideTheTreeNodes() {
        // The layout stores had before records moved out of the nodes: MapDB keeps each map's own.
        try (org.mapdb.DB old = org.mapdb.DBMaker.fileDB(dir.resolve("engine.db").toFile()).transactionEnable()
                .fileChannelEnable().make()) {
            old.treeMap("tickets", org.mapdb.Serializer.LONG, org.mapdb.Serializer.BYTE_ARRAY).createOrOpen();
            old.treeMap("accounting", org.mapdb.Serializer.LONG, org.mapdb.Serializer.BYTE_ARRAY).createOrOpen();
            old.commit();
        }
        Ticket first;
        Ticket second;
        try (MapDbTicketStore store = new MapDbTicketStore(dir)) {
            write(store, book.addQueue(new QueueConfig("office", URI.create("ipp://127.0.0.1:9/ipp/print"), null, 1, 0,
                    List.of("*@corp"), "")));
            first = write(store, book.request("office", "ann@corp", "ws1", "a", 50, 1, 1, "key-1")).subject();
            second = write(store, book.request("office", "ann@corp", "ws1", "b", 50, 1, 1, "key-2")).subject();
            write(store, book.confirm(first.jobId(), "ws1"));
            write(store, book.report(first.jobId(), "ws1", Report.COMPLETED, 1, List.of(), ""));
        }
        try (MapDbTicketStore reopened = new MapDbTicketStore(dir)) {
            TicketStore.Snapshot snapshot = reopened.load(0);
            assertThat(snapshot.tickets()).extracting(Ticket::jobId).containsExactly(second.jobId());
            assertThat(reopened.accounting()).extracting(Ticket::jobId).containsExactly(first.jobId());
        }
    }

    private Change write(TicketStore store, Change change) {
        store.commit(change, book.nextJobId()).join();
        return change;
    }
}
