package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;
import org.printgate.testing.Await;

/**
 * Faults of the exchange rather than the paper path: a connection reset after N bytes, a busy or
 * full printer, one that hangs, and slow intake. Each is what a client would meet on the wire.
 */
class ConnectionFaultTest {
    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void aResetAtByteOneThousandBreaksOffAnIppPrintJobAndAbortsItThenTheNextJobPrints() throws IOException {
        String name = "resets-ipp";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"reset\", \"at-byte\": 1000}");
        byte[] document = TestDocuments.postScript("reset", 10, 20_000);

        assertThatThrownBy(() -> ipp.printJob(DocumentFormats.POSTSCRIPT, document))
                .as("the connection is closed without an answer").isInstanceOf(IOException.class);

        int brokenId = onlyEndedJobAbortedBySystem(ipp);
        assertThat(sim.pagesOf(name, brokenId)).as("no page of the 20 kB pages is whole after 1000 bytes").isEmpty();
        // The reset was for one connection only.
        int nextId = ipp.print(DocumentFormats.POSTSCRIPT, document);
        ipp.awaitJobState(nextId, JobState.completed);
        sim.assertPrintedWhole(name, nextId, 10, "ipp");
        assertThat(ipp.jobState(brokenId)).isEqualTo(JobState.aborted);
    }

    @Test
    void aResetJobQueuedBehindAnotherEndsAbortedNotCanceled() throws IOException {
        String name = "resets-while-busy-printing";
        // The first job holds the engine while the printer has no paper, so the second stays pending.
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"out-of-paper\"}");
        int first = ipp.print(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("first", 2));
        ipp.awaitJobState(first, JobState.processing);
        sim.control().fault(name, "{\"type\": \"reset\", \"at-byte\": 1000}");

        assertThatThrownBy(() -> ipp.printJob(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("second", 10, 20_000)))
                .isInstanceOf(IOException.class);

        int brokenId = onlyEndedJobAbortedBySystem(ipp);
        assertThat(brokenId).isNotEqualTo(first);
        sim.control().clear(name, "out-of-paper");
        ipp.awaitJobState(first, JobState.completed);
        sim.assertPrintedWhole(name, first, 2, "ipp");
        assertThat(sim.pagesOf(name, brokenId)).isEmpty();
        assertThat(ipp.jobState(brokenId)).isEqualTo(JobState.aborted);
    }

    @Test
    void aResetAtByteOneThousandBreaksOffARawJobAndAbortsItThenTheNextJobPrints() throws IOException {
        String name = "resets-raw";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"reset\", \"at-byte\": 1000}");
        byte[] document = TestDocuments.postScript("reset", 10, 20_000);

        IOException failure = sim.raw(name).printExpectingFailure(document);

        assertThat(failure).as("the raw connection is reset").isNotNull();
        Await.until("the raw job has ended", () -> sim.printer(name).queuedJobCount() == 0);
        int brokenId = onlyEndedJobAbortedBySystem(ipp);
        assertThat(sim.pagesOf(name, brokenId)).isEmpty();
        // The reset was for one connection only.
        sim.raw(name).print(document);
        List<Integer> printed = sim.pagesOf(name).stream().map(page -> page.jobId()).distinct().toList();
        assertThat(printed).hasSize(1).doesNotContain(brokenId);
        sim.assertPrintedWhole(name, printed.get(0), 10, "raw");
    }

    @Test
    void aBusyPrinterTurnsJobsAwayButStillAnswersGetPrinterAttributes() throws IOException {
        String name = "busy";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"busy\"}");

        assertTurnsJobsAway(ipp);
        assertThat(sim.printer(name).jobs()).as("no job was created").isEmpty();

        sim.control().clear(name, "busy");

        assertThat(ipp.getPrinterAttributes("printer-is-accepting-jobs")
                .getValue(Tag.printerAttributes, Types.printerIsAcceptingJobs)).isTrue();
        int jobId = ipp.print(DocumentFormats.TEXT, TestDocuments.text("no longer busy", 1));
        ipp.awaitJobState(jobId, JobState.completed);
    }

    @Test
    void aBusyPrinterAnswersBusyEvenToADocumentLargerThanTheSocketBuffers() throws IOException {
        String name = "busy-with-large-documents";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"busy\"}");
        // The refusal comes before the document is read; the answer must not be lost in a reset.
        // Ten tries, on kept and on new clients: when the rest of the document was not read
        // away, about four answers in ten were lost to the reset.
        byte[] document = TestDocuments.postScript("large", 8, 1_000_000);

        for (int attempt = 1; attempt <= 10; attempt++) {
            IppPrinterClient client = attempt % 2 == 0 ? ipp : sim.ipp(name);
            assertThat(client.printJob(DocumentFormats.POSTSCRIPT, document).getStatus()).as("attempt %d", attempt)
                    .isEqualTo(Status.serverErrorBusy);
        }
        assertThat(sim.printer(name).jobs()).isEmpty();
    }

    @Test
    void aPrinterWithFullMemoryTurnsJobsAwayWithSpoolAreaFull() throws IOException {
        String name = "memory-full";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"memory-full\"}");

        assertTurnsJobsAway(ipp);
        assertThat(ipp.printerStateReasons()).contains("spool-area-full");

        sim.control().clear(name, "memory-full");

        assertThat(ipp.printerStateReasons()).containsExactly("none");
        int jobId = ipp.print(DocumentFormats.TEXT, TestDocuments.text("memory again", 1));
        ipp.awaitJobState(jobId, JobState.completed);
    }

    @Test
    void aHungPrinterLeavesRequestsUnansweredUntilTheHangIsCleared() throws IOException {
        String name = "hangs";
        sim.start(TestPrinter.named(name));
        sim.control().fault(name, "{\"type\": \"hang\"}");
        IppPrinterClient impatient = sim.ipp(name, Duration.ofSeconds(1));

        assertThatThrownBy(impatient::getPrinterAttributes).isInstanceOf(HttpTimeoutException.class);

        sim.control().clear(name, "hang");
        IppPacket answer = sim.ipp(name).getPrinterAttributes("printer-state");
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(answer.getValue(Tag.printerAttributes, Types.printerState).getCode()).isEqualTo(3);
    }

    @Test
    void slowIntakeTakesADocumentNoFasterThanTheGivenRate() throws IOException {
        String name = "slow-intake";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"slow-intake\", \"bytes-per-second\": 20000}");
        byte[] document = TestDocuments.postScript("slow", 4, 25_000);
        assertThat(document.length).isGreaterThanOrEqualTo(100_000);

        long start = System.nanoTime();
        int jobId = ipp.print(DocumentFormats.POSTSCRIPT, document);
        Duration accepted = Duration.ofNanos(System.nanoTime() - start);

        // 100 kB at 20 kB/s is 5 s; a lower bound is the behaviour under test, with slack for rounding.
        assertThat(accepted).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        ipp.awaitJobState(jobId, JobState.completed);
        sim.assertPrintedWhole(name, jobId, 4, "ipp");
        assertThat(ipp.getJobAttributes(jobId).getValue(Tag.jobAttributes, Types.jobKOctets))
                .isEqualTo((document.length + 1023) / 1024);
    }

    /**
     * The one job Get-Jobs lists as ended (which-jobs=completed), asserted aborted by the system,
     * as a job whose connection broke must be; returns its id.
     */
    private static int onlyEndedJobAbortedBySystem(IppPrinterClient ipp) throws IOException {
        IppPacket response = ipp.getJobs("completed", "job-id", "job-state", "job-state-reasons");
        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        List<AttributeGroup> jobs = response.getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.jobAttributes)).toList();
        assertThat(jobs).as("jobs listed for which-jobs=completed").hasSize(1);
        AttributeGroup broken = jobs.get(0);
        assertThat(broken.getValue(Types.jobState)).isEqualTo(JobState.aborted);
        assertThat(broken.getStrings(Types.jobStateReasons)).contains("aborted-by-system");
        return broken.getValue(Types.jobId);
    }

    /**
     * Print-Job and Create-Job are answered server-error-busy, while Get-Printer-Attributes is
     * still answered and says the printer is not accepting jobs.
     */
    private static void assertTurnsJobsAway(IppPrinterClient ipp) throws IOException {
        assertThat(ipp.printJob(DocumentFormats.TEXT, TestDocuments.text("turned away", 1)).getStatus())
                .isEqualTo(Status.serverErrorBusy);
        assertThat(ipp.createJob(DocumentFormats.TEXT).getStatus()).isEqualTo(Status.serverErrorBusy);
        IppPacket printer = ipp.getPrinterAttributes("printer-is-accepting-jobs", "printer-state");
        assertThat(printer.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(printer.getValue(Tag.printerAttributes, Types.printerIsAcceptingJobs)).isFalse();
    }
}
