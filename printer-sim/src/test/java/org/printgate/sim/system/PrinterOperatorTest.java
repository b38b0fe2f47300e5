package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;
import org.printgate.testing.Await;

/**
 * What IPP/2.1 adds to a simulated printer (PWG 5100.12), over real IPP from this machine (its
 * operator): Pause-Printer really stops the marking engine and the ledger shows nothing until
 * Resume-Printer; a held job lets the next pass; Disable-Printer refuses new jobs; Purge-Jobs
 * cancels what has not printed; ippget subscriptions hear a job's life and the printer's state.
 */
class PrinterOperatorTest {
    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();

    @Test
    void aPausedPrinterKeepsItsJobsPendingWithNoPageOutUntilResumed() throws IOException {
        sim.start(TestPrinter.named("pausable"));
        IppPrinterClient ipp = sim.ipp("pausable");
        assertThat(ipp.send(Operation.pausePrinter, List.of()).getStatus()).isEqualTo(Status.successfulOk);

        int job = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("paused", 3));
        // The job would take 30 ms at 6000 pages a minute: it stays pending as long as the printer is paused.
        Await.untilSteady(Duration.ofMillis(500), Duration.ofSeconds(10), () -> sim.pagesOf("pausable").size());
        assertThat(ipp.jobState(job)).isEqualTo(JobState.pending);
        assertThat(ipp.getJobAttributes(job, "job-state-reasons").getStrings(Tag.jobAttributes, Types.jobStateReasons))
                .contains("printer-stopped");
        assertThat(sim.pagesOf("pausable")).isEmpty();
        assertThat(ipp.printerState()).isEqualTo(5);
        assertThat(ipp.printerStateReasons()).containsExactly("paused");

