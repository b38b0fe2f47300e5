package org.printgate.spooler.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents of spooled jobs. A large document gets a file of its own, written through a small
 * buffer (never held whole), then forced to disk with its directory entry before the job is
 * answered. A small one (most office jobs are a few kilobytes: a letter, a label, a receipt) is
 * handed back whole for the journal, whose group commit makes it durable with the job's record:
 * one shared flush for many jobs instead of a file created and flushed for each. Its file is
 * made, unflushed, only when the job is forwarded ({@link SpoolJobs#documentFile}).
 */
public final class SpoolFiles {
    private static final Logger log = LoggerFactory.getLogger(SpoolFiles.class);
    private static final int BUFFER = 64 * 1024;
    /** Documents shorter than this are kept in the journal: those that end within the copy buffer. */
    public static final int INLINE_LIMIT = BUFFER;
    private static final String SUFFIX = ".doc";
    /** A copy of a journaled document while it is written, before it is renamed to its {@link #SUFFIX}. */
    private static final String PART_SUFFIX = SUFFIX + ".part";
    private final Path directory;
    /**
     * Each thread's copy buffer, kept: most documents are small, and a new 64 KiB array per job
     * was most of what the spooler allocated (a young collection every ~50 ms under load, with the
     * desktop's small young generation).
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    /** Directory flushes: one flush serves every file created before it began. */
    private final Object directoryFlush = new Object();
    private long flushesAsked;
    private long flushesDone;
    private boolean flushing;
    private long flushes;
    /** False where a directory cannot be opened to flush it (Windows): the spool then relies on the file system's own ordering. */
    private volatile boolean directoriesFlush = true;
    /**
     * Removing a big file takes the file system a while (a 1 GB one ~0.35 s on ext4): ended jobs'
     * files go on this thread, so a job's ending is not held up by its own clean-up.
     */
    private final ExecutorService remover = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spool-file-remover");
        thread.setDaemon(true);
        return thread;
    });

    public SpoolFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public Path document(long jobId) {
        return directory.resolve(jobId + SUFFIX);
    }

    /**
     * Takes in a document: whole, when it ends within {@link #INLINE_LIMIT} bytes (nothing is
     * written; the caller journals it), else copied to the job's file and forced to disk.
     */
    public SpooledDocument write(long jobId, InputStream in) throws IOException {
        byte[] chunk = BUFFERS.get();
        int head = in.readNBytes(chunk, 0, chunk.length);
        if (head < chunk.length) {
            return new SpooledDocument(head, java.util.Arrays.copyOf(chunk, head));
        }
        long total = 0;
        try (FileChannel out = FileChannel.open(document(jobId), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            for (int n = head; n >= 0; n = in.read(chunk)) {
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                total += n;
            }
            out.force(true);
        }
        forceDirectory();
        return new SpooledDocument(total, null);
    }

    /**
     * Writes a journaled document to the job's file for the forwarders, without a flush: the
     * journal holds the durable copy, and the file is removed at start-up ({@link #sweep}) in case
     * a crash left it short. Written under another name and renamed, so that no reader sees it
     * part written.
     */
    void materialize(long jobId, byte[] document) throws IOException {
        Path file = document(jobId);
        Path part = directory.resolve(jobId + PART_SUFFIX);
        Files.write(part, document);
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void delete(long jobId) {
        try {
            Files.deleteIfExists(document(jobId));
            Files.deleteIfExists(directory.resolve(jobId + PART_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the spool file of job " + jobId, e);
        }
    }

    /** Removes the job's document soon, off the calling thread; a crash before then leaves it to {@link #sweep}. */
    public void deleteLater(long jobId) {
        remover.execute(() -> {
            try {
                delete(jobId);
            } catch (UncheckedIOException e) {
                log.warn("{}: {}", e.getMessage(), e.getCause().toString());
            }
        });
    }

    /**
     * Removes every document file whose job is not among {@code keep}: the files of jobs that
     * ended, or were never answered, just before a crash, and the copies made of journaled
     * documents (remade when needed). At once, not later: an unanswered job's id was not yet
     * durable, so a new job may take it.
     */
    public void sweep(Set<Long> keep) {
        try (Stream<Path> files = Files.list(directory)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX) || name.endsWith(PART_SUFFIX))
                    .map(name -> name.substring(0, name.indexOf(SUFFIX)))
                    .filter(id -> id.chars().allMatch(Character::isDigit) && !id.isEmpty())
                    .map(Long::parseLong)
                    .filter(id -> !keep.contains(id))
                    .forEach(this::delete);
        } catch (IOException e) {
            log.warn("cannot list the spool directory {}: {}", directory, e.toString());
        }
    }

    /**
     * The spool directory, open to flush it; null where the platform cannot open a directory
     * (Windows refuses, and NTFS orders a file's name with its data by itself). Said once, then
     * not tried again: a failing flush on a platform that has them still fails the spooling.
     */
    private FileChannel openDirectory() {
        try {
            return FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            directoriesFlush = false;
            log.warn("{} cannot be opened to flush new file names ({}): the spool relies on the file system's own ordering,"
                    + " and a power cut just after a job is taken may lose it", directory, e.toString());
            return null;
        }
    }

    /** How many times the directory was flushed. */
    long directoryFlushes() {
        synchronized (directoryFlush) {
            return flushes;
        }
    }

    /**
     * A new file's name is durable only once its directory is flushed (POSIX fsync of the
     * directory). Jobs spooled at the same time share a flush: a flush that begins after this
     * file was created covers it, so a caller waits for the one under way (which may not) to end,
     * then starts or joins the next.
     */
    private void forceDirectory() throws IOException {
        if (!directoriesFlush) {
            return;
        }
        long mine;
        synchronized (directoryFlush) {
            mine = ++flushesAsked;
        }
        while (true) {
            long covers;
            synchronized (directoryFlush) {
                while (flushing && flushesDone < mine) {
                    try {
                        directoryFlush.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while flushing " + directory);
                    }
                }
                if (flushesDone >= mine) {
                    return;
                }
                flushing = true;
                covers = flushesAsked;
            }
            boolean flushed = false;
            FileChannel dir = null;
            try {
                dir = openDirectory();
                if (dir != null) {
                    dir.force(true);
                }
                flushed = true;
            } finally {
                if (dir != null) {
                    dir.close();
                }
                synchronized (directoryFlush) {
                    flushing = false;
                    if (flushed) {
                        flushes++;
                        flushesDone = Math.max(flushesDone, covers);
                    }
                    directoryFlush.notifyAll();
                }
            }
        }
    }
}
