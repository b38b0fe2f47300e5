package org.printgate.spooler.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.printgate.engine.store.TransactionalMapDb;
import org.mapdb.Serializer;
import org.printgate.engine.store.GroupCommit;

/**
 * The spool's journal: every job's {@link SpoolJob} record in one MapDB file with a write-ahead
 * log, so a {@code kill -9} loses nothing committed. Commits are grouped ({@link GroupCommit}):
 * concurrent Print-Jobs share one commit, and no writer waits on the store's locks while another
 * one's commit runs.
 */
public final class SpoolJournal implements AutoCloseable {
    /** A desktop's journal is small, and the spooler's heap is 64 MiB: a few hundred pages. */
    private static final long CACHE_BYTES = 2L * 1024 * 1024;

    private final DB db;
    private final BTreeMap<Long, byte[]> jobs;
    private final Atomic.Long storedNextId;
    /** Ids are handed out from memory (the store's locks are held through each commit); each commit stores the next one. */
    private final AtomicLong nextId;
    private final GroupCommit<Write> committer;

    /** One write: a job's record, or its removal (record null). */
    private record Write(long id, byte[] record) {}

    public SpoolJournal(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        this.db = TransactionalMapDb.open(directory.resolve("journal.db"), CACHE_BYTES, false);
        this.jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.storedNextId = db.atomicLong("next-job-id", 1).createOrOpen();
        long highest = jobs.isEmpty() ? 0 : jobs.lastKey();
        this.nextId = new AtomicLong(Math.max(storedNextId.get(), highest + 1));
        this.committer = GroupCommit.onMapDb("spool-journal", db, this::write);
    }

    private void write(List<Write> writes) {
        for (Write write : writes) {
            if (write.record() == null) {
                jobs.remove(write.id());
            } else {
                jobs.put(write.id(), write.record());
            }
        }
        storedNextId.set(nextId.get());
    }

    /** A new local job id; durable with the first {@link #save} of the job that takes it. */
    public long newId() {
        return nextId.getAndIncrement();
    }

    /** Writes the job and returns once it is on disk. */
    public void save(SpoolJob job) {
        awaitDurable(committer.submit(new Write(job.id(), SpoolJobCodec.encode(job))));
    }

    public void remove(long id) {
        awaitDurable(committer.submit(new Write(id, null)));
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
        for (byte[] record : jobs.values()) {
            all.add(SpoolJobCodec.decode(record));
        }
        return all;
    }

    @Override
    public void close() {
        committer.close();
        if (!db.isClosed()) {
            db.close();
        }
    }
}
