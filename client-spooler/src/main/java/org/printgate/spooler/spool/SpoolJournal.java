package org.printgate.spooler.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.printgate.store.GroupCommit;
import org.printgate.store.JournaledMapDb;
import org.printgate.store.TransactionalMapDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's journal: every job's {@link SpoolJob} record, and the small documents of live jobs
 * ({@link SpooledDocument#inline}) each written in the same commit as its job, in one MapDB file
 * whose commits the page journal makes atomic ({@link JournaledMapDb}): a {@code kill -9} loses
 * nothing committed. Commits are grouped ({@link GroupCommit}): concurrent Print-Jobs share one
 * commit and its one flush, and no writer waits on the store's locks while another one's commit
 * runs. A failed commit drops what it carried and opens the file again as the last commit left it.
 */
public final class SpoolJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolJournal.class);
    /** A desktop's journal is small, and the spooler's heap is 64 MiB: a few hundred pages. */
    private static final long CACHE_BYTES = 2L * 1024 * 1024;
    private static final String FILE = "spool.db";
    /** The journal of spoolers before 2026-12 (MapDB's write-ahead-log store); its jobs move to {@link #FILE} once. */
    private static final String EARLIER_FILE = "journal.db";

    private final Path file;
    private volatile Store store;
    /** Ids are handed out from memory (no trip to the committer for them); each commit stores the next one. */
    private final AtomicLong nextId;
    private final GroupCommit<Write> committer;
    /**
     * Held to read a document from another thread while the committer may reopen the file after a
     * failed commit: the old store is closed then, and MapDB answers a read on it with an Error.
     */
    private final java.util.concurrent.locks.ReadWriteLock reopening = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /**
     * One write: a job's record, or its removal with its document (record null); with a document
     * to keep (document not null) or to drop (dropDocument).
     */
    private record Write(long id, byte[] record, byte[] document, boolean dropDocument) {}

    /** The open file and its maps. */
    private record Store(JournaledMapDb file, BTreeMap<Long, byte[]> jobs, BTreeMap<Long, byte[]> documents,
                         Atomic.Long nextId) {
        static Store open(Path path) {
            JournaledMapDb file = JournaledMapDb.open(path, CACHE_BYTES);
            DB db = file.db();
            // Records outside the B-tree's nodes: a job's record changes a few times in its life and a
            // leaf holds dozens, each change would otherwise write the whole leaf again; a document is
            // written once, and would be copied with its leaf at every change of a neighbour.
            return new Store(file,
                    db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().createOrOpen(),
                    db.treeMap("documents", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().createOrOpen(),
                    db.atomicLong("next-job-id", 1).createOrOpen());
        }
    }

    public SpoolJournal(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        this.file = directory.resolve(FILE);
        this.store = Store.open(file);
        takeOverEarlierJournal(directory.resolve(EARLIER_FILE));
        long highest = store.jobs().isEmpty() ? 0 : store.jobs().lastKey();
        this.nextId = new AtomicLong(Math.max(store.nextId().get(), highest + 1));
        this.committer = new GroupCommit<>("spool-journal", new GroupCommit.Target<>() {
            @Override
            public void write(List<Write> writes) {
                apply(writes);
            }

            @Override
            public void commit() {
                store.file().db().commit();
            }

            @Override
            public void rollback() {
                reopening.writeLock().lock();
                try {
                    store.file().abandon();
                    store = Store.open(file);
                } finally {
                    reopening.writeLock().unlock();
                }
                log.warn("the spool journal was opened again after a failed commit, as its last commit left it");
            }
        });
    }

    private void apply(List<Write> writes) {
        Store maps = store;
        for (Write write : writes) {
            if (write.record() == null) {
                maps.jobs().remove(write.id());
            } else {
                maps.jobs().put(write.id(), write.record());
            }
            if (write.document() != null) {
                maps.documents().put(write.id(), write.document());
            } else if (write.record() == null || write.dropDocument()) {
                maps.documents().remove(write.id());
            }
        }
        maps.nextId().set(nextId.get());
    }

    /**
     * Moves the jobs of a journal that an earlier spooler left (an update with jobs in the spool)
     * into this one, then removes that file: committed here first, so a crash in between moves
     * them again, the same.
     */
    private void takeOverEarlierJournal(Path earlier) {
        if (!Files.exists(earlier)) {
            return;
        }
        int moved = 0;
        try (DB old = TransactionalMapDb.open(earlier, CACHE_BYTES, false)) {
            BTreeMap<Long, byte[]> oldJobs = old.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
            for (var entry : oldJobs.entrySet()) {
                store.jobs().put(entry.getKey(), entry.getValue());
                moved++;
            }
            long oldNext = old.atomicLong("next-job-id", 1).createOrOpen().get();
            store.nextId().set(Math.max(store.nextId().get(), oldNext));
        }
        store.file().db().commit();
        try (var siblings = Files.list(earlier.getParent())) {
            for (Path sibling : siblings.filter(p -> p.getFileName().toString().startsWith(EARLIER_FILE)).toList()) {
                Files.delete(sibling);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier journal " + earlier, e);
        }
        log.info("{} job(s) moved from the earlier journal {} to {}", moved, earlier, file);
    }

    /** A new local job id; durable with the first {@link #save} of the job that takes it. */
    public long newId() {
        return nextId.getAndIncrement();
    }

    /** Writes the job and returns once it is on disk. */
    public void save(SpoolJob job) {
        save(job, null, false);
    }

    /**
     * Writes the job with its document ({@code document} not null), or without the one it had
     * ({@code dropDocument}), and returns once both are on disk.
     */
    public void save(SpoolJob job, byte[] document, boolean dropDocument) {
        awaitDurable(committer.submit(new Write(job.id(), SpoolJobCodec.encode(job), document, dropDocument)));
    }

    /** Removes the job and its document, if it has one here. */
    public void remove(long id) {
        awaitDurable(committer.submit(new Write(id, null, null, true)));
    }

    /** The job's document, when the journal keeps it. */
    public Optional<byte[]> document(long id) {
        reopening.readLock().lock();
        try {
            return Optional.ofNullable(store.documents().get(id));
        } finally {
            reopening.readLock().unlock();
        }
    }

    /** The jobs whose documents the journal keeps. */
    public Set<Long> documentIds() {
        return new HashSet<>(store.documents().keySet());
    }

    private static void awaitDurable(CompletableFuture<Void> commit) {
        try {
            commit.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the spool journal could not be written: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every job in the journal, in id order. */
    public List<SpoolJob> load() {
        List<SpoolJob> all = new ArrayList<>();
        for (byte[] record : store.jobs().values()) {
            all.add(SpoolJobCodec.decode(record));
        }
        return all;
    }

    /**
     * Stops the committer, then closes the file. Closing MapDB's plain store writes what it holds,
     * so a committer still at work (a stalled disk) gets the store abandoned instead: half a batch
     * must not become durable.
     */
    @Override
    public void close() {
        if (committer.stop()) {
            store.file().close();
        } else {
            log.warn("the spool journal's committer did not stop; its last batch is dropped");
            store.file().abandon();
        }
    }
}
