package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.testing.Await;

/**
 * Checkpoint/restart (seed 001): a printer that fails mid-job is asked how many pages really
 * came out, and the job resumes from the next page — on another printer when the user moves it
 * there (fig. 7) — so that every page comes out exactly once.
 */
class CheckpointRestartTest extends SpoolerSystemTest {
    @Override
    SpoolerSystem startSystem(Path directory) throws Exception {
        return new SpoolerSystem(directory, 2, 1);
    }

    @Test
    void aPrinterGoingOfflineMidJobThenMovedResumesOnTheOtherPrinterFromTheNextPage() throws Exception {
        Path document = Documents.pdf(directory, "thesis", 20);
        var office = system.simulator.printer("office-color").orElseThrow().hardware();
        int job = system.print("office-color", "ann", document, "application/pdf");
        Await.until(Duration.ofSeconds(30), () -> system.pagesPrintedBy("office-color").size() >= 3, "pages on office-color");

        office.apply(FaultSpec.of(FaultType.OFFLINE));
        Await.until(Duration.ofSeconds(60), () -> system.describe("office-color", job).contains("offline"),
                () -> "the user to read that office-color is offline: " + system.describe("office-color", job));
        AttributeGroup waiting = system.job("office-color", "ann", job);
        assertThat(waiting.getValue(Types.jobState)).isEqualTo(JobState.pending);
        assertThat(waiting.getValues(Types.jobStateReasons)).contains("printer-stopped");
        int printedBefore = system.pagesPrintedBy("office-color").size();

        // The user moves the job to the raw-socket laser printer: the PDF is cut at the next page.
        var moved = system.ask(PrintgateTypes.moveJob, "office-color", "ann", job, AttributeGroup.groupOf(Tag.jobAttributes,
                Types.jobPrinterUri.of(system.printerUri("laser-ps"))));
        assertThat(moved.getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("laser-ps", job, JobState.completed, Duration.ofSeconds(90));

        assertThat(system.pagesPrintedBy("office-color")).hasSize(printedBefore);
        assertThat(system.pagesPrintedBy("laser-ps")).hasSize(20 - printedBefore);
        assertThat(system.printedHashes()).containsExactlyInAnyOrderElementsOf(
                SpoolerSystem.pageHashes(document, "application/pdf"));
        office.clear(FaultType.OFFLINE);
    }

    @Test
    void aConnectionResetMidDocumentResumesOnTheSamePrinterWithPageRanges() throws Exception {
        Path document = Documents.pdf(directory, "slides", 12);
        var office = system.simulator.printer("office-color").orElseThrow().hardware();
        // The printer resets the connection once, part way through the document.
        office.apply(new FaultSpec(FaultType.RESET, null, null, java.nio.file.Files.size(document) / 2, null));
        int job = system.print("office-color", "ann", document, "application/pdf");

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(90));
        assertThat(system.printedHashes()).containsExactlyInAnyOrderElementsOf(
                SpoolerSystem.pageHashes(document, "application/pdf"));
    }

    @Test
    void anotherUserCannotMoveMyJob() throws Exception {
        system.simulator.printer("office-color").orElseThrow().hardware().apply(FaultSpec.of(FaultType.COVER_OPEN));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "mine", 1), "application/pdf");
        var answer = system.ask(PrintgateTypes.moveJob, "office-color", "bob", job, AttributeGroup.groupOf(Tag.jobAttributes,
                Types.jobPrinterUri.of(system.printerUri("laser-ps"))));
        assertThat(answer.getStatus()).isEqualTo(Status.clientErrorNotAuthorized);
        assertThat(system.job("office-color", "ann", job).getValue(Types.jobPrinterUri))
                .isEqualTo(system.printerUri("office-color"));
        system.simulator.printer("office-color").orElseThrow().hardware().clear(FaultType.COVER_OPEN);
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1);
    }
}
