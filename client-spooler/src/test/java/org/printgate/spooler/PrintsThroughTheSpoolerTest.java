package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.Await;

/**
 * A job sent to the spooler's local printer reaches the real (simulated) printer directly,
 * after a ticket from the engine, with every page exactly once: over IPP and over a raw socket.
 */
class PrintsThroughTheSpoolerTest extends SpoolerSystemTest {
    @Test
    void aPdfReachesAnIppPrinterWithEveryPageOnce() throws Exception {
        int job = system.print("office-color", "ann", Documents.pdf(directory, "report", 7), "application/pdf");

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        AttributeGroup attributes = system.job("office-color", "ann", job);
        assertThat(attributes.getValue(Types.jobImpressionsCompleted)).isEqualTo(7);
        assertThat(attributes.getValue(Types.jobStateMessage).getValue()).contains("printed 7 page(s) on office-color");
    }

    @Test
    void aPrinterThatTakesOnlyPrintJobGetsTheJobByPrintJob() throws Exception {
        system.close();
        system = new SpoolerSystem(directory.resolve("print-job-only"), 3, 1, "", profile -> profile.withPrinter(
                "office-color", printer -> printer.withOperationsNotSupported(List.of("create-job", "send-document"))));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "old-printer", 3), "application/pdf");

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2, 3);
        assertThat(system.job("office-color", "ann", job).getValue(Types.jobImpressionsCompleted)).isEqualTo(3);
    }

    @Test
    void aWaitingJobSaysItsPlaceInLineAndMovesUpAsTheLineMoves() throws Exception {
        // The places are asked for again every 5 s of the spooler's clock: this test moves it.
        system.close();
        system = SpoolerSystem.onManualTime(directory.resolve("manual-time"));
        int printing = system.keepSlowSmallBusy(directory);
        int second = system.print("slow-small", "ann", Documents.pdf(directory, "second", 1), "application/pdf");
        int third = system.print("slow-small", "ann", Documents.pdf(directory, "third", 1), "application/pdf");

        awaitMessage(second, "waiting for ticket: 1st in line for slow-small");
        awaitMessage(third, "waiting for ticket: 2nd in line for slow-small");

        system.ask(Operation.cancelJob, "slow-small", "ann", second);
        system.advance(Duration.ofSeconds(5));
        Await.until(Duration.ofSeconds(3), () -> system.describe("slow-small", third).contains("1st in line"),
                () -> "the next refresh to move the third job up; it is " + system.describe("slow-small", third));
        system.ask(Operation.cancelJob, "slow-small", "ann", printing);
        system.awaitStateWhileTimeRuns("slow-small", third, JobState.completed, Duration.ofSeconds(60));
    }

    @Test
    void aQueueTheOperatorDisabledRefusesNewJobsAtTheLocalPrinterAndKeepsTheOnesItHas() throws Exception {
        TicketClient operator = TicketClient.withPassword(system.engine.systemUri(), "operator", SpoolerSystem.OPERATOR_PASSWORD);
        operator.managePrinter("slow-small", Operation.pausePrinter);
        int waiting = system.print("slow-small", "ann", Documents.pdf(directory, "before", 2), "application/pdf");
        awaitMessage(waiting, "slow-small is paused by an operator");

        operator.managePrinter("slow-small", Operation.disablePrinter);
        Await.until(Duration.ofSeconds(30), () -> !accepting("slow-small"), "the local printer to stop accepting jobs");
        // As cupsd answers for a rejecting queue: at once, not after a ticket request fails.
        assertThat(system.ask(Operation.validateJob, "slow-small", "ann", null).getStatus())
                .isEqualTo(Status.serverErrorNotAcceptingJobs);
        assertThatThrownBy(() -> system.print("slow-small", "ann", Documents.pdf(directory, "after", 1), "application/pdf"))
                .hasMessageContaining("server-error-not-accepting-jobs");
        assertThat(accepting("office-color")).as("the other queues").isTrue();

        operator.managePrinter("slow-small", Operation.enablePrinter);
        operator.managePrinter("slow-small", Operation.resumePrinter);
        system.awaitState("slow-small", waiting, JobState.completed, Duration.ofSeconds(60));
        Await.until(Duration.ofSeconds(30), () -> accepting("slow-small"), "the local printer to accept jobs again");
        int after = system.print("slow-small", "ann", Documents.pdf(directory, "after", 1), "application/pdf");
        system.awaitState("slow-small", after, JobState.completed, Duration.ofSeconds(60));
    }

    private boolean accepting(String queue) {
        try {
            return system.ask(Operation.getPrinterAttributes, queue, "ann", null).get(Tag.printerAttributes)
                    .getValue(Types.printerIsAcceptingJobs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitMessage(int job, String message) {
        Await.until(Duration.ofSeconds(30), () -> system.describe("slow-small", job).contains(message),
                () -> "job " + job + " to say \"" + message + "\"; it is " + system.describe("slow-small", job));
    }

    @Test
    void postScriptReachesARawSocketPrinterAndThePageCounterConfirmsIt() throws Exception {
        int job = system.print("laser-ps", "ann", Documents.postScript(directory, "memo", 4), "application/postscript");

        system.awaitState("laser-ps", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("laser-ps")).containsExactly(1, 2, 3, 4);
        assertThat(system.ledgerOf("laser-ps")).allSatisfy(entry -> assertThat(entry.path()).isEqualTo("raw"));
    }

    @Test
    void theLocalPrinterHasTheRealPrintersCapabilities() throws Exception {
        AttributeGroup printer = system.ask(Operation.getPrinterAttributes, "office-color", "ann", null)
                .get(Tag.printerAttributes);
        assertThat(printer.getValues(Types.documentFormatSupported)).contains("application/pdf", "image/pwg-raster");
        assertThat(printer.getValue(Types.colorSupported)).isTrue();
        assertThat(printer.getValues(Types.printerUriSupported)).containsExactly(system.printerUri("office-color"));
        AttributeGroup laser = system.ask(Operation.getPrinterAttributes, "laser-ps", "ann", null).get(Tag.printerAttributes);
        assertThat(laser.getValues(Types.documentFormatSupported)).contains("application/postscript")
                .doesNotContain("image/pwg-raster");
        // What Windows' IPP class driver keys on, for a socket printer that has no IPP answer of its own.
        assertThat(laser.getValue(Types.printerDeviceId).getValue()).startsWith("MFG:").contains(";CMD:").contains("POSTSCRIPT")
                .endsWith(";CLS:PRINTER;");
        assertThat(laser.getValue(org.printgate.ipp.ExtraTypes.documentFormatPreferred))
                .isIn(laser.getValues(Types.documentFormatSupported)).isNotEqualTo("application/octet-stream");
    }

    @Test
    void anotherUserCannotCancelOrReadTheDetailsOfAJob() throws Exception {
        system.simulator.printer("office-color").orElseThrow().hardware()
                .apply(org.printgate.sim.profile.FaultSpec.of(org.printgate.sim.profile.FaultType.COVER_OPEN));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "private", 2), "application/pdf");

        assertThat(system.ask(Operation.cancelJob, "office-color", "bob", job).getStatus())
                .isEqualTo(Status.clientErrorNotAuthorized);
        AttributeGroup seenByBob = system.job("office-color", "bob", job);
        assertThat(seenByBob.get(Types.jobName.getName())).isNull();
        assertThat(seenByBob.getValue(Types.jobState)).isNotNull();
        assertThat(system.ask(Operation.cancelJob, "office-color", "ann", job).getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("office-color", job, JobState.canceled, Duration.ofSeconds(20));
        system.simulator.printer("office-color").orElseThrow().hardware()
                .clear(org.printgate.sim.profile.FaultType.COVER_OPEN);
        assertThat(system.pagesPrintedBy("office-color")).isEmpty();
    }

    @Test
    void aJamAtPageFiveOfTwentyEndsWithEveryPageOnce() throws Exception {
        var hardware = system.simulator.printer("office-color").orElseThrow().hardware();
        hardware.apply(new org.printgate.sim.profile.FaultSpec(org.printgate.sim.profile.FaultType.JAM, 5, null, null, null));
        int job = system.print("office-color", "ann", Documents.pdf(directory, "long", 20), "application/pdf");

        Await.until(Duration.ofSeconds(30), () -> hardware.printerStateReasons().contains("media-jam"), "the jam");
        Await.until(Duration.ofSeconds(30), () -> system.describe("office-color", job).contains("jam")
                || system.describe("office-color", job).contains("page 5"), () -> "the user to see where the job is: "
                + system.describe("office-color", job));
        hardware.clear(org.printgate.sim.profile.FaultType.JAM);

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void getJobsListsOnlyTheQueuesJobsAndMyJobsOnlyMine() throws Exception {
        int annJob = system.print("office-color", "ann", Documents.pdf(directory, "a", 1), "application/pdf");
        int bobJob = system.print("office-color", "bob", Documents.pdf(directory, "b", 1), "application/pdf");
        system.awaitState("office-color", annJob, JobState.completed, Duration.ofSeconds(60));
        system.awaitState("office-color", bobJob, JobState.completed, Duration.ofSeconds(60));

        var all = system.ask(Operation.getJobs, "office-color", "ann", null, AttributeGroup.groupOf(Tag.operationAttributes))
                .getAttributeGroups().stream().filter(g -> g.getTag().equals(Tag.jobAttributes)).toList();
        assertThat(all).isEmpty();
        List<Integer> mine = system.ipp.send(system.printerUri("office-color"), new com.hp.jipp.encoding.IppPacket(0x0200,
                Operation.getJobs.getCode(), 9, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                        Types.printerUri.of(system.printerUri("office-color")), Types.requestingUserName.of("ann"),
                        Types.whichJobs.of("completed"), Types.myJobs.of(true)))))
                .getAttributeGroups().stream().filter(g -> g.getTag().equals(Tag.jobAttributes))
                .map(g -> g.getValue(Types.jobId)).toList();
        assertThat(mine).containsExactly(annJob);
    }
}
