package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;

/**
 * Cancel-My-Jobs, Cancel-Jobs (PWG 5100.11), Disable-/Enable-Printer and Pause-/Resume-Printer over real HTTP
 * (docs/ticket-protocol.md §6.8, §6.11): each job canceled as Cancel-Job would, durably, with the
 * holder told when someone else did it; a disabled queue refuses new tickets and still grants
 * the ones it has.
 */
class BulkCancelAndDisableTest {
    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(EngineOverHttpTest::config);
    private TicketClient ann;
    private TicketClient bob;
    private TicketClient admin;

    @BeforeEach
    void connect() {
        ann = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.ANN_TOKEN);
        bob = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.BOB_TOKEN);
        admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
    }

    private void restart() throws Exception {
        engine.restart();
        connect();
    }


    @Test
    void cancelMyJobsCancelsOnlyTheRequestersOwnLiveJobsOnTheQueueOrEverywhere() throws Exception {
        TicketClient.TicketStatus printing = EngineOverHttpTest.printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus annsLobby = ann.requestTicket("lobby", "ann@corp", "b", 50, -1, -1);
        TicketClient.TicketStatus carlsLobby = ann.requestTicket("lobby", "carl@corp", "c", 50, -1, -1);
        TicketClient.TicketStatus bobsLobby = bob.requestTicket("lobby", "bob@corp", "d", 50, -1, -1);

        // Only carl's, though the same workstation holds ann's too.
        ann.cancelMyJobs("lobby", "carl@corp", List.of());
        assertThat(state(ann, carlsLobby)).isEqualTo(JobState.canceled);
        assertThat(state(ann, annsLobby)).isEqualTo(JobState.pendingHeld);

        ann.cancelMyJobs("lobby");
        assertThat(state(ann, annsLobby)).isEqualTo(JobState.canceled);
        assertThat(ann.job(annsLobby.jobId()).getValues(Types.jobStateReasons)).containsExactly("job-canceled-by-user");
        assertThat(state(bob, bobsLobby)).as("bob's job on the same queue").isEqualTo(JobState.pendingHeld);
        assertThat(state(ann, printing)).as("ann's job on another queue").isEqualTo(JobState.processing);
        assertThat(ann.job(printing.jobId()).getValues(Types.jobStateReasons)).containsExactly("none");

        // On the system: every queue; a job at the printer stops there first (§6.8).
        ann.cancelMyJobs(null);
        assertThat(ann.job(printing.jobId()).getValues(Types.jobStateReasons))
                .containsExactly("processing-to-stop-point", "job-canceled-by-user");
        assertThat(state(bob, bobsLobby)).isEqualTo(JobState.pendingHeld);
        assertRefused(Status.clientErrorForbidden, () -> ann.cancelMyJobs(null, "bob@finance", List.of()));
    }

    @Test
    void cancelMyJobsWithJobIdsCancelsAllOfThemOrNone() throws Exception {
        TicketClient.TicketStatus anns = ann.requestTicket("lobby", "ann@corp", "a", 50, -1, -1);
        TicketClient.TicketStatus bobs = bob.requestTicket("lobby", "bob@corp", "b", 50, -1, -1);
        assertRefused(Status.clientErrorNotFound, () -> ann.cancelMyJobs("lobby", null, List.of(anns.jobId(), bobs.jobId())));
        assertThat(state(ann, anns)).as("nothing canceled").isEqualTo(JobState.pendingHeld);
        assertThat(state(bob, bobs)).isEqualTo(JobState.pendingHeld);
        ann.cancelMyJobs("lobby", null, List.of(anns.jobId()));
        assertThat(state(ann, anns)).isEqualTo(JobState.canceled);
    }

    @Test
    void cancelJobsIsForOperatorsTellsEachHolderAndSurvivesARestart() throws Exception {
        int bobsSubscription = bob.subscribe();
        TicketClient.TicketStatus printing = EngineOverHttpTest.printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus annsLobby = ann.requestTicket("lobby", "ann@corp", "b", 50, -1, -1);
        TicketClient.TicketStatus bobsLobby = bob.requestTicket("lobby", "bob@corp", "c", 50, -1, -1);
        int next = bob.poll(bobsSubscription, 1, false).stream().mapToInt(Notification::sequence).max().orElse(0) + 1;
        assertRefused(Status.clientErrorForbidden, () -> ann.cancelJobs("lobby", List.of()));

        admin.cancelJobs("lobby", List.of());
        assertThat(state(ann, annsLobby)).isEqualTo(JobState.canceled);
        assertThat(bob.job(bobsLobby.jobId()).getValues(Types.jobStateReasons)).containsExactly("job-canceled-by-operator");
        assertThat(state(ann, printing)).as("on another queue").isEqualTo(JobState.processing);
        // Bob's spooler hears of it, so it deletes its spool (5-3).
        assertThat(bob.poll(bobsSubscription, next, false)).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo("job-state-changed");
            assertThat(n.jobId()).isEqualTo(bobsLobby.jobId());
            assertThat(n.state()).isEqualTo(JobState.canceled);
        });

        // On the system with job-ids: the printing job is interrupted (fig. 5).
        admin.cancelJobs(null, List.of(printing.jobId()));
        assertThat(ann.job(printing.jobId()).getValues(Types.jobStateReasons))
                .containsExactly("processing-to-stop-point", "job-canceled-by-operator");
        assertRefused(Status.clientErrorNotFound, () -> admin.cancelJobs(null, List.of(987_654L)));

        restart();
        assertThat(state(ann, annsLobby)).isEqualTo(JobState.canceled);
        assertThat(state(bob, bobsLobby)).isEqualTo(JobState.canceled);
        assertThat(ann.job(printing.jobId()).getValues(Types.jobStateReasons))
                .containsExactly("processing-to-stop-point", "job-canceled-by-operator");
    }

    @Test
    void aDisabledQueueRefusesNewTicketsButStillGrantsTheOnesItHas() throws Exception {
        int bobsSubscription = bob.subscribe();
        TicketClient.TicketStatus printing = EngineOverHttpTest.printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus waiting = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        TicketClient.TicketStatus elsewhere = ann.requestTicket("lobby", "ann@corp", "c", 50, -1, -1);
        assertRefused(Status.clientErrorForbidden, () -> ann.managePrinter("office", Operation.disablePrinter));

        int next = bob.poll(bobsSubscription, 1, false).stream().mapToInt(Notification::sequence).max().orElse(0) + 1;
        admin.managePrinter("office", Operation.disablePrinter);
        assertThat(ann.queue("office").getValue(Types.printerIsAcceptingJobs)).isFalse();
        // As cupsd does: clients with jobs there hear of it at once.
        assertThat(bob.poll(bobsSubscription, next, false)).singleElement().satisfies(n -> {
            assertThat(n.isPrinterChange()).isTrue();
            assertThat(n.printerUri().getPath()).endsWith("/office");
            assertThat(n.reasons()).containsExactly("none");
        });
        assertThat(ann.printers("ann@corp")).filteredOn(g -> g.getValue(Types.printerName).getValue().equals("office"))
                .singleElement().satisfies(g -> assertThat(g.getValue(Types.printerIsAcceptingJobs)).isFalse());
        assertRefused(Status.serverErrorNotAcceptingJobs, () -> ann.requestTicket("office", "ann@corp", "new", 50, 10, 1));
        assertRefused(Status.serverErrorNotAcceptingJobs, () -> ann.move(elsewhere.jobId(), "office"));

        // Still disabled after a restart; the queued ticket gets its go-ahead when the printer frees.
        restart();
        assertThat(ann.queue("office").getValue(Types.printerIsAcceptingJobs)).isFalse();
        ann.report(printing.jobId(), JobState.completed, 1, List.of(), "");
        bobsSubscription = bob.subscribe();
        assertThat(bob.poll(bobsSubscription, 1, false)).anySatisfy(n -> {
            assertThat(n.isGoAhead()).isTrue();
            assertThat(n.jobId()).isEqualTo(waiting.jobId());
        });

        admin.managePrinter("office", Operation.enablePrinter);
        assertThat(ann.queue("office").getValue(Types.printerIsAcceptingJobs)).isTrue();
        assertThat(ann.requestTicket("office", "ann@corp", "new", 50, 10, 1).state()).isEqualTo(JobState.pending);
    }

    @Test
    void aPausedQueueStaysPausedAcrossARestartAndGrantsOnlyWhenResumed() throws Exception {
        admin.managePrinter("office", Operation.pausePrinter);
        TicketClient.TicketStatus waiting = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        assertThat(waiting.state()).as("no go-ahead while paused").isEqualTo(JobState.pending);

        restart();
        assertThat(ann.queue("office").getValues(Types.printerStateReasons)).contains("paused");
        engine.get().tick();
        assertThat(state(ann, waiting)).as("still paused after the restart").isEqualTo(JobState.pending);

        int subscription = ann.subscribe();
        admin.managePrinter("office", Operation.resumePrinter);
        assertThat(ann.queue("office").getValues(Types.printerStateReasons)).doesNotContain("paused");
        assertThat(ann.poll(subscription, 1, false)).anySatisfy(n -> {
            assertThat(n.isGoAhead()).isTrue();
            assertThat(n.jobId()).isEqualTo(waiting.jobId());
        });
        restart();
        assertThat(ann.queue("office").getValues(Types.printerStateReasons)).doesNotContain("paused");
    }

    private static JobState state(TicketClient client, TicketClient.TicketStatus ticket) throws Exception {
        return client.job(ticket.jobId()).getValue(Types.jobState);
    }
}
