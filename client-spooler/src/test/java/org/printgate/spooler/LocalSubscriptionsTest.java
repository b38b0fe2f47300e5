package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

/**
 * ippget subscriptions on the spooler's local printers (RFC 3995, RFC 3996), with real IPP
 * requests: events of a user's own jobs arrive in order, a long-poll is answered when an event
 * comes, leases lapse on the spooler's clock, a user sees only their own subscriptions, and
 * each user holds a bounded number. "root" naming itself is an operator of this computer (the
 * test runs as root); "ann" and "bob" are users CUPS's backend (root) prints for.
 */
class LocalSubscriptionsTest extends SpoolerSystemTest {
    private static final AtomicInteger ids = new AtomicInteger(1);

    @Override
    SpoolerSystem startSystem(java.nio.file.Path directory) throws Exception {
        // On the test's clock: leases lapse when the test says so.
        return SpoolerSystem.onManualTime(directory);
    }

    @Test
    void theOwnersJobEventsArriveInOrderAndOthersSeeNoneOfThem() throws Exception {
        int anns = subscribe("ann", "job-state-changed");
        int bobs = subscribe("bob", "job-state-changed");

        int job = system.print("office-color", "ann", Documents.pdf(directory, "watched", 2), "application/pdf");
        List<AttributeGroup> events = new ArrayList<>();
        system.awaitWhileTimeRuns(Duration.ofSeconds(60), () -> {
            events.clear();
            events.addAll(notifications("ann", anns, false).getAttributeGroups().stream()
                    .filter(g -> g.getTag().equals(Tag.eventNotificationAttributes)).toList());
            return !events.isEmpty() && "job-completed".equals(events.get(events.size() - 1).getValue(Types.notifySubscribedEvent));
        }, () -> "Ann's events to end with job-completed; they are " + events);

        assertThat(events).extracting(g -> g.getValue(Types.notifySequenceNumber)).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(g -> g.getValue(Types.jobId)).containsOnly(job);
        assertThat(events.get(0).getValue(Types.notifySubscribedEvent)).isEqualTo("job-created");
        assertThat(events).extracting(g -> g.getValue(Types.notifySubscribedEvent)).contains("job-state-changed");
        assertThat(notifications("bob", bobs, false).getAttributeGroups())
                .as("Bob's subscription hears nothing of Ann's job").noneMatch(g -> g.getTag().equals(Tag.eventNotificationAttributes));
    }

    @Test
    void aWaitingGetNotificationsIsAnsweredWhenAnEventComes() throws Exception {
        int anns = subscribe("ann", "job-created");
        CompletableFuture<IppPacket> waiting = CompletableFuture.supplyAsync(() -> notifications("ann", anns, true));
        // No event yet: the poll stays parked.
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(5), () -> waiting.isDone() ? 1L : 0L);
        assertThat(waiting).isNotDone();

        int job = system.print("office-color", "ann", Documents.pdf(directory, "awaited", 1), "application/pdf");

