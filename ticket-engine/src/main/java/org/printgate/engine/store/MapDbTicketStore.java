package org.printgate.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueCodec;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one MapDB file with a write-ahead log (transactions on), so a
 * {@code kill -9} loses nothing that was committed. A single committer thread writes queued
 * changes in order and commits them together — group commit: under load one fsync serves many
 * requests, so durability does not cost a disk flush per request.
 */
public final class MapDbTicketStore implements TicketStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbTicketStore.class);

    private final DB db;
    private final BTreeMap<Long, byte[]> live;
    private final BTreeMap<Long, byte[]> ended;
    private final BTreeMap<String, byte[]> queues;
    private final Atomic.Long nextJobId;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean open = true;

    private record Pending(Change change, long nextJobId, CompletableFuture<Void> done) {}

    public MapDbTicketStore(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        this.db = DBMaker.fileDB(directory.resolve("engine.db").toFile())
                .transactionEnable()
                .fileChannelEnable()
                .closeOnJvmShutdown()
                .make();
        this.live = db.treeMap("tickets", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.ended = db.treeMap("accounting", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.queues = db.treeMap("queues", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.nextJobId = db.atomicLong("next-job-id", 1).createOrOpen();
        this.committer = new Thread(this::commitLoop, "store-committer");
        this.committer.setDaemon(true);
        this.committer.start();
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new IllegalStateException("store closed"));
            return done;
        }
        queue.add(new Pending(change, next, done));
        return done;
    }

    @Override
    public List<Ticket> accounting() {
        return ended.values().stream().map(TicketCodec::decode).toList();
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                write(batch);
                db.commit();
                batch.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("store commit failed", e);
                try {
                    db.rollback();
                } catch (RuntimeException ignored) {
                    // The store is broken either way; the callers learn it below.
                }
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        long next = nextJobId.get();
        for (Pending pending : batch) {
            Change change = pending.change();
            for (QueueConfig queue : change.queues()) {
                queues.put(queue.name(), QueueCodec.encode(queue));
            }
            for (String name : change.removedQueues()) {
                queues.remove(name);
            }
            for (Map.Entry<Long, byte[]> entry : change.tickets().entrySet()) {
                live.put(entry.getKey(), entry.getValue());
            }
            for (Ticket ticket : change.endedTickets()) {
                // An ended job leaves the live set for the accounting history (6-14).
                byte[] record = change.tickets().get(ticket.jobId());
                live.remove(ticket.jobId());
                ended.put(ticket.jobId(), record);
            }
            next = Math.max(next, pending.nextJobId());
        }
        nextJobId.set(next);
    }

    @Override
    public void close() {
        open = false;
        try {
            committer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!db.isClosed()) {
            db.close();
        }
    }
}
