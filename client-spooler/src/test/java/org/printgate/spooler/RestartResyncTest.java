package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.ticket.TicketState;
import org.printgate.protocol.client.TicketClient;
import org.printgate.spooler.spool.Phase;
import org.printgate.testing.Await;

/**
 * docs/ticket-protocol.md §11.3: a spooler that starts again tells the engine what it believes
 * of its live jobs (Update-Active-Jobs) and both agree afterwards: a job whose ticket the engine
 * ended meanwhile ends here too, and a ticket of this spooler's that no job here holds is ended
 * on the engine — also when the engine restarted meanwhile and kept no events for it.
 */
class RestartResyncTest {
    @TempDir
    Path directory;
    private SpoolerSystem system;
    private TicketClient operator;

    @BeforeEach
    void start() throws Exception {
        system = new SpoolerSystem(directory);
        operator = TicketClient.withPassword(system.engine.systemUri(), "operator", SpoolerSystem.OPERATOR_PASSWORD);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void aRestartedSpoolerAndTheEngineAgreeOnEveryLiveJob() throws Exception {
        // Two jobs wait for their go-ahead on a paused queue.
        operator.managePrinter("office-color", Operation.pausePrinter);
        int canceledMeanwhile = system.print("office-color", "ann", Documents.pdf(directory, "canceled", 1), "application/pdf");
        int stillWaiting = system.print("office-color", "ann", Documents.pdf(directory, "waiting", 2), "application/pdf");
        Await.until(Duration.ofSeconds(20), () -> waitingWithTicket(canceledMeanwhile) && waitingWithTicket(stillWaiting),
                "both jobs to wait with their tickets");
        long canceledTicket = ticketOf(canceledMeanwhile);
        long waitingTicket = ticketOf(stillWaiting);

        // While the spooler is down: an operator cancels one job, and a ticket of the workstation's
        // appears that no job of the spooler's holds (as a lost answer used to leave one); the
        // engine restarts, so no event remembers either.
        system.spooler.close();
        operator.cancel(canceledTicket);
        long orphan = TicketClient.withToken(system.engine.systemUri(), SpoolerSystem.TOKEN)
                .requestTicket("office-color", "ann@test", "held by nobody", 50, 1, 1).jobId();
        system.restartEngine();
        system.restartSpooler();

        system.awaitState("office-color", canceledMeanwhile, JobState.canceled, Duration.ofSeconds(30));
        Await.until(Duration.ofSeconds(30), () -> ticketState(orphan) == TicketState.CANCELED,
                () -> "the ticket no job holds to be canceled on the engine; it is " + ticketState(orphan));
        assertThat(system.stateOf("office-color", stillWaiting)).isEqualTo(JobState.pending);
        assertThat(ticketState(waitingTicket)).isEqualTo(TicketState.QUEUED);
        assertThat(system.engine.book().liveCount("workstation")).isEqualTo(1);

        operator.managePrinter("office-color", Operation.resumePrinter);
        system.awaitState("office-color", stillWaiting, JobState.completed, Duration.ofSeconds(60));
        Await.until(Duration.ofSeconds(20), () -> ticketState(waitingTicket) == TicketState.COMPLETED,
                () -> "the engine to have the job completed too; it is " + ticketState(waitingTicket));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
    }

    private boolean waitingWithTicket(int job) {
        return system.spooler.jobs().get(job).map(j -> j.phase() == Phase.WAITING && j.ticketId() != 0).orElse(false);
    }

    private long ticketOf(int job) {
        return system.spooler.jobs().get(job).orElseThrow().ticketId();
    }

    private TicketState ticketState(long ticketId) {
        return system.engine.book().ticket(ticketId).map(t -> t.state()).orElse(null);
    }
}
