package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.PrivateCupsd;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.spooler.spool.SpoolJob;

/**
 * A private cupsd sets up the spooler's local printer the way a desktop does — driverless,
 * {@code lpadmin -m everywhere} on {@code ipp://localhost:PORT/printers/office-color} — and
 * prints through it: the spooler spools the job, gets a ticket from the engine and sends the
 * document directly to the simulated office-color, whose ledger must show every page exactly
 * once; CUPS must see its job completed (it polls Get-Job-Attributes until it is).
 */
class CupsPrintsThroughTheSpoolerTest {
    private static final Duration CUPS_JOB_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(10);

    @RegisterExtension
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void everywhereQueueOnTheSpoolerPrintsEveryPageOfAPdfExactlyOnce() throws Exception {
        Path ppd = cups.addQueue("spooled-pdf", stack.queueUri("office-color").toString(), "everywhere");
        // The PPD is built from the spooler's answer, which carries office-color's own capabilities.
        assertThat(Files.readString(ppd)).contains("*PPD-Adobe").contains("application/pdf").contains("*ColorDevice: True");

        Set<Integer> jobsBefore = printerJobsOnOfficeColor();
        int pages = 7;
        int cupsJob = cups.lp("spooled-pdf", TestDocuments.standard().multiPagePdf(pages), "-t", "seven-pages");

        assertThat(cups.waitForJobCompleted(cupsJob, CUPS_JOB_TIMEOUT).state()).isEqualTo("completed");
        assertThat(newJobPages(jobsBefore)).extracting(LedgerEntry::page).containsExactlyElementsOf(range(pages));
        SpoolJob spooled = latestSpoolerJob();
        assertThat(spooled.format()).as("%s", spooled).isEqualTo("application/pdf");
        assertThat(spooled.pagesDone()).as("%s", spooled).isEqualTo(pages);
    }

    @Test
    void everywhereQueueOnTheSpoolerPrintsEveryPageOfAPwgRasterExactlyOnce() throws Exception {
        cups.addQueue("spooled-raster", stack.queueUri("office-color").toString(), "everywhere");
        Path raster = TestDocuments.standard().pwgRaster("document-a4", TestDocuments.RasterType.SRGB_8, 300);
        assertThat(TestDocuments.isPwgRaster(raster)).as("%s is PWG raster", raster).isTrue();

        Set<Integer> jobsBefore = printerJobsOnOfficeColor();
        int cupsJob = cups.lp("spooled-raster", raster, "-t", "raster-a4");

        assertThat(cups.waitForJobCompleted(cupsJob, CUPS_JOB_TIMEOUT).state()).isEqualTo("completed");
        assertThat(newJobPages(jobsBefore)).extracting(LedgerEntry::page)
                .containsExactlyElementsOf(range(TestDocuments.DOCUMENT_PAGES));
        // CUPS passes PWG raster through untouched to a printer that takes it, and so does the spooler.
        SpoolJob spooled = latestSpoolerJob();
        assertThat(spooled.format()).as("%s", spooled).isEqualTo("image/pwg-raster");
        assertThat(spooled.bytes()).as("%s", spooled).isEqualTo(Files.size(raster));
        assertThat(spooled.pagesDone()).as("%s", spooled).isEqualTo(TestDocuments.DOCUMENT_PAGES);
    }

    private static SpoolJob latestSpoolerJob() {
        return stack.spooler().jobs().all().stream().max(Comparator.comparingLong(SpoolJob::id)).orElseThrow();
    }

    private static Set<Integer> printerJobsOnOfficeColor() {
        return stack.pagesOf("office-color").stream().map(LedgerEntry::jobId).collect(Collectors.toSet());
    }

    /**
     * The pages of the one printer job that came out after {@code jobsBefore}: CUPS sent one job,
     * and the spooler must have sent it on once. By the time CUPS sees its job completed the
     * spooler has seen the printer's job completed, so its pages are all in the ledger.
     */
    private static List<LedgerEntry> newJobPages(Set<Integer> jobsBefore) {
        List<LedgerEntry> pages = stack.pagesOf("office-color").stream().filter(e -> !jobsBefore.contains(e.jobId())).toList();
        assertThat(pages).as("new pages on office-color").isNotEmpty();
        assertThat(pages).extracting(LedgerEntry::jobId).as("printer jobs").containsOnly(pages.get(0).jobId());
        assertThat(pages).extracting(LedgerEntry::path).containsOnly("ipp");
        return pages;
    }

    private static List<Integer> range(int pages) {
        return IntStream.rangeClosed(1, pages).boxed().toList();
    }
}
