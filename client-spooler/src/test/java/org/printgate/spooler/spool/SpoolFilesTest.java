package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents written at once each land whole, and share the flushes of their directory. */
class SpoolFilesTest {
    @TempDir
    Path dir;

    @Test
    void documentsSpooledAtOnceAreWrittenWholeAndShareDirectoryFlushes() throws Exception {
        SpoolFiles files = new SpoolFiles(dir);
        int writers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> written = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                long job = i + 1;
                // Sizes around the copy buffer, so that a buffer kept by a thread is reused part full.
                byte[] document = new byte[1000 + (int) job * 5000];
                java.util.Arrays.fill(document, (byte) job);
                written.add(pool.submit(() -> {
                    start.await();
                    return files.write(job, new ByteArrayInputStream(document));
                }));
            }
            start.countDown();
            for (int i = 0; i < writers; i++) {
                assertThat(written.get(i).get()).isEqualTo(1000 + (i + 1) * 5000L);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long job = 1; job <= writers; job++) {
            byte[] back = Files.readAllBytes(files.document(job));
            assertThat(back).hasSize(1000 + (int) job * 5000).containsOnly((byte) job);
        }
        assertThat(files.directoryFlushes()).as("each write waited for a flush; some shared one")
                .isBetween(1L, (long) writers);
        // One more document after the others: it needs a flush of its own.
        long before = files.directoryFlushes();
        files.write(99, new ByteArrayInputStream(new byte[10]));
        assertThat(files.directoryFlushes()).isEqualTo(before + 1);
    }
}
