package org.printgate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.StoreWAL;
import org.mapdb.volume.VolumeFactory;

/**
 * Opens a MapDB file with transactions (a write-ahead log: nothing committed is lost to a
 * {@code kill -9}) on {@link PageCachedVolume}s. {@code DBMaker} cannot be given a volume factory
 * of our own, so this builds what {@code DBMaker.fileDB(f).transactionEnable().fileChannelEnable()}
 * builds, with the same settings (files it made open here and the other way round), but on the
 * cached volume, and with the store file's commits made crash-safe by a {@link PageJournal}.
 */
public final class TransactionalMapDb {
    private TransactionalMapDb() {}

    /**
     * Opens or creates {@code file} (and the directories above it), with at most
     * {@code cacheBytes} of its pages in memory (and as much again for a commit's write-ahead
     * log); {@code closeOnJvmShutdown} as in {@code DBMaker}.
     */
    public static DB open(Path file, long cacheBytes, boolean closeOnJvmShutdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        // MapDB 3.1 never replays its write-ahead log at open: the page journal (opened, locked
        // and replayed with the store file's volume) stands in for it.
        // A checkpoint at every commit: the store file is forced each time, as MapDB's own store does
        // and as before the page journal became a redo log. 16 MiB checkpoints were tried; whether
        // their flush lengthens the go-ahead latency's tail could not be told from this VM's noise
        // (p99 12.8 to 33.4 ms for the same code within an hour), so the engine kept what it had.
        VolumeFactory volumes = PageCachedVolume.factory(cacheBytes, file, 0);
        String name = file.toString();
        boolean existed = volumes.exists(name);
        // DBMaker's defaults: no lock wait, thread safe, 8 segments, no preallocation, header checksum.
        StoreWAL store = StoreWAL.make(name, volumes, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, 0L, 0L,
                false, false, false, true, false);
        return new DB(store, existed, true, TransactionalMapDb.class.getClassLoader(), closeOnJvmShutdown ? 1 : 0);
    }
}
