package org.printgate.store;

import java.nio.file.Path;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.StoreDirect;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * A MapDB file whose commits are made atomic and durable by the {@link PageJournal} alone, without
 * MapDB's write-ahead log: MapDB's plain store ({@code StoreDirect}) on a {@link PageCachedVolume}
 * that holds every change in memory until the commit, then appends the changed pages to the
 * journal and forces it. One flush per commit, where {@link TransactionalMapDb} costs three (its
 * log, the journal, and creating and removing a log file each time); for a store whose commits
 * are many and small, like the spooler's, that is most of a commit's cost.
 *
 * <p>What it gives up is rollback: the plain store changes its structures in place. After a
 * failed write or commit, {@link #abandon} drops the uncommitted pages and the caller opens the
 * file again, which finds it as the last commit left it. The store has no header checksum: it
 * would be read at every commit through the volume, a number at a time, and the journal checks
 * what it writes.
 *
 * <p>A commit is atomic only if no thread changes the store while it runs (MapDB's plain store
 * takes no lock for it): one writer, as a {@link GroupCommit}'s committer is.
 */
public final class JournaledMapDb implements AutoCloseable {
    /**
     * The store file is forced once this much has gone through the journal: rarely, since the
     * commits are many and small; the replay at the next open reads at most this much.
     */
    private static final long CHECKPOINT_BYTES = 16L << 20;

    private final DB db;
    private final PageCachedVolume volume;

    private JournaledMapDb(DB db, PageCachedVolume volume) {
        this.db = db;
        this.volume = volume;
    }

    /** Opens or creates {@code file}, with at most {@code cacheBytes} of its unchanged pages in memory. */
    public static JournaledMapDb open(Path file, long cacheBytes) {
        VolumeFactory cached = PageCachedVolume.factory(cacheBytes, file, CHECKPOINT_BYTES);
        PageCachedVolume[] opened = new PageCachedVolume[1];
        VolumeFactory volumes = new VolumeFactory() {
            @Override
            public Volume makeVolume(String name, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                                     boolean fixedSize) {
                opened[0] = (PageCachedVolume) cached.makeVolume(name, readOnly, fileLockWait, sliceShift, initSize, fixedSize);
                return opened[0];
            }

            @Override
            public boolean exists(String name) {
                return cached.exists(name);
            }

            @Override
            public boolean handlesReadonly() {
                return cached.handlesReadonly();
            }
        };
        String name = file.toString();
        boolean existed = volumes.exists(name);
        // As DBMaker's plain file store (no lock wait, thread safe, 8 segments, no preallocation),
        // without the header checksum.
        try {
            StoreDirect store = StoreDirect.Companion.make(name, volumes, 0L, false, true, CC.STORE_DIRECT_CONC_SHIFT,
                    CC.PAGE_SIZE, 0L, false, false, false, false, false);
            return new JournaledMapDb(new DB(store, existed, true, JournaledMapDb.class.getClassLoader(), 0), opened[0]);
        } catch (RuntimeException | Error e) {
            // Not left locked: the caller may try again.
            if (opened[0] != null) {
                opened[0].abandon();
                opened[0].close();
            }
            throw e;
        }
    }

    public DB db() {
        return db;
    }

    /**
     * After a failed write or commit: drops every change since the last commit and closes the
     * store without writing; open the file again to go on.
     */
    public void abandon() {
        volume.abandon();
        close();
    }

    @Override
    public void close() {
        if (!db.isClosed()) {
            db.close();
        }
    }
}
