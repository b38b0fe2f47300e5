package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

/**
 * The engine is away: jobs are still taken, stay spooled and visible with a message that says
 * why they wait, and print as soon as the engine is back — also when the spooler itself starts
 * while the engine is away (it remembers its printers). The spooler's retries wait on its own
 * clock, which the tests advance.
 */
class EngineAwayTest extends SpoolerSystemTest {
    private static final Pattern TRYING_AGAIN = Pattern.compile("trying again in (\\d+) s");

    @Override
    SpoolerSystem startSystem(Path directory) throws Exception {
        return SpoolerSystem.onManualTime(directory);
    }

    @Test
    void jobsWaitVisiblyWhileTheEngineIsAwayAndPrintWhenItIsBack() throws Exception {
        system.engine.close();
        int job = system.print("office-color", "ann", Documents.pdf(directory, "patient", 3), "application/pdf");

        Await.until(Duration.ofSeconds(20), () -> system.describe("office-color", job).contains("cannot be reached"),
                () -> "the user to read that the print server is away: " + system.describe("office-color", job));
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pending);

        // Each try fails and the waits grow, as the spooler's clock runs: until a next try 10 s or more away is
        // announced. The waits are drawn with jitter (each between the first and three times the last), so one
        // may be shorter than the one before: the longest seen counts. Polled at a steady pace, not ever less
        // often (Await's default): the clock moves only when the test polls, and two CI runs polled some twenty
        // times in 90 s, each reading the job as its lane was still at the try, and never saw one of 10 s.
        // (A request sent just as the engine closed may hang on the dead connection for the ticket
        // client's request timeout, 20 s of wall time, before it fails: hence the long deadline.)
        int[] longest = {0};
        Await.until(Duration.ofSeconds(90), Duration.ofMillis(100), () -> {
            system.advance(Duration.ofSeconds(30));
            longest[0] = Math.max(longest[0], retryWait(job));
            return longest[0] >= 10;
        }, () -> "the waits to grow (longest seen " + longest[0] + " s); the job says " + system.describe("office-color", job)
                + "; the spooler's engine-call threads:" + SpoolerSystem.engineCallThreads());

        system.startEngine();
        // The longest wait (30 s) on the spooler's clock: the tries due meanwhile find the engine back, and the job prints.
        system.advance(Duration.ofSeconds(30));
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(8));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2, 3);
    }

    /** The wait the job's message announces before the next try, in seconds; 0 when it announces none. */
    private int retryWait(int job) {
        Matcher wait = TRYING_AGAIN.matcher(system.describe("office-color", job));
        return wait.find() ? Integer.parseInt(wait.group(1)) : 0;
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
