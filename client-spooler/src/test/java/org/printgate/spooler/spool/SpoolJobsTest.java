package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.testing.Await;

/**
 * The spool's one door for job changes: an ended job stays ended; its document leaves the spool
 * after the ending is durable and without holding it up, from its file or from the journal; what
 * a crash left behind (an ended job's file, a document whose job was never answered, a copy of a
 * journaled document) is removed when the spool is opened again, while a live job's document
 * stays; messages change without a disk write.
 */
class SpoolJobsTest {
    @TempDir
    Path spool;

    @Test
    void anEndedJobsDocumentIsRemoved() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs, LARGE);
            Path document = jobs.documentFile(id);
            assertThat(document).hasSize(LARGE);

            jobs.update(id, job -> job.inPhase(Phase.COMPLETED, "printed"));

            Await.until(Duration.ofSeconds(10), () -> !Files.exists(document), "the ended job's document to go");
            assertThat(jobs.get(id)).get().extracting(SpoolJob::phase).isEqualTo(Phase.COMPLETED);
        }
    }

    @Test
    void aSmallDocumentIsJournaledWithItsJobCopiedOutWhenAskedAndDroppedWhenTheJobEnds() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs, SMALL);
            assertThat(jobs.files().document(id)).as("no file until one is asked for").doesNotExist();
            assertThat(jobs.keptDocument(id)).get().isEqualTo(content(SMALL));

            Path document = jobs.documentFile(id);
            assertThat(document).hasBinaryContent(content(SMALL));
            jobs.update(id, job -> job.inPhase(Phase.COMPLETED, "printed"));

            assertThat(jobs.keptDocument(id)).as("dropped in the ending's commit").isEmpty();
            Await.until(Duration.ofSeconds(10), () -> !Files.exists(document), "the ended job's copy to go");
        }
    }

    @Test
    void aJobIsFoundByItsCurrentTicketAlsoAfterAReopen() throws Exception {
        long id;
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            id = spooled(jobs, SMALL);
            assertThat(jobs.byTicket(0)).isEmpty();
            jobs.update(id, job -> job.withTicket(700));
            assertThat(jobs.byTicket(700)).get().extracting(SpoolJob::id).isEqualTo(id);
            // The engine lost the ticket: a new one replaces it.
            jobs.update(id, job -> job.withTicket(0));
            jobs.update(id, job -> job.withTicket(701));
            assertThat(jobs.byTicket(700)).isEmpty();
            assertThat(jobs.byTicket(701)).get().extracting(SpoolJob::id).isEqualTo(id);
        }
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            assertThat(jobs.byTicket(701)).get().extracting(SpoolJob::id).isEqualTo(id);
        }
    }

    @Test
    void anEndedJobIsNotTakenBackToALivePhase() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs, SMALL);
            jobs.update(id, job -> job.inPhase(Phase.CANCELED, "canceled by alice"));

            // A go-ahead computed before the cancel arrived.
            SpoolJob after = jobs.update(id, job -> job.inPhase(Phase.PRINTING, "printing")).orElseThrow();

            assertThat(after.phase()).isEqualTo(Phase.CANCELED);
            assertThat(journal.load()).singleElement().extracting(SpoolJob::phase).isEqualTo(Phase.CANCELED);
        }
    }

    @Test
    void aDocumentThatArrivesForAnEndedJobIsNotKept() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = jobs.newId();
            jobs.add(SpoolJob.received(id, "office", "alice", "report", "application/pdf", 50, new byte[0],
                    System.currentTimeMillis(), "", 1));
            // A Send-Document racing a Close-Job or a cancel: the job ends while its document is arriving,
            jobs.update(id, job -> job.inPhase(Phase.CANCELED, "canceled by alice"));
            // and the ending's clean-up has run (removals run in order: a later one is done after it)
            long later = spooled(jobs, LARGE);
            jobs.update(later, job -> job.inPhase(Phase.COMPLETED, "printed"));
            Await.until(Duration.ofSeconds(10), () -> !Files.exists(jobs.files().document(later)), "the clean-ups so far");
            // before the document is all there.
            SpooledDocument document = jobs.files().write(id, new ByteArrayInputStream(content(LARGE)));

            SpoolJob after = jobs.update(id, document, job -> job.withDocument("application/pdf", document.bytes())
                    .inPhase(Phase.SPOOLED, "spooled")).orElseThrow();

            assertThat(after.phase()).isEqualTo(Phase.CANCELED);
            Await.until(Duration.ofSeconds(10), () -> !Files.exists(jobs.files().document(id)), "the late document to go");
        }
    }

    @Test
    void aNotedMessageIsSeenAtOnceButNotWrittenAndOnlyInItsPhase() throws Exception {
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            long id = spooled(jobs, SMALL);

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
        long small;
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, new SpoolFiles(spool.resolve("documents")));
            live = spooled(jobs, LARGE);
            ended = spooled(jobs, LARGE);
            small = spooled(jobs, SMALL);
            jobs.documentFile(small);
        }
        // As a crash leaves them: the journal says "ended" but the file is still there, and a
        // document was written for a job id the journal never recorded.
        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJob job = journal.load().stream().filter(j -> j.id() == ended).findFirst().orElseThrow();
            journal.save(job.inPhase(Phase.ABORTED, "crashed"));
        }
        SpoolFiles files = new SpoolFiles(spool.resolve("documents"));
        // Large, so that it is a file: a small one would be handed back for the journal, and nothing written.
        files.write(ended + 100, new ByteArrayInputStream(content(LARGE)));
        assertThat(files.document(ended + 100)).hasSize(LARGE);

        // A copy of a journaled document cut short, as a crash before the copy's pages reached the disk leaves it.
        Files.write(files.document(small), new byte[] {1});

        try (SpoolJournal journal = new SpoolJournal(spool.resolve("journal"))) {
            SpoolJobs jobs = new SpoolJobs(journal, files);

            assertThat(files.document(live)).hasSize(LARGE);
            assertThat(files.document(ended)).doesNotExist();
            assertThat(files.document(ended + 100)).doesNotExist();
            assertThat(files.document(small)).as("the copy, not trusted after a crash").doesNotExist();
            assertThat(jobs.documentFile(small)).hasBinaryContent(content(SMALL));
        }
    }

    private static final int SMALL = 4096;
    private static final int LARGE = SpoolFiles.INLINE_LIMIT + 4096;

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    /** A job created, then sent its document as Send-Document does. */
    private static long spooled(SpoolJobs jobs, int size) throws Exception {
        long id = jobs.newId();
        jobs.add(SpoolJob.received(id, "office", "alice", "report", "application/pdf", 50, new byte[0],
                System.currentTimeMillis(), "", 1));
        SpooledDocument document = jobs.files().write(id, new ByteArrayInputStream(content(size)));
        jobs.update(id, document, job -> job.withDocument("application/pdf", document.bytes()).inPhase(Phase.SPOOLED, "spooled"));
        return id;
    }
}
