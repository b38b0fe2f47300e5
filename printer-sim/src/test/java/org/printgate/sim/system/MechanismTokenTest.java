package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;
import org.printgate.sim.job.Job;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.DataPath;
import org.printgate.testing.Await;

/**
 * Seed 003, the token for access to the mechanism by different processing paths: IPP and raw
 * jobs sent at the same time never interleave their pages, and neither path starves the other.
 */
class MechanismTokenTest {
    private static final int PAGES = 4;

    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();
    private final ExecutorService senders = Executors.newFixedThreadPool(6);
    private final List<Future<?>> rawSenders = new ArrayList<>();

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    /** A run of consecutive ledger pages of one job. */
    private record Run(int jobId, String path, List<Integer> pages) {}

    @Test
    void concurrentIppAndRawJobsEachComeOutWholeWithoutInterleaving() throws Exception {
        String name = "two-paths-at-1200-ppm";
        sim.start(TestPrinter.named(name).pagesPerMinute(1200));

        List<Integer> ippJobs = sendConcurrently(name);
        awaitAll(name);

        List<Run> runs = runs(sim.pagesOf(name));
        assertThat(runs).as("one run of pages per job").hasSize(6);
        assertThat(runs).extracting(Run::jobId).doesNotHaveDuplicates();
        assertThat(runs).allSatisfy(run -> assertThat(run.pages()).as("job %d", run.jobId()).isEqualTo(allPages()));
        assertThat(runs).filteredOn(run -> run.path().equals("ipp")).extracting(Run::jobId)
                .containsExactlyInAnyOrderElementsOf(ippJobs);
        assertThat(runs).filteredOn(run -> run.path().equals("raw")).hasSize(3);
    }

    @Test
    void withJobsWaitingOnBothPathsTheEngineAlternatesBetweenThemAtJobBoundaries() throws Exception {
        String name = "alternates-at-1200-ppm";
        sim.start(TestPrinter.named(name).pagesPerMinute(1200));
        // Out of paper, the first job to get the token waits on the engine while all six queue up.
        sim.control().fault(name, "{\"type\": \"out-of-paper\"}");

        sendConcurrently(name);
        Await.until("six jobs are queued and one holds the engine", () -> sim.printer(name).jobs().size() == 6
                && sim.printer(name).jobs().stream().filter(job -> job.state().equals(JobState.processing)).count() == 1);
        sim.control().clear(name, "out-of-paper");
        awaitAll(name);

        List<Run> runs = runs(sim.pagesOf(name));
        assertThat(runs).as("one run of pages per job").hasSize(6);
        assertThat(runs).extracting(Run::jobId).doesNotHaveDuplicates();
        assertThat(runs).allSatisfy(run -> assertThat(run.pages()).as("job %d", run.jobId()).isEqualTo(allPages()));
        // The holder gives the token up at each job boundary because the other path is waiting.
        String first = runs.get(0).path();
        String second = first.equals("ipp") ? "raw" : "ipp";
        assertThat(runs).extracting(Run::path).containsExactly(first, second, first, second, first, second);
    }

    /**
     * Sends three IPP and three raw jobs of {@value #PAGES} pages from six threads released at once;
     * returns the IPP job-ids once the IPP jobs are accepted (raw senders wait for their job's end).
     */
    private List<Integer> sendConcurrently(String name) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> ipp = new ArrayList<>();
        IppPrinterClient client = sim.ipp(name);
        ipp.add(senders.submit(() -> {
            go.await();
            return client.print(DocumentFormats.PDF, TestDocuments.pdf("ipp-pdf", PAGES));
        }));
        ipp.add(senders.submit(() -> {
            go.await();
            return client.print(DocumentFormats.PWG_RASTER, TestDocuments.pwgRaster(PAGES, 120, 80));
        }));
        ipp.add(senders.submit(() -> {
            go.await();
            return client.print(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("ipp-ps", PAGES));
        }));
        for (byte[] document : List.of(TestDocuments.postScript("raw-ps", PAGES), TestDocuments.pcl("raw-pcl", PAGES),
                TestDocuments.text("raw-text", PAGES))) {
            rawSenders.add(senders.submit(() -> {
                go.await();
                sim.raw(name).print(document);
                return null;
            }));
        }
        go.countDown();
        List<Integer> ids = new ArrayList<>();
        for (Future<Integer> future : ipp) {
            ids.add(future.get(30, TimeUnit.SECONDS));
        }
        return ids;
    }

    /** Waits until six jobs have completed, and checks none ended otherwise. */
    private void awaitAll(String name) throws InterruptedException, ExecutionException, TimeoutException {
        Await.until("six jobs are done", () -> sim.printer(name).jobs().size() == 6
                && sim.printer(name).jobs().stream().allMatch(Job::isTerminal));
        assertThat(sim.printer(name).jobs()).extracting(Job::state).containsOnly(JobState.completed);
        assertThat(sim.printer(name).jobs()).extracting(Job::path)
                .containsExactlyInAnyOrder(DataPath.IPP, DataPath.IPP, DataPath.IPP, DataPath.RAW, DataPath.RAW, DataPath.RAW);
        // The raw senders saw their connections closed in order, not reset.
        for (Future<?> sender : rawSenders) {
            sender.get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Integer> allPages() {
        return IntStream.rangeClosed(1, PAGES).boxed().toList();
    }

    private static List<Run> runs(List<LedgerEntry> pages) {
        List<Run> runs = new ArrayList<>();
        for (LedgerEntry page : pages) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || last.jobId() != page.jobId()) {
                last = new Run(page.jobId(), page.path(), new ArrayList<>());
                runs.add(last);
            }
            last.pages().add(page.page());
        }
        return runs;
    }
}
