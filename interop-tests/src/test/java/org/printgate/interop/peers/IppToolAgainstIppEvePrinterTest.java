package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.WorkDirectory;
import org.printgate.testing.peers.IppTool;
import org.printgate.testing.peers.IppToolReport;

/** The harness against real peers: CUPS's RFC 8011 conformance file against CUPS's own IPP Everywhere printer. */
class IppToolAgainstIppEvePrinterTest {

    @RegisterExtension
    static final IppEvePrinterPeer eve = IppEvePrinterPeer.named("eve-ipptool");

    @Test
    void ippEvePrinterPassesTheIpp11ConformanceFile() {
        IppToolReport report = IppTool.against(eve.uri())
                .in(TestDocuments.standard().dir())
                .ignoreErrors()
                .repeatWhenBusy()
                .requestTimeout(Duration.ofSeconds(30))
                .defaultFile("document-letter.pdf")
                .timeout(Duration.ofMinutes(3))
                .run("ipp-1.1.test");

        report.assertNoFailures();
        // CUPS 2.4.2 against ippeveprinter: 42 pass, 24 skip (Print-URI, PostScript, job-hold, ...).
        assertThat(report.passed()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(report.summary()).hasValueSatisfying(s -> assertThat(s.failed()).isZero());
        assertThat(report.result("RFC 8011 section 4.2.1: Print-Job Operation"))
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(IppToolReport.Outcome.PASS));
        assertThat(eve.receivedDocuments()).isNotEmpty();
    }

    @Test
    void aReferencedFileThatIsMissingEndsTheRunAndTheReportSaysSo() throws Exception {
        // An empty folder: ipp-1.1.test names document-a4.pdf, which ipptool cannot read.
        var empty = WorkDirectory.create("ipptool-empty");
        try {
            IppToolReport report = IppTool.against(eve.uri()).in(empty).ignoreErrors()
                    .defaultFile(TestDocuments.standard().file("document-letter.pdf").toString())
                    .timeout(Duration.ofMinutes(3))
                    .run("ipp-1.1.test");

            assertThat(report.ranToCompletion()).isFalse();
            assertThat(report.fatalErrors()).anySatisfy(e -> assertThat(e).contains("document-a4.pdf"));
            assertThat(report.exitCode()).isNotZero();
        } finally {
            WorkDirectory.delete(empty);
        }
    }
}
