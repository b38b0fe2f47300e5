package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.testing.Await;

/** Jobs sent over IPP come out of the marking engine page by page, into the ledger, once each. */
class IppPrintingTest {
    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void printJobOfAFivePagePdfCompletesWithEveryPageOnceInTheLedger() throws IOException {
        // 100 ms a page, so the job is seen processing.
        sim.start(TestPrinter.named("pdf-at-600-ppm").pagesPerMinute(600));
        IppPrinterClient ipp = sim.ipp("pdf-at-600-ppm");

        IppPacket response = ipp.printJob(DocumentFormats.PDF, TestDocuments.pdf("report", 5));

        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        int jobId = response.getValue(Tag.jobAttributes, Types.jobId);
        assertThat(jobId).isPositive();
        assertThat(response.getValue(Tag.jobAttributes, Types.jobUri)).hasToString(ipp.printerUri() + "/" + jobId);
        assertThat(response.getValue(Tag.jobAttributes, Types.jobState)).isIn(JobState.pending, JobState.processing);
        ipp.awaitJobState(jobId, JobState.processing);
        ipp.awaitJobState(jobId, JobState.completed);

        IppPacket job = ipp.getJobAttributes(jobId);
        assertThat(job.getValue(Tag.jobAttributes, Types.jobImpressionsCompleted)).isEqualTo(5);
        assertThat(job.getStrings(Tag.jobAttributes, Types.jobStateReasons)).containsExactly("job-completed-successfully");
        sim.assertPrintedWhole("pdf-at-600-ppm", jobId, 5, "ipp");

        // The control API's ledger is the same ledger.
        List<LedgerEntry> pages = sim.pagesOf("pdf-at-600-ppm", jobId);
        List<JsonNode> published = sim.control().ledger("pdf-at-600-ppm", jobId);
        assertThat(published).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(published.get(i).get("printer").asText()).isEqualTo("pdf-at-600-ppm");
            assertThat(published.get(i).get("job-id").asInt()).isEqualTo(jobId);
            assertThat(published.get(i).get("page").asInt()).isEqualTo(i + 1);
            assertThat(published.get(i).get("path").asText()).isEqualTo("ipp");
            assertThat(published.get(i).get("sha256").asText()).isEqualTo(pages.get(i).sha256());
        }
    }

    @Test
    void copiesAndSidesComeOutAsCollatedCopiesOnSheetsPrintedOnBothSides() throws IOException {
        sim.start(TestPrinter.named("duplex").pagesPerMinute(6000));
        IppPrinterClient ipp = sim.ipp("duplex");

        IppPacket response = ipp.printJob(DocumentFormats.PDF, TestDocuments.pdf("three", 3), Types.copies.of(2),
                Types.sides.of("two-sided-long-edge"));
        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        int jobId = response.getValue(Tag.jobAttributes, Types.jobId);
        ipp.awaitJobState(jobId, JobState.completed);

        // Copy 1: pages 1-2 on sheet 1 (front, back), page 3 on the front of sheet 2; copy 2 starts on sheet 3.
        assertThat(sim.pagesOf("duplex", jobId)).extracting(LedgerEntry::copy, LedgerEntry::page, LedgerEntry::sheet, LedgerEntry::back)
                .containsExactly(tuple(1, 1, 1, false), tuple(1, 2, 1, true), tuple(1, 3, 2, false),
                        tuple(2, 1, 3, false), tuple(2, 2, 3, true), tuple(2, 3, 4, false));
        IppPacket job = ipp.getJobAttributes(jobId);
        assertThat(job.getValue(Tag.jobAttributes, Types.jobImpressionsCompleted)).isEqualTo(6);
        assertThat(job.getValue(Tag.jobAttributes, Types.jobMediaSheetsCompleted)).isEqualTo(4);
        assertThat(job.getValue(Tag.jobAttributes, Types.copies)).isEqualTo(2);
    }

    @Test
    void createJobThenSendDocumentOfPwgRasterPrintsEveryPageOnce() throws IOException {
        sim.start(TestPrinter.named("pwg-raster"));
        IppPrinterClient ipp = sim.ipp("pwg-raster");

        IppPacket created = ipp.createJob(DocumentFormats.PWG_RASTER);
        assertThat(created.getStatus()).isEqualTo(Status.successfulOk);
        int jobId = created.getValue(Tag.jobAttributes, Types.jobId);
        assertThat(created.getValue(Tag.jobAttributes, Types.jobState)).isEqualTo(JobState.pending);
        assertThat(sim.pagesOf("pwg-raster", jobId)).as("nothing prints before the document").isEmpty();

        IppPacket sent = ipp.sendDocument(jobId, DocumentFormats.PWG_RASTER, TestDocuments.pwgRaster(4, 300, 200), true);

        assertThat(sent.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(sent.getValue(Tag.jobAttributes, Types.jobId)).isEqualTo(jobId);
        ipp.awaitJobState(jobId, JobState.completed);
        assertThat(ipp.getJobAttributes(jobId).getValue(Tag.jobAttributes, Types.jobImpressionsCompleted)).isEqualTo(4);
        sim.assertPrintedWhole("pwg-raster", jobId, 4, "ipp");
    }

    @Test
    void cancelJobStopsAProcessingJobBeforeItsLastPage() throws IOException {
        sim.start(TestPrinter.named("cancel-at-600-ppm").pagesPerMinute(600));
        IppPrinterClient ipp = sim.ipp("cancel-at-600-ppm");
        int jobId = ipp.print(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("long", 20));
        Await.until("the first page is out", () -> !sim.pagesOf("cancel-at-600-ppm", jobId).isEmpty());

        IppPacket canceled = ipp.cancelJob(jobId);

        assertThat(canceled.getStatus()).isEqualTo(Status.successfulOk);
        ipp.awaitJobState(jobId, JobState.canceled);
        List<LedgerEntry> pages = sim.pagesOf("cancel-at-600-ppm", jobId);
        assertThat(pages).extracting(LedgerEntry::page).isNotEmpty()
                .hasSizeLessThan(20).isSorted().doesNotHaveDuplicates().startsWith(1);
        IppPacket job = ipp.getJobAttributes(jobId);
        assertThat(job.getValue(Tag.jobAttributes, Types.jobImpressionsCompleted)).isEqualTo(pages.size());
        assertThat(job.getStrings(Tag.jobAttributes, Types.jobStateReasons)).contains("job-canceled-by-user");
        Await.until("the printer is idle", () -> ipp.printerState() == 3);
        assertThat(sim.pagesOf("cancel-at-600-ppm", jobId)).as("no page after the cancel").hasSameSizeAs(pages);
        // A canceled job cannot be canceled again.
        assertThat(ipp.cancelJob(jobId).getStatus()).isEqualTo(Status.clientErrorNotPossible);
    }

    @Test
    void cancelJobOfACompletedJobIsNotPossible() throws IOException {
        sim.start(TestPrinter.named("completed-job"));
        IppPrinterClient ipp = sim.ipp("completed-job");
        int jobId = ipp.print(DocumentFormats.TEXT, TestDocuments.text("short", 2));
        ipp.awaitJobState(jobId, JobState.completed);

        IppPacket response = ipp.cancelJob(jobId);

        assertThat(response.getStatus()).isEqualTo(Status.clientErrorNotPossible);
        assertThat(ipp.jobState(jobId)).isEqualTo(JobState.completed);
        sim.assertPrintedWhole("completed-job", jobId, 2, "ipp");
    }
}
