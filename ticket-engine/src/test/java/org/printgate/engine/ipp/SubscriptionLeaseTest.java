package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.protocol.client.SubscriptionGoneException;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/**
 * Subscription leases (docs/ticket-protocol.md §6.2, §10) on the engine's clock: each poll renews
 * the lease, a parked poll keeps it, and a subscription not polled within it is dropped; the
 * client then learns it from {@link SubscriptionGoneException} and subscribes again.
 */
class SubscriptionLeaseTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private Engine engine;
    private TicketClient ann;

    @BeforeEach
    void start() throws Exception {
        engine = Engine.start(EngineOverHttpTest.config(), clock, data);
        ann = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.ANN_TOKEN);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void grantsTheAskedLeaseWithinTheEnginesRange() throws Exception {
        assertThat(ann.subscription(null).leaseSeconds()).as("default").isEqualTo(300);
        assertThat(ann.subscription(120).leaseSeconds()).isEqualTo(120);
        assertThat(ann.subscription(10).leaseSeconds()).as("minimum").isEqualTo(60);
        assertThat(ann.subscription(1_000_000).leaseSeconds()).as("maximum").isEqualTo(86_400);
        assertThat(ann.subscription(0).leaseSeconds()).as("as long as allowed").isEqualTo(86_400);
    }

    @Test
    void dropsASubscriptionNotPolledWithinItsLeaseAndTheClientSubscribesAgain() throws Exception {
        TicketClient.Subscription subscription = ann.subscription(120);
        // Polls renew the lease: 3 × 100 s in all, never 120 s without one.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(100));
            engine.tick();
            assertThat(ann.poll(subscription.id(), 1, false)).isEmpty();
        }
        clock.advance(Duration.ofSeconds(121));
        engine.tick();
        assertThatThrownBy(() -> ann.poll(subscription.id(), 1, false))
                .isInstanceOf(SubscriptionGoneException.class)
                .satisfies(e -> {
                    SubscriptionGoneException gone = (SubscriptionGoneException) e;
                    assertThat(gone.status()).isEqualTo(Status.clientErrorNotFound);
                    assertThat(gone.subscriptionId()).isEqualTo(subscription.id());
                });

        // A new subscription works, and a go-ahead raised now reaches it.
        TicketClient.Subscription again = ann.subscription(null);
        assertThat(again.id()).isNotEqualTo(subscription.id());
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        assertThat(ann.poll(again.id(), 1, false)).singleElement().satisfies(n -> {
            assertThat(n.isGoAhead()).isTrue();
            assertThat(n.jobId()).isEqualTo(ticket.jobId());
        });
    }

    @Test
    void aParkedPollKeepsItsSubscriptionAlive() throws Exception {
        TicketClient.Subscription subscription = ann.subscription(60);
        CompletableFuture<List<Notification>> parked = parkedPoll(subscription.id());
        clock.advance(Duration.ofSeconds(600));
        engine.tick();
        // An event still reaches the parked poll: the subscription was not dropped.
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        assertThat(parked.get(20, TimeUnit.SECONDS)).extracting(Notification::jobId).containsExactly(ticket.jobId());
        // Its lease runs from the answer: just under a minute later the subscription is still there.
        clock.advance(Duration.ofSeconds(59));
        engine.tick();
        assertThat(ann.poll(subscription.id(), 1, false)).isNotEmpty();
    }

    @Test
    void renewSubscriptionStartsANewLeaseFromNow() throws Exception {
        TicketClient.Subscription subscription = ann.subscription(60);
        clock.advance(Duration.ofSeconds(50));
        assertThat(ann.renewSubscription(subscription.id(), 120)).isEqualTo(120);
        clock.advance(Duration.ofSeconds(110));
        engine.tick();
        assertThat(ann.poll(subscription.id(), 1, false)).as("160 s after the start, 110 s after the renewal").isEmpty();
        clock.advance(Duration.ofSeconds(121));
        engine.tick();
        assertThatThrownBy(() -> ann.poll(subscription.id(), 1, false)).isInstanceOf(SubscriptionGoneException.class);
        assertRefused(Status.clientErrorNotFound, () -> ann.renewSubscription(subscription.id(), null));
    }

    @Test
    void cancelSubscriptionEndsItForItsHolderOrAnOperatorOnly() throws Exception {
        TicketClient bob = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.BOB_TOKEN);
        TicketClient.Subscription subscription = ann.subscription(null);
        CompletableFuture<List<Notification>> parked = parkedPoll(subscription.id());
        // Another client's subscription does not exist for bob (§2.5).
        assertRefused(Status.clientErrorNotFound, () -> bob.cancelSubscription(subscription.id()));
        assertThat(engine.events().isParked(subscription.id())).isTrue();

        ann.cancelSubscription(subscription.id());
        assertThat(parked.get(20, TimeUnit.SECONDS)).as("the parked poll ends, empty").isEmpty();
        assertThatThrownBy(() -> ann.poll(subscription.id(), 1, false)).isInstanceOf(SubscriptionGoneException.class);

        // An event raised meanwhile waits for the next subscription.
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        TicketClient.Subscription again = ann.subscription(null);
        assertThat(ann.poll(again.id(), 1, false)).extracting(Notification::jobId).contains(ticket.jobId());
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        admin.cancelSubscription(again.id());
        assertThatThrownBy(() -> ann.poll(again.id(), 1, false)).isInstanceOf(SubscriptionGoneException.class);
    }

    @Test
    void getSubscriptionAttributesShowsTheLeaseAndTheLastEventToItsHolderOrAnOperatorOnly() throws Exception {
        TicketClient.Subscription subscription = ann.subscription(120);
        AttributeGroup fresh = ann.subscriptionAttributes(subscription.id());
        assertThat(fresh.getValue(Types.notifySubscriptionId)).isEqualTo(subscription.id());
        assertThat(fresh.getValue(Types.notifyLeaseDuration)).isEqualTo(120);
        assertThat(fresh.getValue(Types.notifyPullMethod)).isEqualTo("ippget");
        assertThat(fresh.getStrings(Types.notifyEvents)).contains("job-state-changed", "printer-state-changed");
        assertThat(fresh.getValue(Types.notifySequenceNumber)).as("no event yet").isEqualTo(0);

        ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        List<Notification> events = ann.poll(subscription.id(), 1, false);
        assertThat(events).isNotEmpty();
        assertThat(ann.subscriptionAttributes(subscription.id()).getValue(Types.notifySequenceNumber))
                .isEqualTo(events.get(events.size() - 1).sequence());

        TicketClient bob = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.BOB_TOKEN);
        assertRefused(Status.clientErrorNotFound, () -> bob.subscriptionAttributes(subscription.id()));
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        assertThat(admin.subscriptionAttributes(subscription.id()).getValue(Types.notifySubscriberUserName))
                .isEqualTo(fresh.getValue(Types.notifySubscriberUserName));
        ann.cancelSubscription(subscription.id());
        assertRefused(Status.clientErrorNotFound, () -> ann.subscriptionAttributes(subscription.id()));
    }

    /** Ann's long-poll on {@code subscriptionId}, once the engine has parked it. */
    private CompletableFuture<List<Notification>> parkedPoll(int subscriptionId) {
        CompletableFuture<List<Notification>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return ann.poll(subscriptionId, 1, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the poll to park", () -> engine.events().isParked(subscriptionId));
        return parked;
    }
}
