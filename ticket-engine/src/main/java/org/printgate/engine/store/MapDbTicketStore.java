package org.printgate.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueCodec;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketCodec;
import org.printgate.store.GroupCommit;
import org.printgate.store.TransactionalMapDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one MapDB file with a write-ahead log (transactions on), so a
 * {@code kill -9} loses nothing that was committed. A single committer thread writes queued
 * changes in order and commits them together — group commit: under load one fsync serves many
 * requests, so durability does not cost a disk flush per request. Accounting totals are kept
 * in the same commits ({@link AccountingRollups}).
 */
public final class MapDbTicketStore implements TicketStore, AccountingStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbTicketStore.class);

    /** The inner nodes of every tree and the leaves in use (pages beyond it are read again when needed). */
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final DB db;
    private final BTreeMap<Long, byte[]> live;
    private final BTreeMap<Long, byte[]> ended;
    private final BTreeMap<String, byte[]> queues;
    private final Atomic.Long nextJobId;
    private final GroupCommit<Pending> committer;
    private final AccountingRollups rollups;

    /**
     * One commit's worth of a request: its change and the next job id after it; or a prune of
     * old accounting rows (null change), which goes through the committer like every write.
     */
    private record Pending(Change change, long nextJobId, Prune prune) {}

    /** Raw accounting rows to delete, and how many were. */
    private record Prune(long endedBeforeMillis, int maxRows, AtomicInteger removed) {}

    /** A store whose accounting days are UTC days. */
    public MapDbTicketStore(Path directory) {
        this(directory, ZoneId.of("UTC"));
    }

    /** A store whose accounting totals are kept by the days of {@code accountingZone}. */
    public MapDbTicketStore(Path directory, ZoneId accountingZone) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        this.db = TransactionalMapDb.open(directory.resolve("engine.db"), CACHE_BYTES, true);
        // Records outside the B-tree's nodes, for live tickets and accounting rows alike. A node
        // holds 32 keys: with the records inside, each change rewrote a node of 32 tickets into
        // the write-ahead log, and a group commit of changes to the newest tickets (which share
        // the rightmost leaf) logged that leaf once per change: ~2 MB of log per commit in the
        // bench. Outside, a change writes its own record. (Restart reads the records one by one:
        // that was 8.9 s for 1.2 M tickets when each read was a system call; the page cache
        // serves them now.) A store made before keeps its layout: MapDB reads it from the store's
        // catalogue.
        this.live = db.treeMap("tickets", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().createOrOpen();
        this.ended = db.treeMap("accounting", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().createOrOpen();
        this.queues = db.treeMap("queues", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.nextJobId = db.atomicLong("next-job-id", 1).createOrOpen();
        // Before the committer starts: an old store's totals are built (and committed) here, once.
        this.rollups = new AccountingRollups(db, ended, accountingZone);
        this.committer = GroupCommit.onMapDb("store-committer", db, this::write);
    }

    @Override
    public Snapshot load(long endedSinceMillis) {
        List<Ticket> tickets = new ArrayList<>(live.size());
        for (Map.Entry<Long, byte[]> entry : live.entrySet()) {
            // An ended ticket never comes back: a live record left beside its ending is stale.
            if (ended.containsKey(entry.getKey())) {
                log.warn("ticket {} is both live and ended in the store; it stays ended", entry.getKey());
                continue;
            }
            tickets.add(TicketCodec.decode(entry.getValue()));
        }
        // Job ids grow with time, so the recent endings are at the top of the accounting rows.
        List<Ticket> recent = new ArrayList<>();
        for (byte[] record : ended.descendingMap().values()) {
            Ticket ticket = TicketCodec.decode(record);
            if (ticket.endedMillis() < endedSinceMillis) {
                break;
            }
            recent.add(ticket);
        }
        List<QueueConfig> stored = queues.values().stream().map(QueueCodec::decode).toList();
        return new Snapshot(stored, tickets, recent, nextJobId.get());
    }

    @Override
    public CompletableFuture<Void> commit(Change change, long next) {
        return committer.submit(new Pending(change, next, null));
    }

    @Override
    public ZoneId accountingZone() {
        return rollups.zone();
    }

    @Override
    public List<DayTotal> accountingTotals(AccountingDimension by, LocalDate from, LocalDate to) {
        return rollups.dayTotals(by, from, to);
    }

    @Override
    public List<DayTotal> siteTotals(LocalDate from, LocalDate to) {
        return rollups.siteTotals(from, to);
    }

    @Override
    public void forEachAccountingRow(long fromMillis, long toMillis, Consumer<Ticket> row) {
        rollups.forEachRow(fromMillis, toMillis, row);
    }

    @Override
    public CompletableFuture<Integer> pruneAccounting(long endedBeforeMillis, int maxRows) {
        Prune prune = new Prune(endedBeforeMillis, maxRows, new AtomicInteger());
        return committer.submit(new Pending(null, 0, prune)).thenApply(done -> prune.removed().get());
    }

    @Override
    public List<Ticket> accounting() {
        return ended.values().stream().map(TicketCodec::decode).toList();
    }

    private void write(List<Pending> batch) {
        long next = nextJobId.get();
        for (Pending pending : batch) {
            if (pending.prune() != null) {
                Prune prune = pending.prune();
                prune.removed().set(rollups.prune(prune.endedBeforeMillis(), prune.maxRows()));
                continue;
            }
            Change change = pending.change();
            for (QueueConfig queue : change.queues()) {
                queues.put(queue.name(), QueueCodec.encode(queue));
            }
            for (String name : change.removedQueues()) {
                queues.remove(name);
            }
            for (Map.Entry<Long, byte[]> entry : change.tickets().entrySet()) {
                // An ending is not written to the live set only to be taken out of it below.
                if (!change.ended(entry.getKey())) {
                    live.put(entry.getKey(), entry.getValue());
                }
            }
            for (Ticket ticket : change.endedTickets()) {
                // An ended job leaves the live set for the accounting history (6-14).
                byte[] record = change.tickets().get(ticket.jobId());
                live.remove(ticket.jobId());
                // Counted as committed (the record), not as the book's object is by now; a request
                // resent after its job ended stores the ending again, counted once.
                rollups.rowWritten(TicketCodec.decode(record), ended.put(ticket.jobId(), record));
            }
            next = Math.max(next, pending.nextJobId());
        }
        nextJobId.set(next);
    }

    @Override
    public void close() {
        committer.close();
        if (!db.isClosed()) {
            db.close();
        }
    }
}
