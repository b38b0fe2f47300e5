package org.printgate.spooler.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The spool's journal: every job's {@link SpoolJob} record in one MapDB file with a write-ahead
 * log, so a {@code kill -9} loses nothing committed. Commits are grouped: a writer that finds a
 * commit under way waits for it and the next commit carries its write along with every other
 * write made meanwhile, so concurrent Print-Jobs share one disk flush.
 */
public final class SpoolJournal implements AutoCloseable {
    private final DB db;
    private final BTreeMap<Long, byte[]> jobs;
    private final Atomic.Long nextId;
    private final Object writeLock = new Object();
    private final Object commitLock = new Object();
    private long written;
    private long committed;

    public SpoolJournal(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        this.db = DBMaker.fileDB(directory.resolve("journal.db").toFile())
                .transactionEnable()
                .fileChannelEnable()
                .make();
        this.jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.nextId = db.atomicLong("next-job-id", 1).createOrOpen();
    }

    /** A new local job id; durable with the first {@link #save} of the job that takes it. */
    public long newId() {
        synchronized (writeLock) {
            return nextId.getAndIncrement();
        }
    }

    /** Writes the job and returns once it is on disk. */
    public void save(SpoolJob job) {
        long mine;
        synchronized (writeLock) {
            jobs.put(job.id(), SpoolJobCodec.encode(job));
            mine = ++written;
        }
        commitThrough(mine);
    }

    public void remove(long id) {
        long mine;
        synchronized (writeLock) {
            jobs.remove(id);
            mine = ++written;
        }
        commitThrough(mine);
    }

    private void commitThrough(long write) {
        synchronized (commitLock) {
            if (committed >= write) {
                return;
            }
            long upTo;
            synchronized (writeLock) {
                upTo = written;
                db.commit();
            }
            committed = upTo;
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
        synchronized (writeLock) {
            if (!db.isClosed()) {
                db.close();
            }
        }
    }
}
