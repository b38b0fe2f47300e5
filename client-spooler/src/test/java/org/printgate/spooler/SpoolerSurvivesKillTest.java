package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing twice: the spooler, in its own JVM, is killed with {@code kill -9} at
 * random points while 200 jobs go through it to an IPP and a raw-socket printer; after each
 * restart it takes every job up where it was. Every job it answered successful-ok for prints,
 * every page exactly once (the printers' ledger is read by page content, so a resent page shows).
 * The engine is restarted mid-run too.
 */
class SpoolerSurvivesKillTest extends SpoolerSystemTest {
    private static final int JOBS = 200;

    @BeforeEach
    void moveTheSpoolerIntoAChildJvm() throws Exception {
        system.moveSpoolerToChildProcess();
    }

    @Test
    void jobsAnsweredOkAllPrintEveryPageOnceThroughKillsOfTheSpoolerAndAnEngineRestart() throws Exception {
        Random random = new Random(20261121);
        Map<Integer, List<String>> answered = new HashMap<>();
        Map<String, Integer> answeredJobQueue = new HashMap<>();
        List<List<String>> unanswered = new ArrayList<>();
        List<Integer> killAt = List.of(30 + random.nextInt(20), 90 + random.nextInt(20), 150 + random.nextInt(20));
        int engineRestartAt = 120;
        for (int i = 0; i < JOBS; i++) {
            if (killAt.contains(i)) {
                system.killSpooler();
                // Jobs sent while it is down are refused at the door: not answered, not printed.
                Path refused = Documents.pdf(directory, "refused-" + i, 1);
                assertThat(tryPrint("office-color", refused)).isNull();
                system.startChildSpooler();
            }
            if (i == engineRestartAt) {
                system.restartEngine();
            }
            String queue = i % 2 == 0 ? "office-color" : "laser-ps";
            Path document = Documents.pdf(directory, "job-" + i, 1 + i % 3);
            Integer job = tryPrint(queue, document);
            List<String> pages = SpoolerSystem.pageHashes(document, "application/pdf");
            if (job == null) {
                unanswered.add(pages);
            } else {
                answered.put(job, pages);
                answeredJobQueue.put(String.valueOf(job), i % 2 == 0 ? 0 : 1);
            }
        }
        // One last kill while the queue drains.
        system.killSpooler();
        system.startChildSpooler();

        for (int job : answered.keySet()) {
            String queue = answeredJobQueue.get(String.valueOf(job)) == 0 ? "office-color" : "laser-ps";
            system.awaitState(queue, job, JobState.completed, Duration.ofSeconds(180));
        }
        Map<String, Long> printed = system.printedHashes().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (List<String> pages : answered.values()) {
            for (String page : pages) {
                assertThat(printed.get(page)).as("times a page of an answered job came out").isEqualTo(1L);
            }
        }
        for (List<String> pages : unanswered) {
            for (String page : pages) {
                assertThat(printed.getOrDefault(page, 0L)).as("times a page of an unanswered job came out").isLessThanOrEqualTo(1L);
            }
        }
        assertThat(answered).hasSizeGreaterThan(JOBS * 9 / 10);
    }

    /** Print-Job; the local job id, or null when the spooler did not answer. */
    private Integer tryPrint(String queue, Path document) {
        try {
            return system.print(queue, "ann", document, "application/pdf");
        } catch (IOException e) {
            return null;
        }
    }
}