        assertThat(ipp.send(Operation.resumePrinter, List.of()).getStatus()).isEqualTo(Status.successfulOk);
        ipp.awaitJobState(job, JobState.completed);
        sim.assertPrintedWhole("pausable", job, 3, "ipp");
        assertThat(ipp.printerStateReasons()).containsExactly("none");
    }

    @Test
    void aHeldJobLetsTheNextOnePassAndPrintsOnceReleased() throws IOException {
        sim.start(TestPrinter.named("holding"));
        IppPrinterClient ipp = sim.ipp("holding");
        int held = ipp.createJob(DocumentFormats.PDF).getValue(Tag.jobAttributes, Types.jobId);
        assertThat(ipp.send(Operation.holdJob, List.of(Types.jobId.of(held))).getStatus()).isEqualTo(Status.successfulOk);
        assertThat(ipp.sendDocument(held, DocumentFormats.PDF, TestDocuments.pdf("held", 2), true).getStatus())
                .isEqualTo(Status.successfulOk);

        int next = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("next", 1));
        ipp.awaitJobState(next, JobState.completed);
        assertThat(ipp.jobState(held)).isEqualTo(JobState.pendingHeld);
        assertThat(sim.pagesOf("holding", held)).isEmpty();

        assertThat(ipp.send(Operation.releaseJob, List.of(Types.jobId.of(held))).getStatus()).isEqualTo(Status.successfulOk);
        ipp.awaitJobState(held, JobState.completed);
        sim.assertPrintedWhole("holding", held, 2, "ipp");
        assertThat(ipp.send(Operation.releaseJob, List.of(Types.jobId.of(held))).getStatus())
                .as("a job no longer held").isEqualTo(Status.clientErrorNotPossible);
        assertThat(ipp.send(Operation.restartJob, List.of(Types.jobId.of(held))).getStatus()).isEqualTo(Status.clientErrorNotPossible);
    }

    @Test
    void aJobSentWithJobHoldUntilIndefiniteWaitsForReleaseJob() throws IOException {
        sim.start(TestPrinter.named("held-at-once"));
        IppPrinterClient ipp = sim.ipp("held-at-once");
        IppPacket printed = ipp.printJob(DocumentFormats.PDF, TestDocuments.pdf("held", 1),
                Types.jobHoldUntil.of(new com.hp.jipp.encoding.KeywordOrName("indefinite")));
        assertThat(printed.getStatus()).isEqualTo(Status.successfulOk);
        int job = printed.getValue(Tag.jobAttributes, Types.jobId);
        assertThat(ipp.jobState(job)).isEqualTo(JobState.pendingHeld);

        assertThat(ipp.send(Operation.releaseJob, List.of(Types.jobId.of(job))).getStatus()).isEqualTo(Status.successfulOk);
        ipp.awaitJobState(job, JobState.completed);
        sim.assertPrintedWhole("held-at-once", job, 1, "ipp");
    }

    @Test
    void aDisabledPrinterRefusesNewJobsAndPurgeCancelsWhatHasNotPrinted() throws IOException {
        sim.start(TestPrinter.named("purged"));
        IppPrinterClient ipp = sim.ipp("purged");
        ipp.send(Operation.pausePrinter, List.of());
        int first = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("first", 2));
        int second = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("second", 2));

        assertThat(ipp.send(Operation.disablePrinter, List.of()).getStatus()).isEqualTo(Status.successfulOk);
        assertThat(ipp.getPrinterAttributes("printer-is-accepting-jobs").getValue(Tag.printerAttributes,
                Types.printerIsAcceptingJobs)).isFalse();
        assertThat(ipp.printJob(DocumentFormats.PDF, TestDocuments.pdf("refused", 1)).getStatus())
                .isEqualTo(Status.serverErrorNotAcceptingJobs);

        assertThat(ipp.send(Operation.purgeJobs, List.of()).getStatus()).isEqualTo(Status.successfulOk);
        ipp.awaitJobState(first, JobState.canceled);
        ipp.awaitJobState(second, JobState.canceled);
        ipp.send(Operation.resumePrinter, List.of());
        ipp.send(Operation.enablePrinter, List.of());
        int after = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("after", 1));
        ipp.awaitJobState(after, JobState.completed);
        assertThat(sim.pagesOf("purged")).extracting(page -> page.jobId()).containsOnly(after);

        IppPacket settable = ipp.send(Operation.setPrinterAttributes, List.of(),
                AttributeGroup.groupOf(Tag.printerAttributes, Types.printerInfo.of("renamed")));
        assertThat(settable.getStatus()).isEqualTo(Status.clientErrorAttributesNotSettable);
    }

    @Test
    void aSubscriptionHearsTheJobsLifeAndThePrintersPauseInOrder() throws IOException {
        sim.start(TestPrinter.named("watched"));
        IppPrinterClient ipp = sim.ipp("watched");
        IppPacket created = ipp.send(Operation.createPrinterSubscriptions, List.of(),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, Types.notifyPullMethod.of("ippget"),
                        Types.notifyEvents.of("job-state-changed", "printer-state-changed"), Types.notifyLeaseDuration.of(600)));
        assertThat(created.getStatus()).isEqualTo(Status.successfulOk);
        int subscription = created.getValue(Tag.subscriptionAttributes, Types.notifySubscriptionId);

        ipp.send(Operation.pausePrinter, List.of());
        int job = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("watched", 2));
        ipp.send(Operation.resumePrinter, List.of());
        ipp.awaitJobState(job, JobState.completed);

        List<AttributeGroup> events = new ArrayList<>();
        Await.until(Duration.ofSeconds(20), () -> {
            events.clear();
            try {
                events.addAll(ipp.send(Operation.getNotifications, List.of(Types.notifySubscriptionIds.of(subscription)))
                        .getAttributeGroups().stream().filter(g -> g.getTag().equals(Tag.eventNotificationAttributes)).toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return events.stream().anyMatch(e -> "job-completed".equals(e.getValue(Types.notifySubscribedEvent)));
        }, () -> "a job-completed event among " + events);

        assertThat(events).extracting(e -> e.getValue(Types.notifySequenceNumber)).isSorted().doesNotHaveDuplicates();
        List<String> kinds = events.stream().map(e -> e.getValue(Types.notifySubscribedEvent)).toList();
        assertThat(kinds.indexOf("printer-state-changed")).as("the pause comes first, in " + kinds).isZero();
        assertThat(kinds).containsSubsequence("job-created", "job-state-changed", "job-completed");
        assertThat(events.stream().filter(e -> e.getValue(Types.jobId) != null).map(e -> e.getValue(Types.jobId))).containsOnly(job);
        assertThat(events.get(0).getStrings(Types.printerStateReasons)).containsExactly("paused");

        IppPacket listed = ipp.send(Operation.getSubscriptions, List.of());
        assertThat(listed.getValue(Tag.subscriptionAttributes, Types.notifySubscriptionId)).isEqualTo(subscription);
        assertThat(ipp.send(Operation.renewSubscription, List.of(Types.notifySubscriptionId.of(subscription)),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, Types.notifyLeaseDuration.of(60)))
                .getValue(Tag.subscriptionAttributes, Types.notifyLeaseDuration)).isEqualTo(60);
        assertThat(ipp.send(Operation.cancelSubscription, List.of(Types.notifySubscriptionId.of(subscription))).getStatus())
                .isEqualTo(Status.successfulOk);
        assertThat(ipp.send(Operation.getSubscriptionAttributes, List.of(Types.notifySubscriptionId.of(subscription))).getStatus())
                .isEqualTo(Status.clientErrorNotFound);
    }

    @Test
    void claimsIpp21WithTheSubscriptionAttributes() throws IOException {
        sim.start(TestPrinter.named("modern"));
        IppPacket answer = sim.ipp("modern").getPrinterAttributes();
        assertThat(answer.getStrings(Tag.printerAttributes, Types.ippVersionsSupported)).contains("2.1");
        assertThat(answer.getStrings(Tag.printerAttributes, Types.notifyPullMethodSupported)).containsExactly("ippget");
        assertThat(answer.getValues(Tag.printerAttributes, Types.operationsSupported))
                .contains(Operation.holdJob, Operation.pausePrinter, Operation.getNotifications, Operation.disablePrinter);
    }
}
