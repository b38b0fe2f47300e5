package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.engine.ticket.Ticket;
import org.printgate.testing.Await;

/**
 * A printing job's heartbeats (Update-Job-Status with the pages done, claim 2) go by the
 * spooler's clock: while it stands still the engine hears nothing, however many pages come out,
 * and one heartbeat period later it hears how far the job got.
 */
class HeartbeatTest extends SpoolerSystemTest {
    @Override
    SpoolerSystem startSystem(Path directory) throws Exception {
        return SpoolerSystem.onManualTime(directory);
    }

    @Test
    void aPrintingJobsHeartbeatsGoWhenTheSpoolersClockSaysAndCarryThePagesDone() throws Exception {
        // slow-small puts out a page every 1.5 s: two pages take longer than the heartbeat period (1 s) of wall time.
        int job = system.print("slow-small", "ann", Documents.pdf(directory, "long-run", 30), "application/pdf");
        Await.until(Duration.ofSeconds(20), () -> system.pagesPrintedBy("slow-small").size() >= 2, "two pages out");
        assertThat(ticketOf(job).impressionsCompleted()).as("pages the engine heard of while the spooler's clock stood still")
                .isZero();

        system.advance(Duration.ofSeconds(1));
        Await.until(Duration.ofSeconds(5), () -> ticketOf(job).impressionsCompleted() >= 2,
                () -> "a heartbeat with the pages done; the engine has " + ticketOf(job));

        system.ask(Operation.cancelJob, "slow-small", "ann", job);
        system.awaitStateWhileTimeRuns("slow-small", job, JobState.canceled, Duration.ofSeconds(20));
    }

    /** The engine's ticket of the spooler's job {@code job}. */
    private Ticket ticketOf(int job) {
        long ticketId = system.spooler.jobs().get(job).orElseThrow().ticketId();
        return system.engine.book().liveTickets("slow-small").stream().filter(t -> t.jobId() == ticketId)
                .findFirst().orElseThrow(() -> new AssertionError("no live ticket " + ticketId + " on slow-small"));
    }
}