        IppPacket answer = waiting.get(20, TimeUnit.SECONDS);
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(answer.get(Tag.eventNotificationAttributes).getValue(Types.jobId)).isEqualTo(job);
        assertThat(answer.get(Tag.eventNotificationAttributes).getValue(Types.notifySubscribedEvent)).isEqualTo("job-created");
    }

    @Test
    void aParkedPollEndsEmptyAfterItsWaitOnTheSpoolersClock() throws Exception {
        int anns = subscribe("ann", "job-completed");
        CompletableFuture<IppPacket> waiting = CompletableFuture.supplyAsync(() -> notifications("ann", anns, true));
        Await.until(Duration.ofSeconds(5), () -> {
            system.advance(Duration.ofSeconds(31));
            return waiting.isDone();
        }, "the parked poll to end after 30 s of the spooler's time");
        assertThat(waiting.get().getStatus()).isEqualTo(Status.successfulOk);
        assertThat(waiting.get().getAttributeGroups()).noneMatch(g -> g.getTag().equals(Tag.eventNotificationAttributes));
    }

    @Test
    void aLeaseLapsesOnTheSpoolersClockAndRenewingStartsItAgain() throws Exception {
        int id = subscribe("ann", "printer-state-changed", Types.notifyLeaseDuration.of(120));
        system.advance(Duration.ofSeconds(100));
        IppPacket renewed = request(Operation.renewSubscription, "ann", List.of(Types.notifySubscriptionId.of(id)),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, Types.notifyLeaseDuration.of(120)));
        assertThat(renewed.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(renewed.getValue(Tag.subscriptionAttributes, Types.notifyLeaseDuration)).isEqualTo(120);
        system.advance(Duration.ofSeconds(100));
        assertThat(attributesOf("ann", id).getStatus()).as("renewed 100 s ago for 120 s").isEqualTo(Status.successfulOk);

        system.advance(Duration.ofSeconds(21));
        assertThat(attributesOf("ann", id).getStatus()).as("lapsed").isEqualTo(Status.clientErrorNotFound);
    }

    @Test
    void aUserSeesAndCancelsOnlyTheirOwnSubscriptionsAnOperatorAny() throws Exception {
        int anns = subscribe("ann", "job-completed");
        int bobs = subscribe("bob", "job-completed");

        assertThat(attributesOf("bob", anns).getStatus()).isEqualTo(Status.clientErrorNotFound);
        assertThat(request(Operation.cancelSubscription, "bob", List.of(Types.notifySubscriptionId.of(anns))).getStatus())
                .isEqualTo(Status.clientErrorNotFound);
        assertThat(notifications("bob", anns, false).getStatus()).isEqualTo(Status.clientErrorNotFound);
        IppPacket annsList = request(Operation.getSubscriptions, "ann", List.of());
        assertThat(annsList.getAttributeGroups()).filteredOn(g -> g.getTag().equals(Tag.subscriptionAttributes))
                .extracting(g -> g.getValue(Types.notifySubscriptionId)).containsExactly(anns);
        IppPacket all = request(Operation.getSubscriptions, "root", List.of());
        assertThat(all.getAttributeGroups()).filteredOn(g -> g.getTag().equals(Tag.subscriptionAttributes))
                .extracting(g -> g.getValue(Types.notifySubscriptionId)).containsExactlyInAnyOrder(anns, bobs);
        IppPacket owned = attributesOf("ann", anns);
        assertThat(owned.getValue(Tag.subscriptionAttributes, Types.notifySubscriberUserName).getValue()).isEqualTo("ann");
        assertThat(owned.getValue(Tag.subscriptionAttributes, Types.notifyPullMethod)).isEqualTo("ippget");

        assertThat(request(Operation.cancelSubscription, "root", List.of(Types.notifySubscriptionId.of(anns))).getStatus())
                .isEqualTo(Status.successfulOk);
        assertThat(attributesOf("ann", anns).getStatus()).isEqualTo(Status.clientErrorNotFound);
    }

    @Test
    void eachUserHoldsAtMostTwentySubscriptions() throws Exception {
        for (int i = 0; i < 20; i++) {
            subscribe("ann", "job-completed");
        }
        IppPacket refused = create("ann", Types.notifyPullMethod.of("ippget"), Types.notifyEvents.of("job-completed"));
        assertThat(refused.getStatus()).isEqualTo(Status.clientErrorIgnoredAllSubscriptions);
        assertThat(refused.getValue(Tag.subscriptionAttributes, Types.notifyStatusCode)).isEqualTo(Status.clientErrorTooManySubscriptions);
        assertThat(subscribe("bob", "job-completed")).as("another user still may").isPositive();
    }

    @Test
    void aPushRecipientIsRefusedWithItsReason() throws Exception {
        IppPacket refused = create("ann", Types.notifyRecipientUri.of(URI.create("mailto:ann@example.com")),
                Types.notifyEvents.of("job-completed"));
        assertThat(refused.getStatus()).isEqualTo(Status.clientErrorIgnoredAllSubscriptions);
        assertThat(refused.getValue(Tag.subscriptionAttributes, Types.notifyStatusCode)).isEqualTo(Status.clientErrorUriSchemeNotSupported);
    }

    @Test
    void theLocalPrinterSaysHowItsSubscriptionsWork() throws Exception {
        AttributeGroup printer = request(Operation.getPrinterAttributes, "ann", List.of()).get(Tag.printerAttributes);
        assertThat(printer.getValues(Types.notifyPullMethodSupported)).containsExactly("ippget");
        assertThat(printer.getValue(Types.ippgetEventLife)).isEqualTo(60);
        assertThat(printer.getValue(Types.notifyMaxEventsSupported)).isEqualTo(100);
        assertThat(printer.getValues(Types.ippVersionsSupported)).contains("2.1");
        assertThat(printer.getValues(Types.operationsSupported)).contains(Operation.createPrinterSubscriptions,
                Operation.getNotifications, Operation.pausePrinter, Operation.purgeJobs, Operation.restartJob);
    }

    // ---- requests ----

    private int subscribe(String user, String event, Attribute<?>... more) throws IOException {
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.notifyPullMethod.of("ippget"), Types.notifyEvents.of(event)));
        attributes.addAll(List.of(more));
        IppPacket answer = create(user, attributes.toArray(Attribute<?>[]::new));
        assertThat(answer.getStatus()).as("%s", answer).isEqualTo(Status.successfulOk);
        return answer.getValue(Tag.subscriptionAttributes, Types.notifySubscriptionId);
    }

    private IppPacket create(String user, Attribute<?>... subscription) throws IOException {
        return request(Operation.createPrinterSubscriptions, user, List.of(),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, subscription));
    }

    private IppPacket attributesOf(String user, int id) throws IOException {
        return request(Operation.getSubscriptionAttributes, user, List.of(Types.notifySubscriptionId.of(id)));
    }

    private IppPacket notifications(String user, int id, boolean wait) {
        try {
            return request(Operation.getNotifications, user, List.of(Types.notifySubscriptionIds.of(id), Types.notifyWait.of(wait)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IppPacket request(Operation operation, String user, List<Attribute<?>> operationAttributes, AttributeGroup... more)
            throws IOException {
        URI printer = system.printerUri("office-color");
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer), Types.requestingUserName.of(user)));
        attributes.addAll(operationAttributes);
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, attributes)));
        groups.addAll(List.of(more));
        return system.ipp.send(printer, new IppPacket(0x0200, operation.getCode(), ids.getAndIncrement(), groups));
    }
}
