package org.printgate.interop.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.PrivateCupsd;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.testing.Await;

/**
 * A private cupsd prints to the demo printers the two ways sites set printers up: a driverless
 * IPP Everywhere queue ({@code lpadmin -m everywhere}) and a raw {@code socket://} queue. The
 * page ledger must show every page exactly once.
 */
class CupsPrintsToSimulatedPrintersTest {
    @RegisterExtension
    static final DemoPrinters demo = DemoPrinters.atSpeed(10);

    @RegisterExtension
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void everywhereQueuePrintsEveryPageOfAPdfExactlyOnce() throws Exception {
        SimPrinter printer = demo.printer("office-color");
        Path ppd = cups.addQueue("sim", demo.simulator().ippUri(printer).toString(), "everywhere");
        assertThat(Files.readString(ppd)).contains("*PPD-Adobe").contains("application/pdf");

        int pages = 7;
        int cupsJob = cups.lp("sim", TestDocuments.standard().multiPagePdf(pages), "-t", "seven-pages");
        assertThat(cups.waitForJobCompleted(cupsJob, Duration.ofSeconds(120)).state()).isEqualTo("completed");

        List<LedgerEntry> printed = onlyJobOf(printer);
        assertThat(printed).extracting(LedgerEntry::page).containsExactlyElementsOf(range(pages));
        assertThat(printed).extracting(LedgerEntry::path).containsOnly("ipp");
        assertThat(printed).extracting(LedgerEntry::sha256).doesNotHaveDuplicates();
    }

    @Test
    void socketQueuePrintsAPostScriptJobThroughTheRawPort() {
        SimPrinter printer = demo.printer("laser-ps");
        String device = "socket://" + demo.simulator().host() + ":" + demo.simulator().rawPort(printer);
        // Raw queues have no PPD: the file goes to the printer as it is.
        cups.lpadmin("-p", "laser", "-E", "-v", device, "-m", "raw");

        int pages = 3;
        int cupsJob = cups.lp("laser", TestDocuments.standard().multiPagePostScript(pages), "-t", "raw-ps");
        assertThat(cups.waitForJobCompleted(cupsJob, Duration.ofSeconds(120)).state()).isEqualTo("completed");

        Await.until(Duration.ofSeconds(60), () -> ledgerOf(printer).size() >= pages, "the raw job's pages in the ledger");
        List<LedgerEntry> printed = onlyJobOf(printer);
        assertThat(printed).extracting(LedgerEntry::page).containsExactlyElementsOf(range(pages));
        assertThat(printed).extracting(LedgerEntry::path).containsOnly("raw");
    }

    private static List<LedgerEntry> ledgerOf(SimPrinter printer) {
        return demo.simulator().ledger().entries(e -> e.printer().equals(printer.name()));
    }

    /** The printer's pages, which must all belong to one job: CUPS sent exactly one. */
    private static List<LedgerEntry> onlyJobOf(SimPrinter printer) {
        List<LedgerEntry> all = ledgerOf(printer);
        assertThat(all).extracting(LedgerEntry::jobId).as("jobs on %s", printer.name()).containsOnly(all.get(0).jobId());
        return all;
    }

    private static List<Integer> range(int pages) {
        return IntStream.rangeClosed(1, pages).boxed().toList();
    }
}
