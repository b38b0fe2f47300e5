package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.FreePort;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.PrivateCupsd;

/** The harness against real peers: a private cupsd with an IPP Everywhere queue on ippeveprinter. */
class PrivateCupsdPrintsToIppEvePrinterTest {

    @RegisterExtension
    static final IppEvePrinterPeer eve = IppEvePrinterPeer.named("eve-cups");

    @RegisterExtension
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void everywhereQueuePrintsAThreePagePdfToIppEvePrinter() throws Exception {
        Path ppd = cups.addQueue("eve", eve.uri().toString(), "everywhere");
        assertThat(Files.readString(ppd)).contains("*PPD-Adobe").contains("*cupsFilter2");

        int before = eve.receivedDocuments().size();
        Path pdf = TestDocuments.standard().multiPagePdf(3);
        int job = cups.lp("eve", pdf, "-t", "three-pages");
        PrivateCupsd.JobStatus status = cups.waitForJobCompleted(job, Duration.ofSeconds(90));

        assertThat(status.state()).isEqualTo("completed");
        List<Path> received = eve.awaitReceivedDocuments(before + 1, Duration.ofSeconds(30));
        Path document = received.get(received.size() - 1);
        assertThat(document.getFileName().toString()).contains("three-pages").endsWith(".pdf");
        assertThat(pdfPages(document)).isEqualTo(3);
    }

    @Test
    void addQueueFailsWithTheSchedulersReasonWhenThePrinterDoesNotAnswer() {
        int nobody = FreePort.tcp();

        assertThatThrownBy(() -> cups.addQueue("nobody", "ipp://127.0.0.1:" + nobody + "/ipp/print", "everywhere"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cupsd could not set up queue nobody")
                .hasMessageContaining("--- cupsd error_log");
    }

    private static int pdfPages(Path pdf) {
        String info = ExternalCommand.of(PeerTools.require("pdfinfo").toString(), pdf.toString())
                .runSuccessfully().stdout();
        return info.lines().filter(l -> l.startsWith("Pages:"))
                .map(l -> Integer.parseInt(l.substring("Pages:".length()).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("pdfinfo shows no page count:\n" + info));
    }
}
