package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.Await;

/**
 * Held jobs: job-hold-until on Print-Job, Hold-Job and Release-Job at the local endpoint. A held
 * job keeps its document on the desktop and asks the engine for nothing until its owner releases
 * it or its hour comes; then it prints like any other.
 */
class HeldJobsTest extends SpoolerSystemTest {

    @Test
    void aJobHeldIndefinitelyAsksForNoTicketUntilItsOwnerReleasesIt() throws Exception {
        int job = system.print("office-color", "ann", Documents.pdf(directory, "held", 2), "application/pdf",
                Types.jobHoldUntil.of(new KeywordOrName("indefinite")));

        AttributeGroup held = system.job("office-color", "ann", job);
        assertThat(held.getValue(Types.jobState)).isEqualTo(JobState.pendingHeld);
        assertThat(held.getValues(Types.jobStateReasons)).contains(JobStateReason.jobHoldUntilSpecified);
        assertThat(held.getValue(Types.jobHoldUntil).getValue()).isEqualTo("indefinite");
        assertThat(held.getValue(Types.jobStateMessage).getValue()).isEqualTo("held until you release it");
        // The desktop's own queue (CUPS copies printer-state-message into it) says it to Ann, and only to her.
        assertThat(printerStateMessage("ann")).endsWith("; your job " + job + ": held until you release it");
        assertThat(printerStateMessage("bob")).doesNotContain("your job");
        // Nothing reaches the engine while it waits, across a restart of the spooler too.
        Await.untilSteady(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> spoolJob(job).ticketId());
        system.restartSpooler();
        Await.untilSteady(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> spoolJob(job).ticketId());
        assertThat(spoolJob(job).ticketId()).as("a held job has no ticket").isZero();
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pendingHeld);

        IppPacket byBob = system.ask(Operation.releaseJob, "office-color", "bob", job);
        assertThat(byBob.getStatus()).isEqualTo(Status.clientErrorNotAuthorized);
        IppPacket notHeld = system.ask(Operation.releaseJob, "office-color", "ann", job + 1000);
        assertThat(notHeld.getStatus()).isEqualTo(Status.clientErrorNotFound);

        IppPacket released = system.ask(Operation.releaseJob, "office-color", "ann", job);
        assertThat(released.getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
        assertThat(system.ask(Operation.releaseJob, "office-color", "ann", job).getStatus())
                .as("a job that is not held cannot be released").isEqualTo(Status.clientErrorNotPossible);
    }

    @Test
    void holdJobHoldsAJobStillComingInAndReleaseLetsItPrint() throws Exception {
        IppPacket created = system.ask(Operation.createJob, "office-color", "ann", null);
        int job = created.getValue(Tag.jobAttributes, Types.jobId);
        IppPacket hold = system.ask(Operation.holdJob, "office-color", "ann", job);
        assertThat(hold.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(system.ask(Operation.holdJob, "office-color", "bob", job).getStatus()).isEqualTo(Status.clientErrorNotAuthorized);

        system.sendDocument("office-color", "ann", job, Documents.pdf(directory, "late", 3), "application/pdf");
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pendingHeld);

        assertThat(system.ask(Operation.releaseJob, "office-color", "ann", job).getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2, 3);
    }

    @Test
    void setJobAttributesHoldsAndReleasesAsCupsLpDoes() throws Exception {
        int job = system.print("office-color", "ann", Documents.pdf(directory, "later", 1), "application/pdf",
                Types.jobHoldUntil.of(new KeywordOrName("weekend")));
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pendingHeld);
        IppPacket renamed = system.ask(Operation.setJobAttributes, "office-color", "ann", job,
                AttributeGroup.groupOf(Tag.jobAttributes, Types.jobName.of("other")));
        assertThat(renamed.getStatus()).isEqualTo(Status.clientErrorAttributesNotSettable);
        assertThat(system.ask(Operation.setJobAttributes, "office-color", "bob", job, AttributeGroup.groupOf(Tag.jobAttributes,
                Types.jobHoldUntil.of(new KeywordOrName("no-hold")))).getStatus()).isEqualTo(Status.clientErrorNotAuthorized);

        // lp -i JOB -H resume
        IppPacket resumed = system.ask(Operation.setJobAttributes, "office-color", "ann", job,
                AttributeGroup.groupOf(Tag.jobAttributes, Types.jobHoldUntil.of(new KeywordOrName("no-hold"))));
        assertThat(resumed.getStatus()).isEqualTo(Status.successfulOk);
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1);
    }

    @Test
    void holdingAJobAlreadyInLineIsRefusedWithAReason() throws Exception {
        int busy = system.keepSlowSmallBusy(directory);
        int waiting = system.print("slow-small", "ann", Documents.pdf(directory, "in-line", 1), "application/pdf");
        Await.until(Duration.ofSeconds(30), () -> system.describe("slow-small", waiting).contains("in line"),
                () -> "job " + waiting + " to wait in line; it is " + system.describe("slow-small", waiting));
        IppPacket hold = system.ask(Operation.holdJob, "slow-small", "ann", waiting);
        assertThat(hold.getStatus()).isEqualTo(Status.clientErrorNotPossible);
        assertThat(hold.getString(Tag.operationAttributes, Types.statusMessage)).contains("in line at the print server");
        system.ask(Operation.cancelJob, "slow-small", "ann", busy);
    }

    private String printerStateMessage(String user) throws Exception {
        return system.ask(Operation.getPrinterAttributes, "office-color", user, null).get(Tag.printerAttributes)
                .getValue(Types.printerStateMessage).getValue();
    }

    private SpoolJob spoolJob(int id) {
        return system.spooler.jobs().get(id).orElseThrow();
    }
}
