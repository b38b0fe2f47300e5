package org.printgate.spooler.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The documents of spooled jobs, one file per job. A document is written through a small buffer
 * (never held whole), then forced to disk with its directory entry before the job is answered.
 */
public final class SpoolFiles {
    private static final int BUFFER = 64 * 1024;
    private final Path directory;

    public SpoolFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public Path document(long jobId) {
        return directory.resolve(jobId + ".doc");
    }

    /** Copies {@code in} to the job's document file and forces it to disk; returns the byte count. */
    public long write(long jobId, InputStream in) throws IOException {
        Path file = document(jobId);
        long total = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] chunk = new byte[BUFFER];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                total += n;
            }
            out.force(true);
        }
        forceDirectory();
        return total;
    }

    public void delete(long jobId) {
        try {
            Files.deleteIfExists(document(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the spool file of job " + jobId, e);
        }
    }

    /** A new file's name is durable only once its directory is flushed (POSIX fsync of the directory). */
    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
