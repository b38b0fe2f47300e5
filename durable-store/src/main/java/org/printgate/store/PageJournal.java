package org.printgate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redo log of page images for a MapDB store file. Each commit's changed pages are appended
 * here as one record and forced ({@code fdatasync}) before they are written in place, where they
 * are not forced: the store file is forced only at a checkpoint, once the log has grown past its
 * limit, and the log then starts again from its beginning. At the next open, {@link #replay}
 * writes every complete record since the last checkpoint into the store file, in order, and
 * forces it.
 *
 * <p>Why: MapDB 3.1's write-ahead log is never replayed when a store opens (and lacks what a
 * replay would need), so a crash while a commit was copied into the file left it torn. A
 * double-write (one record, then the file forced at every commit) closed that hole at the cost
 * of a second flush per commit; the log keeps the guarantee with one.
 *
 * <p>A crash leaves the store file as of the last checkpoint plus any of the later in-place
 * writes, and the log holds every later commit whole, in order (a record the crash cut short
 * fails its checksum and was never acknowledged): replaying them yields the last commit. Writing
 * the same records again is harmless, since each holds whole pages and the last one wins.
 *
 * <p>Records: magic, the run's id, length of the entries, entry count, entries (offset, length,
 * bytes), CRC32C of everything before it. A run (the records since a checkpoint) starts at offset
 * 0 with a new random id; records of an earlier run that lie past its end are told apart by
 * theirs. The file grows by zeros a megabyte at a time, ahead of the records, so that most
 * appends do not change its size and their {@code fdatasync} writes only the data.
 */
