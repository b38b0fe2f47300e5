package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.Await;

/**
 * An operator interrupts a printing job at the engine (fig. 5): the spooler is told, cancels the
 * job at the printer, and confirms; the user's queue shows it canceled by the print server.
 */
class OperatorInterruptTest extends SpoolerSystemTest {
    @Test
    void anInterruptedJobStopsAtThePrinterAndEndsCanceled() throws Exception {
        int job = system.print("slow-small", "ann", Documents.pdf(directory, "long-run", 30), "application/pdf");
        Await.until(Duration.ofSeconds(60), () -> system.pagesPrintedBy("slow-small").size() >= 1, "the first page");
        long ticket = system.spooler.jobs().get(job).orElseThrow().ticketId();

        TicketClient operator = TicketClient.withPassword(system.engine.systemUri(), "operator", SpoolerSystem.OPERATOR_PASSWORD);
        operator.cancel(ticket);

        system.awaitState("slow-small", job, JobState.canceled, Duration.ofSeconds(30));
        assertThat(system.job("slow-small", "ann", job).getValue(Types.jobStateMessage).getValue()).contains("print server");
        var printer = system.simulator.printer("slow-small").orElseThrow();
        Await.until(Duration.ofSeconds(30), () -> printer.jobs().stream().allMatch(j -> j.isTerminal()),
                "the job at the printer to end");
        int printed = system.pagesPrintedBy("slow-small").size();
        assertThat(printed).isLessThan(30);
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                return operator.job(ticket).getValue(Types.jobState).equals(JobState.canceled);
            } catch (java.io.IOException e) {
                return false;
            }
        }, "the engine to see the job canceled");
        assertThat(system.pagesPrintedBy("slow-small")).hasSize(printed);
    }
}
