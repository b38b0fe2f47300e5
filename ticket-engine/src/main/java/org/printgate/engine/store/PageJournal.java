package org.printgate.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
    private static final int GROWTH = 1 << 20;

    /** Bytes to write at an offset of the store file. */
    record Run(long offset, byte[] bytes) {}

    private final FileChannel channel;
    private final long limit;
    private long runId = ThreadLocalRandom.current().nextLong();
    /** Where the next record goes. */
    private long end;
    /** The file's size, grown ahead of the records. */
    private long size;

    /** Opens the log at {@code path} for a run from its beginning; {@code limit}: its size that calls for a checkpoint. */
    PageJournal(Path path, long limit) {
        this.limit = limit;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
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
        try {
            if (end + record.remaining() > size) {
                grow(end + record.remaining());
            }
            while (record.hasRemaining()) {
                end += channel.write(record, end);
            }
            channel.force(false);
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

    /** The store file has been forced: it holds everything logged so far, and a new run begins. */
    void checkpointed() {
        runId = ThreadLocalRandom.current().nextLong();
        end = 0;
    }

    /** At a clean close, after the store file was forced: nothing is left to replay. */
    void clear() {
        try {
            channel.write(ByteBuffer.allocate(8), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the page journal", e);
        }
        checkpointed();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("cannot close the page journal: {}", e.toString());
        }
    }

    /**
     * Before the store opens: writes the complete records of the log's last run into the store
     * file, in order, forces it, then empties the log. A record the crash cut short (the commit
     * was never acknowledged, and nothing of it was written in place) ends the run. Returns the
     * runs of bytes written again.
     */
    static int replay(Path store) {
        Path side = of(store);
        if (!Files.exists(side)) {
            return 0;
        }
        if (!Files.exists(store)) {
            // The store was removed (a reset): its journal goes with it.
            try {
                Files.delete(side);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + side + " of a store that is gone", e);
            }
            return 0;
        }
        try (FileChannel journal = FileChannel.open(side, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel file = FileChannel.open(store, StandardOpenOption.WRITE)) {
            long size = journal.size();
            long at = 0;
            int records = 0;
            int written = 0;
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
                CRC32C crc = new CRC32C();
                crc.update(record.array(), 0, HEADER + entries);
                if (record.getInt(HEADER + entries) != (int) crc.getValue()) {
                    break;
                }
                record.position(HEADER);
                for (int i = 0; i < count; i++) {
                    long offset = record.getLong();
                    int length = record.getInt();
                    ByteBuffer data = ByteBuffer.wrap(record.array(), record.position(), length);
                    record.position(record.position() + length);
                    for (long to = offset; data.hasRemaining(); ) {
                        to += file.write(data, to);
                    }
                }
                records++;
                written += count;
                at += record.capacity();
            }
            if (records > 0) {
                file.force(true);
                log.info("{}: {} commit(s) since the last checkpoint written again from the page journal ({} runs)",
                        store, records, written);
            }
            if (size >= 8) {
                journal.write(ByteBuffer.allocate(8), 0);
                journal.force(false);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the page journal " + side, e);
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
