package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.spooler.Await;

/**
 * The spool's one door for job changes: an ended job stays ended; its document leaves the spool
 * after the ending is durable and without holding it up; what a crash left behind (an ended
 * job's file, a document whose job was never answered) is removed when the spool is opened
 * again, while a live job's document stays; messages change without a disk write.
 */
class SpoolJobsTest {
    @TempDir
    Path spool;

    @Test
    void anEndedJobsDocumentIsRemoved() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs);
            Path document = jobs.files().document(id);

            jobs.update(id, job -> job.inPhase(Phase.COMPLETED, "printed"));

            Await.until(Duration.ofSeconds(10), () -> !Files.exists(document), "the ended job's document to go");
            assertThat(jobs.get(id)).get().extracting(SpoolJob::phase).isEqualTo(Phase.COMPLETED);
        }
    }

    @Test
    void anEndedJobIsNotTakenBackToALivePhase() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs);
            jobs.update(id, job -> job.inPhase(Phase.CANCELED, "canceled by alice"));

            // A go-ahead computed before the cancel arrived.
            SpoolJob after = jobs.update(id, job -> job.inPhase(Phase.PRINTING, "printing")).orElseThrow();

            assertThat(after.phase()).isEqualTo(Phase.CANCELED);
            assertThat(journal.load()).singleElement().extracting(SpoolJob::phase).isEqualTo(Phase.CANCELED);
        }
    }

    @Test
    void aNotedMessageIsSeenAtOnceButNotWrittenAndOnlyInItsPhase() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs);

            jobs.note(id, Phase.SPOOLED, "3rd in line");
            jobs.note(id, Phase.PRINTING, "printing page 2");

            assertThat(jobs.get(id)).get().extracting(SpoolJob::message).isEqualTo("3rd in line");
            assertThat(journal.load()).singleElement().extracting(SpoolJob::message).isEqualTo("spooled");
        }
    }

    @Test
    void reopeningRemovesWhatACrashLeftAndKeepsLiveDocuments() throws Exception {
        long live;
        long ended;
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            live = spooled(jobs);
            ended = spooled(jobs);
        }
        // As a crash leaves them: the journal says "ended" but the file is still there, and a
        // document was written for a job id the journal never recorded.
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJob job = journal.load().stream().filter(j -> j.id() == ended).findFirst().orElseThrow();
            journal.save(job.inPhase(Phase.ABORTED, "crashed"));
        }
        SpoolFiles files = new SpoolFiles(spool.resolve("documents"));
        files.write(ended + 100, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            new SpoolJobs(journal, files);

            assertThat(files.document(live)).exists();
            assertThat(files.document(ended)).doesNotExist();
            assertThat(files.document(ended + 100)).doesNotExist();
        }
    }

    private static long spooled(SpoolJobs jobs) throws Exception {
        long id = jobs.newId();
        jobs.add(SpoolJob.received(id, "office", "alice", "report", "application/pdf", 50, new byte[0],
                System.currentTimeMillis()));
        long size = jobs.files().write(id, new ByteArrayInputStream(new byte[4096]));
        jobs.update(id, job -> job.withDocument("application/pdf", size).inPhase(Phase.SPOOLED, "spooled"));
        return id;
    }
}
