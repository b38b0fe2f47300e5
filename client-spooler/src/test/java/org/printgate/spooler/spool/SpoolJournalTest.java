package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.printgate.store.TransactionalMapDb;

/**
 * The journal keeps jobs and their small documents across a reopen, and takes over the jobs of
 * the journal an earlier spooler left.
 */
class SpoolJournalTest {
    @TempDir
    Path dir;

    @Test
    void jobsAndTheirDocumentsAreThereAfterAReopenAndIdsAreNotHandedOutAgain() {
        long first;
        try (SpoolJournal journal = new SpoolJournal(dir)) {
            first = journal.newId();
            journal.save(job(first), new byte[] {1, 2, 3}, false);
            long second = journal.newId();
            journal.save(job(second));
            journal.save(job(second).inPhase(Phase.COMPLETED, "printed"), null, true);
        }
        try (SpoolJournal journal = new SpoolJournal(dir)) {
            assertThat(journal.load()).extracting(SpoolJob::id).containsExactly(first, first + 1);
            assertThat(journal.document(first)).get().isEqualTo(new byte[] {1, 2, 3});
            assertThat(journal.documentIds()).containsExactly(first);
            assertThat(journal.newId()).isEqualTo(first + 2);
        }
    }

    @Test
    void theJobsOfAnEarlierSpoolersJournalAreTakenOver() {
        // As spoolers before 2026-12 left it: journal.db, MapDB's write-ahead-log store.
        Path earlier = dir.resolve("journal.db");
        try (DB db = TransactionalMapDb.open(earlier, 1 << 20, false)) {
            var jobs = db.treeMap("jobs", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
            jobs.put(41L, SpoolJobCodec.encode(job(41)));
            jobs.put(42L, SpoolJobCodec.encode(job(42).inPhase(Phase.SPOOLED, "spooled")));
            db.atomicLong("next-job-id", 1).createOrOpen().set(50);
            db.commit();
        }

        try (SpoolJournal journal = new SpoolJournal(dir)) {
            assertThat(journal.load()).extracting(SpoolJob::id, SpoolJob::phase)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(41L, Phase.RECEIVING),
                            org.assertj.core.groups.Tuple.tuple(42L, Phase.SPOOLED));
            assertThat(journal.newId()).isEqualTo(50);
        }
        assertThat(earlier).doesNotExist();
        assertThat(dir.resolve("journal.db.pages")).doesNotExist();
        try (SpoolJournal journal = new SpoolJournal(dir)) {
            assertThat(journal.load()).as("moved once, kept after").hasSize(2);
            assertThat(journal.newId()).isEqualTo(50);
        }
        assertThat(Files.exists(dir.resolve("spool.db"))).isTrue();
    }

    private static SpoolJob job(long id) {
        return SpoolJob.received(id, "office", "alice", "letter", "application/pdf", 50, new byte[0], 1_000L, "", 1);
    }
}
