package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.interop.peers.IppEvePrinterPeer;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.PrivateCupsd;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.ipp.IppClient;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;

/**
 * The spooler prints to a printer that is not ours: CUPS's {@code ippeveprinter}, behind an
 * engine queue whose device-uri is its URI. A job sent to the spooler's local printer for that
 * queue must reach ippeveprinter byte for byte (it keeps every document it receives) and be
 * completed there — the spooler only calls its job completed once the printer says so. Also the
 * whole desktop path: a private cupsd with a driverless queue on the spooler, to ippeveprinter.
 */
class IppEvePrinterBehindTheSpoolerTest {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final IppEvePrinterPeer eve = IppEvePrinterPeer.named("eve-behind-engine");

    // start() is idempotent: whichever extension runs first, the printer is up before the engine asks it.
    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(10).withIppPrinter("eve", () -> eve.start().uri());

    @RegisterExtension
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void cupsPrintsAPdfThroughTheSpoolerToIppEvePrinter() throws Exception {
        cups.addQueue("spooled-eve", stack.queueUri("eve").toString(), "everywhere");
        int before = eve.receivedDocuments().size();

        int cupsJob = cups.lp("spooled-eve", TestDocuments.standard().multiPagePdf(3), "-t", "eve-three-pages");

        assertThat(cups.waitForJobCompleted(cupsJob, JOB_TIMEOUT).state()).isEqualTo("completed");
        List<Path> received = eve.awaitReceivedDocuments(before + 1, Duration.ofSeconds(10));
        assertThat(received).hasSize(before + 1);
        Path kept = received.get(received.size() - 1);
        // CUPS rewrites the PDF (pdftopdf) before it leaves: compare pages, not bytes.
        assertThat(kept.getFileName().toString()).contains("eve-three-pages").endsWith(".pdf");
        assertThat(pdfPages(kept)).isEqualTo(3);
        assertThat(ippEvePrinterJobNamed("eve-three-pages"))
                .hasValueSatisfying(job -> assertThat(job.getValue(Types.jobState)).isEqualTo(JobState.completed));
    }

    @Test
    void aPdfReachesIppEvePrinterByteForByteAndItsJobCompletes() throws Exception {
        assertReachesIppEvePrinterAndCompletes(TestDocuments.standard().multiPagePdf(3), "application/pdf", ".pdf");
    }

    @Test
    void aPwgRasterReachesIppEvePrinterByteForByteAndItsJobCompletes() throws Exception {
        Path raster = TestDocuments.standard().pwgRaster("onepage-letter", TestDocuments.RasterType.SGRAY_8, 300);
        assertReachesIppEvePrinterAndCompletes(raster, "image/pwg-raster", ".pwg");
    }

    private static void assertReachesIppEvePrinterAndCompletes(Path document, String format, String extension)
            throws Exception {
        int before = eve.receivedDocuments().size();

        long id = stack.print("eve", "ann", document, format);
        SpoolJob ended = stack.awaitEnded(id, JOB_TIMEOUT);

        assertThat(ended.phase()).as("%s", ended).isEqualTo(Phase.COMPLETED);
        List<Path> received = eve.awaitReceivedDocuments(before + 1, Duration.ofSeconds(10));
        assertThat(received).hasSize(before + 1);
        Path kept = received.get(received.size() - 1);
        assertThat(kept.getFileName().toString()).endsWith(extension);
        assertThat(Files.readAllBytes(kept)).as("what ippeveprinter kept, against what was printed")
                .isEqualTo(Files.readAllBytes(document));
        assertThat(ippEvePrinterJobNamed(document.getFileName().toString()))
                .as("ippeveprinter's own job for %s", document.getFileName())
                .hasValueSatisfying(job -> assertThat(job.getValue(Types.jobState)).isEqualTo(JobState.completed));
    }

    private static int pdfPages(Path pdf) {
        String info = ExternalCommand.of(PeerTools.require("pdfinfo").toString(), pdf.toString()).runSuccessfully().stdout();
        return info.lines().filter(l -> l.startsWith("Pages:")).map(l -> Integer.parseInt(l.substring("Pages:".length()).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("pdfinfo shows no page count:\n" + info));
    }

    /** ippeveprinter's job of that name, asked of ippeveprinter itself (Get-Jobs, which-jobs=all). */
    private static Optional<AttributeGroup> ippEvePrinterJobNamed(String name) throws Exception {
        IppPacket answer = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10)).send(eve.uri(),
                new IppPacket(0x0200, Operation.getJobs.getCode(), 1, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                        Types.printerUri.of(eve.uri()), Types.requestingUserName.of("interop"), Types.whichJobs.of("all"),
                        Types.requestedAttributes.of("job-id", "job-name", "job-state")))));
        return answer.getAttributeGroups().stream().filter(g -> g.getTag().equals(Tag.jobAttributes))
                .filter(g -> g.getValue(Types.jobName) != null && g.getValue(Types.jobName).getValue().equals(name))
                .findFirst();
    }
}
