package org.printgate.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A double-write for a MapDB store file: the bytes a commit changes in the file are first
 * written and forced to this side file, then written in place. MapDB 3.1's write-ahead log is
 * never replayed when a store opens (and lacks what a replay would need), so a crash while a
 * commit is copied into the file would leave it torn; with this journal, a crash at any point
 * leaves either the old file (the journal record is incomplete, its checksum says so) or a
 * complete record that {@link #replay} writes again at the next open. Writing a record again is
 * harmless: a later commit overwrites this file before it touches the store.
 *
 * <p>One record, at offset 0: magic, length of the entries, entry count, entries (offset, length,
 * bytes), CRC32C of everything before it. Emptied by zeroing the magic, unforced: a stale record
 * replayed after a power cut writes what the file already holds.
 */
final class PageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PageJournal.class);
    private static final long MAGIC = 0x5047_5041_4745_5331L; // "PGPAGES1"
    private static final int HEADER = 8 + 4 + 4;

    /** Bytes to write at an offset of the store file. */
    record Run(long offset, byte[] bytes) {}

    private final FileChannel channel;

    PageJournal(Path path) {
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    /** The side file of a store file. */
    static Path of(Path store) {
        return store.resolveSibling(store.getFileName() + ".pages");
    }

    /** Writes the record of {@code runs} and forces it to disk. */
    void record(List<Run> runs) {
        int entries = 0;
        for (Run run : runs) {
            entries += 8 + 4 + run.bytes().length;
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER + entries + 4);
        record.putLong(MAGIC).putInt(entries).putInt(runs.size());
        for (Run run : runs) {
            record.putLong(run.offset()).putInt(run.bytes().length).put(run.bytes());
        }
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue());
        record.flip();
        try {
            for (long at = 0; record.hasRemaining(); ) {
                at += channel.write(record, at);
            }
            // The file only grows to the largest record; its size is data that fdatasync covers.
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the page journal", e);
        }
    }

    /** Marks the record done: the store file holds it now. Not forced (see the class comment). */
    void done() {
        try {
            channel.write(ByteBuffer.allocate(8), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the page journal", e);
        }
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
     * Before the store opens: writes a complete record of the side file into the store file and
     * forces it, then empties the side file. An incomplete record (the crash came while it was
     * written, so the store file was not touched yet) is dropped. Returns the runs written again.
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
        try (FileChannel journal = FileChannel.open(side, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = journal.size();
            if (size < HEADER + 4) {
                return 0;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            journal.read(header, 0);
            header.flip();
            if (header.getLong() != MAGIC) {
                return 0;
            }
            int entries = header.getInt();
            int count = header.getInt();
            if (entries < 0 || HEADER + (long) entries + 4 > size) {
                log.warn("{}: an incomplete page journal record, dropped (the store was not touched)", side);
                journal.write(ByteBuffer.allocate(8), 0);
                return 0;
            }
            ByteBuffer record = ByteBuffer.allocate(HEADER + entries + 4);
            while (record.hasRemaining()) {
                if (journal.read(record, record.position()) < 0) {
                    break;
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(record.array(), 0, HEADER + entries);
            if (record.getInt(HEADER + entries) != (int) crc.getValue()) {
                log.warn("{}: a torn page journal record, dropped (the store was not touched)", side);
                journal.write(ByteBuffer.allocate(8), 0);
                return 0;
            }
            record.position(HEADER);
            try (FileChannel file = FileChannel.open(store, StandardOpenOption.WRITE)) {
                for (int i = 0; i < count; i++) {
                    long offset = record.getLong();
                    byte[] bytes = new byte[record.getInt()];
                    record.get(bytes);
                    ByteBuffer data = ByteBuffer.wrap(bytes);
                    for (long at = offset; data.hasRemaining(); ) {
                        at += file.write(data, at);
                    }
                }
                file.force(true);
            }
            journal.write(ByteBuffer.allocate(8), 0);
            journal.force(false);
            log.info("{}: a commit cut short by a crash was completed from the page journal ({} runs)", store, count);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the page journal " + side, e);
        }
    }
}
