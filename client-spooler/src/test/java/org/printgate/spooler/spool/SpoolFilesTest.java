package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large documents written at once each land whole in their files, and share the flushes of their
 * directory; small ones come back whole for the journal, and get a file only when asked.
 */
class SpoolFilesTest {
    @TempDir
    Path dir;

    @Test
    void documentsSpooledAtOnceAreWrittenWholeAndShareDirectoryFlushes() throws Exception {
        SpoolFiles files = new SpoolFiles(dir);
        int writers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SpooledDocument>> written = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                long job = i + 1;
                // Sizes around multiples of the copy buffer, so that a buffer kept by a thread is reused part full.
                byte[] document = new byte[SpoolFiles.INLINE_LIMIT + (int) job * 5000];
                Arrays.fill(document, (byte) job);
                written.add(pool.submit(() -> {
                    start.await();
                    return files.write(job, new ByteArrayInputStream(document));
                }));
            }
            start.countDown();
            for (int i = 0; i < writers; i++) {
                assertThat(written.get(i).get()).isEqualTo(new SpooledDocument(SpoolFiles.INLINE_LIMIT + (i + 1) * 5000L, null));
            }
        } finally {
            pool.shutdownNow();
        }
        for (long job = 1; job <= writers; job++) {
            byte[] back = Files.readAllBytes(files.document(job));
            assertThat(back).hasSize(SpoolFiles.INLINE_LIMIT + (int) job * 5000).containsOnly((byte) job);
        }
        assertThat(files.directoryFlushes()).as("each write waited for a flush; some shared one")
                .isBetween(1L, (long) writers);
        // One more document after the others: it needs a flush of its own.
        long before = files.directoryFlushes();
        files.write(99, new ByteArrayInputStream(new byte[SpoolFiles.INLINE_LIMIT]));
        assertThat(files.directoryFlushes()).isEqualTo(before + 1);
    }

    @Test
    void aDocumentShorterThanTheLimitComesBackWholeWithoutAFile() throws Exception {
        SpoolFiles files = new SpoolFiles(dir);
        byte[] small = new byte[SpoolFiles.INLINE_LIMIT - 1];
        Arrays.fill(small, (byte) 7);

        SpooledDocument kept = files.write(1, new ByteArrayInputStream(small));
        SpooledDocument empty = files.write(2, new ByteArrayInputStream(new byte[0]));
        SpooledDocument atTheLimit = files.write(3, new ByteArrayInputStream(new byte[SpoolFiles.INLINE_LIMIT]));

        assertThat(kept.isInline()).isTrue();
        assertThat(kept.inline()).isEqualTo(small);
        assertThat(kept.bytes()).isEqualTo(small.length);
        assertThat(empty.inline()).isEmpty();
        assertThat(atTheLimit.isInline()).isFalse();
        assertThat(files.document(1)).doesNotExist();
        assertThat(files.document(2)).doesNotExist();
        assertThat(files.document(3)).hasSize(SpoolFiles.INLINE_LIMIT);
        assertThat(files.directoryFlushes()).as("only the file was flushed").isEqualTo(1);
    }

    @Test
    void aKeptDocumentsFileIsMadeOnRequestAndSweptUnlessKept() throws Exception {
        SpoolFiles files = new SpoolFiles(dir);
        files.materialize(5, new byte[] {1, 2, 3});
        files.materialize(6, new byte[] {4});
        // As a crash between writing a copy and renaming it leaves it.
        Files.write(dir.resolve("7.doc.part"), new byte[] {9});

        assertThat(files.document(5)).hasBinaryContent(new byte[] {1, 2, 3});
        files.sweep(Set.of(6L));

        assertThat(files.document(5)).doesNotExist();
        assertThat(files.document(6)).hasBinaryContent(new byte[] {4});
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(files.document(6));
        }
    }
}
