package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.ticket.Ticket;
import org.printgate.testing.Await;

/**
 * docs/ticket-protocol.md §11.1: the spooler's Create-Job whose answer is lost (the connection
 * dies after the engine committed the ticket) is resent byte for byte, so the engine answers with
 * the ticket it already made: one ticket per job, none left over that nobody holds.
 */
class TicketRetryIsIdempotentTest {
    @TempDir
    Path directory;
    private SpoolerSystem system;
    private AnswerDroppingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        system = new SpoolerSystem(directory);
        proxy = new AnswerDroppingProxy(system.engine.port());
        system.restartSpoolerTalkingTo(URI.create("ipp://127.0.0.1:" + proxy.port() + "/ipp/system"));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        system.close();
    }

    @Test
    void aTicketRequestWhoseAnswerWasLostGetsTheSameTicketAgain() throws Exception {
        // The queue's capabilities are fetched when first needed: fetched now, so that only the
        // ticket's answer is lost below.
        system.ask(Operation.getPrinterAttributes, "office-color", "ann", null);
        Await.until(Duration.ofSeconds(20), () -> system.spooler.printers().hasCapabilities("office-color"),
                "the spooler to know office-color's capabilities");
        proxy.dropAnswers(true);
        int job = system.print("office-color", "ann", Documents.pdf(directory, "lost-answer", 2), "application/pdf");
        Await.until(Duration.ofSeconds(20), () -> !ticketsOfTheWorkstation().isEmpty(),
                "the engine to make the ticket whose answer is lost");
        proxy.dropAnswers(false);
        proxy.cut();

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(90));
        long ticketId = system.spooler.jobs().get(job).orElseThrow().ticketId();
        assertThat(ticketsOfTheWorkstation()).as("tickets the engine made for the job")
                .extracting(Ticket::jobId).containsExactly(ticketId);
        // The spooler tells the engine of the ending after it wrote it down: a moment later.
        Await.until(Duration.ofSeconds(20), () -> system.engine.book().liveCount("workstation") == 0,
                "the engine to end the job's ticket");
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
    }

    /** Every ticket of the spooler's credential on office-color, live or ended. */
    private List<Ticket> ticketsOfTheWorkstation() {
        List<Ticket> all = new ArrayList<>(system.engine.book().liveTickets("office-color"));
        all.addAll(system.engine.book().endedTickets("office-color"));
        return all.stream().filter(t -> t.holder().equals("workstation")).toList();
    }
}
