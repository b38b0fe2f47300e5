package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.Await;

/**
 * An operator of this computer manages its local printers (RFC 8011 §4.2.7-§4.2.9, RFC 3998,
 * RFC 3380): pause, disable, purge; restart and attribute changes are refused with their
 * reason, and anyone else is refused. "root" naming itself is the operator (the test runs as
 * root); "ann" and "bob" are users root's CUPS backend prints for.
 */
class LocalQueueOperatorTest extends SpoolerSystemTest {

    @Test
    void aUserWhoIsNoOperatorIsRefusedEveryPrinterOperation() throws Exception {
        for (Operation operation : List.of(Operation.pausePrinter, Operation.resumePrinter, Operation.enablePrinter,
                Operation.disablePrinter, Operation.purgeJobs, Operation.setPrinterAttributes)) {
            assertThat(system.ask(operation, "office-color", "bob", null).getStatus()).as(operation.getName())
                    .isEqualTo(Status.clientErrorNotAuthorized);
        }
        assertThat(printer("bob").getValue(Types.printerIsAcceptingJobs)).isTrue();
        assertThat(printer("bob").getValue(Types.printerState)).isNotEqualTo(PrinterState.stopped);
    }

    @Test
    void aDisabledQueueRefusesNewJobsAcrossARestartUntilEnabled() throws Exception {
        assertThat(system.ask(Operation.disablePrinter, "office-color", "root", null).getStatus()).isEqualTo(Status.successfulOk);
        assertThat(printer("ann").getValue(Types.printerIsAcceptingJobs)).isFalse();
        system.restartSpooler();
        assertThat(printer("ann").getValue(Types.printerIsAcceptingJobs)).as("after a restart").isFalse();
        IppPacket refused = system.ask(Operation.createJob, "office-color", "ann", null);
        assertThat(refused.getStatus()).isEqualTo(Status.serverErrorNotAcceptingJobs);

        assertThat(system.ask(Operation.enablePrinter, "office-color", "root", null).getStatus()).isEqualTo(Status.successfulOk);
        int job = system.print("office-color", "ann", Documents.pdf(directory, "after-enable", 1), "application/pdf");
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
    }

    @Test
    void aPausedQueueKeepsNewJobsHereAcrossARestartAndResumingPrintsThem() throws Exception {
        assertThat(system.ask(Operation.pausePrinter, "office-color", "root", null).getStatus()).isEqualTo(Status.successfulOk);
        AttributeGroup paused = printer("ann");
        assertThat(paused.getValue(Types.printerState)).isEqualTo(PrinterState.stopped);
        assertThat(paused.getValues(Types.printerStateReasons)).contains("paused");

        int job = system.print("office-color", "ann", Documents.pdf(directory, "paused", 2), "application/pdf");
        Await.untilSteady(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> spoolJob(job).phase().ordinal());
        assertThat(spoolJob(job).phase()).isEqualTo(Phase.SPOOLED);
        assertThat(spoolJob(job).ticketId()).as("no ticket asked for").isZero();
        assertThat(spoolJob(job).message()).contains("paused on this computer");
        system.restartSpooler();
        Await.untilSteady(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> spoolJob(job).ticketId());
        assertThat(spoolJob(job).ticketId()).as("still no ticket after a restart").isZero();
        assertThat(printer("ann").getValues(Types.printerStateReasons)).contains("paused");

        assertThat(system.ask(Operation.resumePrinter, "office-color", "root", null).getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
    }

    @Test
    void purgeJobsCancelsEveryLiveJobOfTheQueueAtTheEngineToo() throws Exception {
        int busy = system.keepSlowSmallBusy(directory);
        int waiting = system.print("slow-small", "ann", Documents.pdf(directory, "second", 1), "application/pdf");
        int other = system.print("slow-small", "bob", Documents.pdf(directory, "third", 1), "application/pdf");

        assertThat(system.ask(Operation.purgeJobs, "slow-small", "root", null).getStatus()).isEqualTo(Status.successfulOk);

        for (int job : List.of(busy, waiting, other)) {
            system.awaitState("slow-small", job, JobState.canceled, Duration.ofSeconds(30));
            // The engine hears of every cancel, as after Cancel-Job.
            Await.until(Duration.ofSeconds(30), () -> spoolJob(job).unreported().isEmpty(),
                    () -> "the engine to hear job " + job + " was canceled: " + spoolJob(job));
        }
    }

    @Test
    void restartJobAndSetPrinterAttributesAreRefusedWithTheirReasons() throws Exception {
        int job = system.print("office-color", "ann", Documents.pdf(directory, "done", 1), "application/pdf");
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        IppPacket restart = system.ask(Operation.restartJob, "office-color", "ann", job);
        assertThat(restart.getStatus()).isEqualTo(Status.clientErrorNotPossible);
        assertThat(restart.getString(Tag.operationAttributes, Types.statusMessage)).contains("no longer kept");

        IppPacket set = system.ask(Operation.setPrinterAttributes, "office-color", "root", null,
                AttributeGroup.groupOf(Tag.printerAttributes, Types.printerLocation.of("elsewhere")));
        assertThat(set.getStatus()).isEqualTo(Status.clientErrorAttributesNotSettable);
        assertThat(printer("ann").getValues(Types.printerSettableAttributesSupported)).containsExactly("none");
        assertThat(system.ask(Operation.getPrinterSupportedValues, "office-color", "ann", null).getStatus())
                .isEqualTo(Status.successfulOk);
    }

    private AttributeGroup printer(String user) throws IOException {
        return system.ask(Operation.getPrinterAttributes, "office-color", user, null).get(Tag.printerAttributes);
    }

    private SpoolJob spoolJob(int id) {
        return system.spooler.jobs().get(id).orElseThrow();
    }
}
