package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

/**
 * The engine is away: jobs are still taken, stay spooled and visible with a message that says
 * why they wait, and print as soon as the engine is back — also when the spooler itself starts
 * while the engine is away (it remembers its printers).
 */
class EngineAwayTest extends SpoolerSystemTest {
    @Test
    void jobsWaitVisiblyWhileTheEngineIsAwayAndPrintWhenItIsBack() throws Exception {
        system.engine.close();
        int job = system.print("office-color", "ann", Documents.pdf(directory, "patient", 3), "application/pdf");

        Await.until(Duration.ofSeconds(20), () -> system.describe("office-color", job).contains("cannot be reached"),
                () -> "the user to read that the print server is away: " + system.describe("office-color", job));
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pending);

        system.startEngine();
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(90));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2, 3);
    }

    @Test
    void aSpoolerStartedWhileTheEngineIsAwayStillHasItsPrinters() throws Exception {
        system.moveSpoolerToChildProcess();
        system.killSpooler();
        system.engine.close();
        system.startChildSpooler();

        int job = system.print("laser-ps", "ann", Documents.postScript(directory, "offline-start", 2), "application/postscript");
        system.startEngine();
        system.awaitState("laser-ps", job, JobState.completed, Duration.ofSeconds(90));
        assertThat(system.pagesPrintedBy("laser-ps")).containsExactly(1, 2);
    }
}
