package org.printgate.store;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mapdb.DataInput2;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * A MapDB file volume that keeps the pages it has read or written in memory and writes them to
 * the file when MapDB syncs it. MapDB 3 has no cache of its own: each B-tree node it reads costs a
 * {@code pread}, each record it puts in the write-ahead log a {@code pwrite}, and a commit
 * checksums the log by reading it back 128 bytes at a time, then reads each record back to copy
 * it into the store. On this VM a system call costs microseconds, so those calls were most of a
 * commit's CPU (perf: ~30 % of the engine bench's CPU in {@code pread} and {@code pwrite}).
 *
 * <p>A store's main file (not its write-ahead logs) also gets a {@link PageJournal}: MapDB 3.1
 * never replays its log when a store opens, so each sync's pages are first appended to the
 * journal and forced there, then written in place without a flush; the file is forced at a
 * checkpoint, when the journal is full, and the commits since are replayed at the next open.
 * Its changed pages are never written in place before the sync.
 *
 * <p>Durability is otherwise unchanged. MapDB promises nothing about a write until it syncs the
 * volume, and {@link #sync()} first writes every changed page (adjacent pages in one call, in file
 * order), then forces the file (or the journal) as before; {@link #close()} writes them too. The
 * cache answers reads coherently because MapDB is the only writer and every write passes here; a
 * changed page is written out before it is dropped. A page wholly past what the file held when
 * opened, or past anything written since, is known to be zeros (growth writes a single zero byte
 * at the new end), so a new write-ahead log is never read from the disk.
 */
public final class PageCachedVolume extends Volume {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    /** Opens {@link FileChannelVol}s wrapped in a cache of at most {@code maxCachedBytes} each. */
    public static VolumeFactory factory(long maxCachedBytes) {
        return factory(maxCachedBytes, null, 0);
    }

    /**
     * As {@link #factory(long)}; the volume of {@code journaled} (a store's main file, not its
     * write-ahead logs) writes each sync's pages through a {@link PageJournal} first, with a
     * checkpoint each time {@code journalLimit} bytes have gone through it (0: at every sync).
     */
    static VolumeFactory factory(long maxCachedBytes, java.nio.file.Path journaled, long journalLimit) {
        return new VolumeFactory() {
            @Override
            public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                                     boolean fixedSize) {
                // The journal first: it locks the store for this process, and its replay must be in
                // the file before MapDB's volume reads the file's size.
                boolean journaling = journaled != null && !readOnly && java.nio.file.Path.of(file).equals(journaled);
                PageJournal journal = journaling ? PageJournal.open(journaled, journalLimit) : null;
                try {
                    Volume inner = FileChannelVol.FACTORY.makeVolume(file, readOnly, fileLockWait, sliceShift, initSize, fixedSize);
                    return new PageCachedVolume((FileChannelVol) inner, maxCachedBytes, journal);
                } catch (RuntimeException e) {
                    if (journal != null) {
                        journal.close();
                    }
                    throw e;
                }
            }

            @Override
            public boolean exists(String file) {
                return FileChannelVol.FACTORY.exists(file);
            }

            @Override
            public boolean handlesReadonly() {
                return FileChannelVol.FACTORY.handlesReadonly();
            }
        };
    }

    /** A page's bytes, and whether they differ from the file's. */
    private static final class Page {
        final byte[] bytes = new byte[PAGE_SIZE];
        boolean changed;
    }

    private final FileChannelVol file;
    /** Cached pages by page number, least recently used first. */
    private final LinkedHashMap<Long, Page> pages;
    /** Numbers of the changed pages, in file order. */
    private final java.util.TreeSet<Long> changed = new java.util.TreeSet<>();
    /** Past this offset the volume holds only zeros (the changed pages included). */
    private long contentEnd;
    /** The file is at least this long: reads from it stop here, and what lies beyond is zeros. */
    private long fileEnd;
    /** Pages read from the file so far (what the cache could not answer). */
    private long pagesRead;
    /** Where a sync's pages go first, or null (write-ahead logs: MapDB checksums those itself). */
    private final PageJournal journal;
    private final int maxPages;
    /**
     * Why the volume takes no more syncs: {@link #abandon}ed, or a sync failed part way (the
     * cache may then hold changes the file never got). The file is as the journal left it; the
     * store must be opened again.
     */
    private String broken;
    /** The page {@link #page} returned last (dropped with it from the cache), and its number. */
    private Page lastPage;
    private long lastNumber = -1;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    PageCachedVolume(FileChannelVol file, long maxCachedBytes, PageJournal journal) {
        this.file = file;
        this.journal = journal;
        this.contentEnd = file.length();
        this.fileEnd = contentEnd;
        this.maxPages = (int) Math.max(16, Math.min(Integer.MAX_VALUE, maxCachedBytes >> PAGE_SHIFT));
        this.pages = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
                if (size() <= PageCachedVolume.this.maxPages) {
                    return false;
                }
                if (eldest.getValue().changed) {
                    if (PageCachedVolume.this.journal != null) {
                        // Not in place before the journal has it: kept until the sync, over the limit.
                        return false;
                    }
                    writeOut(eldest.getKey(), eldest.getKey());
                }
                forgetLastPage();
                return true;
            }
        };
    }

    // ---- reads: from the cache, loading a missing page with one read

    @Override
    public synchronized void getData(long offset, byte[] bytes, int bytesPos, int size) {
        while (size > 0) {
            byte[] page = page(offset >>> PAGE_SHIFT).bytes;
            int inPage = (int) (offset & (PAGE_SIZE - 1));
            int n = Math.min(size, PAGE_SIZE - inPage);
            System.arraycopy(page, inPage, bytes, bytesPos, n);
            offset += n;
            bytesPos += n;
            size -= n;
        }
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
        byte[] bytes = new byte[size];
        getData(offset, bytes, 0, size);
        return new DataInput2.ByteArray(bytes);
    }

    // MapDB reads its header a number at a time (StoreDirect checksums ~32 KiB of it at every
    // commit): a number within one page is read in place, without a copy.

    @Override
    public synchronized long getLong(long offset) {
        int inPage = (int) (offset & (PAGE_SIZE - 1));
        if (inPage <= PAGE_SIZE - 8) {
            return (long) LONGS.get(page(offset >>> PAGE_SHIFT).bytes, inPage);
        }
        byte[] bytes = new byte[8];
        getData(offset, bytes, 0, 8);
        return (long) LONGS.get(bytes, 0);
    }

    @Override
    public synchronized int getInt(long offset) {
        int inPage = (int) (offset & (PAGE_SIZE - 1));
        if (inPage <= PAGE_SIZE - 4) {
            return (int) INTS.get(page(offset >>> PAGE_SHIFT).bytes, inPage);
        }
        byte[] bytes = new byte[4];
        getData(offset, bytes, 0, 4);
        return (int) INTS.get(bytes, 0);
    }

    @Override
    public synchronized byte getByte(long offset) {
        return page(offset >>> PAGE_SHIFT).bytes[(int) (offset & (PAGE_SIZE - 1))];
    }

    /**
     * The page, from the cache or read now; only the part before {@link #contentEnd} is read. The
     * page used last is answered without a lookup (which, in access order, also relinks it).
     */
    private Page page(long number) {
        if (number == lastNumber && lastPage != null) {
            return lastPage;
        }
        Page page = pages.get(number);
        if (page == null) {
            page = new Page();
            long start = number << PAGE_SHIFT;
            int stored = (int) Math.max(0, Math.min(PAGE_SIZE, Math.min(contentEnd, fileEnd) - start));
            if (stored > 0) {
                file.getData(start, page.bytes, 0, stored);
                pagesRead++;
            }
            pages.put(number, page);
        }
        lastNumber = number;
        lastPage = page;
        return page;
    }

    /** Called whenever pages leave the cache: the page used last may be among them. */
    private void forgetLastPage() {
        lastPage = null;
        lastNumber = -1;
    }

    synchronized long pagesRead() {
        return pagesRead;
    }

    // ---- writes: into the pages, to the file when MapDB syncs

    @Override
    public synchronized void putLong(long offset, long value) {
        Page page = pageToWrite(offset, 8);
        if (page == null) {
            putData(offset, ByteBuffer.allocate(8).putLong(0, value).array(), 0, 8);
        } else {
            LONGS.set(page.bytes, (int) (offset & (PAGE_SIZE - 1)), value);
        }
    }

    @Override
    public synchronized void putInt(long offset, int value) {
        Page page = pageToWrite(offset, 4);
        if (page == null) {
            putData(offset, ByteBuffer.allocate(4).putInt(0, value).array(), 0, 4);
        } else {
            INTS.set(page.bytes, (int) (offset & (PAGE_SIZE - 1)), value);
        }
    }

    /**
     * The page that holds all {@code width} bytes at {@code offset}, counted as changed by their
     * write; null when they cross into the next page.
     */
    private Page pageToWrite(long offset, int width) {
        if ((offset & (PAGE_SIZE - 1)) > PAGE_SIZE - width) {
            return null;
        }
        long number = offset >>> PAGE_SHIFT;
        Page page = page(number);
        markChanged(number, page);
        contentEnd = Math.max(contentEnd, offset + width);
        return page;
    }

    @Override
    public void putByte(long offset, byte value) {
        putData(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public void putData(long offset, ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        putData(offset, bytes, 0, bytes.length);
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        while (srcSize > 0) {
            long number = offset >>> PAGE_SHIFT;
            int inPage = (int) (offset & (PAGE_SIZE - 1));
            int n = Math.min(srcSize, PAGE_SIZE - inPage);
            Page page = page(number);
            System.arraycopy(src, srcPos, page.bytes, inPage, n);
            markChanged(number, page);
            offset += n;
            srcPos += n;
            srcSize -= n;
        }
        contentEnd = Math.max(contentEnd, offset);
    }

    private void markChanged(long number, Page page) {
        if (!page.changed) {
            page.changed = true;
            changed.add(number);
        }
    }

    /** Writes the changed pages from {@code first} to {@code last} (numbers, inclusive) to the file. */
    private void writeOut(long first, long last) {
        writeInPlace(takeRuns(first, last));
    }

    private void writeInPlace(java.util.List<PageJournal.Run> runs) {
        for (PageJournal.Run run : runs) {
            file.putData(run.offset(), run.bytes(), 0, run.bytes().length);
            fileEnd = Math.max(fileEnd, run.offset() + run.bytes().length);
        }
    }

    /**
     * The changed pages from {@code first} to {@code last}, one run for each stretch of adjacent
     * pages (the last page stops at the content's end), now counted as unchanged.
     */
    private java.util.List<PageJournal.Run> takeRuns(long first, long last) {
        java.util.List<PageJournal.Run> runs = new java.util.ArrayList<>();
        java.util.NavigableSet<Long> range = changed.subSet(first, true, last, true);
        while (!range.isEmpty()) {
            long start = range.first();
            long end = start;
            while (range.contains(end + 1)) {
                end++;
            }
            long from = start << PAGE_SHIFT;
            int length = (int) (Math.min((end + 1) << PAGE_SHIFT, contentEnd) - from);
            byte[] run = new byte[Math.max(0, length)];
            for (long number = start; number <= end; number++) {
                Page page = pages.get(number);
                int at = (int) ((number - start) << PAGE_SHIFT);
                System.arraycopy(page.bytes, 0, run, at, Math.min(PAGE_SIZE, run.length - at));
                page.changed = false;
            }
            if (run.length > 0) {
                runs.add(new PageJournal.Run(from, run));
            }
            range.subSet(start, true, end, true).clear();
        }
        return runs;
    }

    /**
     * Everything changed, durably: appended to the journal and written in place when there is
     * one (the file is forced only at a checkpoint), else written in place and forced. Drops
     * unchanged pages past the cache's size (changed ones could not go before).
     */
    private void writeAllAndForce() {
        if (broken != null) {
            throw new IllegalStateException(file.getFile() + ": " + broken + "; open it again");
        }
        java.util.List<PageJournal.Run> runs = takeRuns(0, Long.MAX_VALUE);
        if (journal == null) {
            writeInPlace(runs);
            file.sync();
        } else {
            if (!runs.isEmpty()) {
                try {
                    journal.append(runs);
                } catch (RuntimeException e) {
                    broken = "a commit could not be logged (" + e.getMessage() + ")";
                    throw e;
                }
            }
            // Logged: the commit stands whatever happens now, and is completed by the next open if
            // the file does not get it. A failure here only stops this volume.
            try {
                writeInPlace(runs);
                if (journal.full()) {
                    checkpoint();
                }
            } catch (RuntimeException e) {
                broken = "a logged commit could not be written in place (" + e.getMessage() + ")";
                org.slf4j.LoggerFactory.getLogger(PageCachedVolume.class).error("{}: {}", file.getFile(), broken, e);
            }
        }
        for (var entries = pages.entrySet().iterator(); pages.size() > maxPages && entries.hasNext(); ) {
            if (!entries.next().getValue().changed) {
                entries.remove();
                forgetLastPage();
            }
        }
    }

    /** Forces the file, which then holds everything the journal does: the journal starts again. */
    private void checkpoint() {
        file.sync();
        journal.checkpointed();
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        // Zeros into the pages. With a journal, like any change of the store file: into every page
        // touched, to the file through the journal. Without, into the file now and the cached pages.
        if (journal == null) {
            file.clear(startOffset, endOffset);
        }
        for (long at = startOffset; at < endOffset; ) {
            long number = at >>> PAGE_SHIFT;
            int inPage = (int) (at & (PAGE_SIZE - 1));
            int n = (int) Math.min(endOffset - at, PAGE_SIZE - inPage);
            Page page = journal != null ? page(number) : pages.get(number);
            if (page != null) {
                Arrays.fill(page.bytes, inPage, inPage + n, (byte) 0);
                if (journal != null) {
                    markChanged(number, page);
                }
            }
            at += n;
        }
        if (journal != null) {
            // Written like any data: the changed pages reach that far.
            contentEnd = Math.max(contentEnd, endOffset);
        }
    }

    @Override
    public synchronized void truncate(long size) {
        writeAllAndForce();
        if (journal != null) {
            // A replay must not write past the new end what the journal logged before it.
            checkpoint();
        }
        file.truncate(size);
        pages.keySet().removeIf(number -> (number << PAGE_SHIFT) + PAGE_SIZE > size);
        forgetLastPage();
        contentEnd = Math.min(contentEnd, size);
        fileEnd = Math.min(fileEnd, size);
    }

    /** Growth writes one zero byte at the new end: what lies before it is zeros, as known. */
    @Override
    public synchronized void ensureAvailable(long offset) {
        file.ensureAvailable(offset);
        fileEnd = Math.max(fileEnd, offset);
    }

    // ---- the rest is the file's, once the changed pages are in it

    @Override
    public synchronized void sync() {
        writeAllAndForce();
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            if (journal != null) {
                try {
                    if (!file.isReadOnly() && broken == null) {
                        writeAllAndForce();
                        if (broken == null) {
                            file.sync();
                            journal.clear();
                        }
                    }
                } finally {
                    journal.close();
                    file.close();
                }
            } else {
                try {
                    if (!file.isReadOnly() && !changed.isEmpty()) {
                        writeOut(0, Long.MAX_VALUE);
                    }
                } finally {
                    file.close();
                }
            }
            pages.clear();
            forgetLastPage();
        }
    }

    /**
     * Drops every change since the last sync, for good: nothing more reaches the file, and a
     * sync fails. The file stays as the last sync left it (with its journal, to be replayed at
     * the next open); the caller closes this volume and opens the file again.
     */
    synchronized void abandon() {
        broken = "abandoned after a failed commit";
        changed.clear();
        pages.clear();
        forgetLastPage();
    }

    @Override
    public int sliceSize() {
        return file.sliceSize();
    }

    @Override
    public boolean isSliced() {
        return file.isSliced();
    }

    /** The file's length, or further if changed pages not yet written reach further. */
    @Override
    public synchronized long length() {
        return Math.max(file.length(), changed.isEmpty() ? 0 : contentEnd);
    }

    @Override
    public boolean isReadOnly() {
        return file.isReadOnly();
    }

    @Override
    public File getFile() {
        return file.getFile();
    }

    @Override
    public boolean getFileLocked() {
        return file.getFileLocked();
    }
}