final class PageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PageJournal.class);
    private static final long MAGIC = 0x5047_5041_4745_5332L; // "PGPAGES2"
    private static final int HEADER = 8 + 8 + 4 + 4;
    /** The one-record double-write of builds before 2026-12-06 (no run id): replayed once by an update. */
    private static final long EARLIER_MAGIC = 0x5047_5041_4745_5331L; // "PGPAGES1"
    private static final int EARLIER_HEADER = 8 + 4 + 4;
    private static final int GROWTH = 1 << 20;

    /** Bytes to write at an offset of the store file. */
    record Run(long offset, byte[] bytes) {}

    /** Holds the lock that keeps other processes out of the store, for as long as it is open. */
    private final FileChannel channel;
    private final long limit;
    private int replayed;
    private long runId = ThreadLocalRandom.current().nextLong();
    /** Where the next record goes. */
    private long end;
    /** Records in the current run. */
    private int records;
    /** The file's size, grown ahead of the records. */
    private long size;

    private PageJournal(FileChannel channel, long limit) throws IOException {
        this.channel = channel;
        this.limit = limit;
        this.size = channel.size();
    }

    /**
     * Opens the log of {@code store} for a run from its beginning, once no other process has it
     * (the lock is held until {@link #close}), and first writes into the store every commit it
     * holds ({@link #replay}): call it before the store file itself is opened. {@code limit}: the
     * log's size that calls for a checkpoint.
     */
    static PageJournal open(Path store, long limit) {
        Path side = of(store);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(side, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException(store + " is in use by another process (its page journal is locked)");
            }
            if (!Files.exists(store)) {
                // A new store, or one an admin removed: nothing of an old log may reach it.
                channel.truncate(0);
                channel.force(true);
            }
            PageJournal journal = new PageJournal(channel, limit);
            journal.replayed = Files.exists(store) ? replay(channel, store) : 0;
            return journal;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open the page journal " + side, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The runs of bytes written again when this log was opened. */
    int replayed() {
        return replayed;
    }

    /** The log of a store file. */
    static Path of(Path store) {
        return store.resolveSibling(store.getFileName() + ".pages");
    }

    /** Appends the record of {@code runs} and forces it to disk. */
    void append(List<Run> runs) {
        int entries = 0;
        for (Run run : runs) {
            entries += 8 + 4 + run.bytes().length;
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER + entries + 4);
        record.putLong(MAGIC).putLong(runId).putInt(entries).putInt(runs.size());
        for (Run run : runs) {
            record.putLong(run.offset()).putInt(run.bytes().length).put(run.bytes());
        }
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue());
        record.flip();
        long start = end;
        try {
            if (start + record.remaining() > size) {
                grow(start + record.remaining());
            }
            for (long at = start; record.hasRemaining(); ) {
                at += channel.write(record, at);
            }
            channel.force(false);
            end = start + record.capacity();
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the page journal", e);
        }
    }

    /** Zeros to a megabyte past {@code needed}, forced with the file's new size. */
    private void grow(long needed) throws IOException {
        long to = needed + GROWTH;
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long at = size; at < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
        channel.force(true);
        size = to;
    }

    /** Whether the log has grown enough that the store file should be forced and the log begun again. */
    boolean full() {
        return end >= limit;
    }

    /**
     * The store file has been forced: it holds everything logged so far, and a new run begins.
     * An old run of several records has its first one wiped, forced, before offset 0 is written
     * again: a new first record torn by a power cut must not leave the old run's first records
     * whole there, to be replayed without the later ones. A run of one record needs no wipe:
     * replayed whole, it writes what the store already holds.
     */
    void checkpointed() {
        if (records > 1) {
            wipe();
        }
        runId = ThreadLocalRandom.current().nextLong();
        end = 0;
        records = 0;
    }

    /**
     * At a clean close, after the store file was forced: nothing is left to replay, not even a
     * last record (another program may change the file before this one opens it again).
     */
    void clear() {
        wipe();
        checkpointed();
    }

    private void wipe() {
        try {
            channel.write(ByteBuffer.allocate(8), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the page journal again", e);
        }
        records = 0;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("cannot close the page journal: {}", e.toString());
        }
    }

    /**
     * Writes every commit the log of {@code store} holds into it, as {@link #open} does, then lets
     * the log go; a log whose store is gone (removed by an admin's reset) goes with it. Returns the
     * runs of bytes written again.
     */
    static int replay(Path store) {
        Path side = of(store);
        if (!Files.exists(side)) {
            return 0;
        }
        if (!Files.exists(store)) {
            try {
                Files.delete(side);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + side + " of a store that is gone", e);
            }
            return 0;
        }
        try (PageJournal journal = open(store, 0)) {
            return journal.replayed();
        }
    }

    /**
     * Writes the complete records of the log's last run into the store file, in order, forces it,
     * then empties the log. A record the crash cut short (the commit was never acknowledged, and
     * nothing of it was written in place) ends the run. A log left by an earlier build (one
     * double-write record) is replayed the same way.
     */
    private static int replay(FileChannel journal, Path store) throws IOException {
        long size = journal.size();
        if (size < 8) {
            return 0;
        }
        ByteBuffer magic = ByteBuffer.allocate(8);
        readFully(journal, magic, 0);
        int written;
        int records;
        try (FileChannel file = FileChannel.open(store, StandardOpenOption.WRITE)) {
            if (magic.getLong(0) == EARLIER_MAGIC) {
                written = replayEarlier(journal, size, file);
                records = written > 0 ? 1 : 0;
            } else {
                long[] counts = replayRun(journal, size, file);
                records = (int) counts[0];
                written = (int) counts[1];
            }
            if (records > 0) {
                file.force(true);
                log.info("{}: {} commit(s) since the last checkpoint written again from the page journal ({} runs)",
                        store, records, written);
            }
        }
        journal.write(ByteBuffer.allocate(8), 0);
        journal.force(false);
        return written;
    }

    /** The records of the run at offset 0, applied in order: {records, runs of bytes}. */
    private static long[] replayRun(FileChannel journal, long size, FileChannel file) throws IOException {
        long at = 0;
        long records = 0;
        long written = 0;
        Long run = null;
        while (at + HEADER + 4 <= size) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(journal, header, at);
            header.flip();
            if (header.getLong() != MAGIC || run != null && header.getLong(8) != run) {
                break;
            }
            run = header.getLong();
            int entries = header.getInt();
            int count = header.getInt();
            if (entries < 0 || at + HEADER + (long) entries + 4 > size) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(HEADER + entries + 4);
            readFully(journal, record, at);
            if (!checksumHolds(record, HEADER + entries)) {
                break;
            }
            record.position(HEADER);
            writeEntries(record, count, file);
            records++;
            written += count;
            at += record.capacity();
        }
        return new long[] {records, written};
    }

    /** The one record of an earlier build's double-write, if it is whole: the runs of bytes written. */
    private static int replayEarlier(FileChannel journal, long size, FileChannel file) throws IOException {
        if (size < EARLIER_HEADER + 4) {
            return 0;
        }
        ByteBuffer header = ByteBuffer.allocate(EARLIER_HEADER);
        readFully(journal, header, 0);
        int entries = header.getInt(8);
        int count = header.getInt(12);
        if (entries < 0 || EARLIER_HEADER + (long) entries + 4 > size) {
            return 0;
        }
        ByteBuffer record = ByteBuffer.allocate(EARLIER_HEADER + entries + 4);
        readFully(journal, record, 0);
        if (!checksumHolds(record, EARLIER_HEADER + entries)) {
            return 0;
        }
        record.position(EARLIER_HEADER);
        writeEntries(record, count, file);
        return count;
    }

    private static boolean checksumHolds(ByteBuffer record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, length);
        return record.getInt(length) == (int) crc.getValue();
    }

    /** Writes {@code count} entries (offset, length, bytes) from the record's position into the store file. */
    private static void writeEntries(ByteBuffer record, int count, FileChannel file) throws IOException {
        for (int i = 0; i < count; i++) {
            long offset = record.getLong();
            int length = record.getInt();
            ByteBuffer data = ByteBuffer.wrap(record.array(), record.position(), length);
            record.position(record.position() + length);
            for (long to = offset; data.hasRemaining(); ) {
                to += file.write(data, to);
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, at + into.position()) < 0) {
                throw new IOException("the page journal ended inside a record");
            }
        }
    }
}
