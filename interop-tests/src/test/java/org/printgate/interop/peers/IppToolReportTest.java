package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.IppToolReport;

/** Parsing ipptool's test report, on text ipptool 2.4.2 really printed (cut short). */
class IppToolReportTest {

    private static final String EVERYWHERE_RUN = """
            "/usr/share/cups/ipptool/ipp-1.1.test":
                RFC 8011 section 4.1.1: Bad request-id value 0                       [PASS]
                RFC 8011 section 4.1.4: attributes-natural-language + attributes-cha [PASS]
                RFC 8011 section 4.2.5: Get-Printer-Attributes Operation (default)   [PASS]
                    color-supported (boolean) = true
                    pages-per-minute (integer) = 10
                Print-Job with A4 PDF                                                [0001]
                Print-Job with A4 PDF                                                [PASS]
                RFC 8011 section 4.2.2: Print-URI Operation                          [SKIP]
            "/usr/share/cups/ipptool/ipp-2.0.test":
                PWG 5100.12 section 6.2 - Required Printer Description Attributes    [PASS]
            "/usr/share/cups/ipptool/ipp-everywhere.test":
                PWG 5100.14 section 5.1/5.2 - Required Operations and Attributes     [FAIL]
                    RECEIVED: 12115 bytes in response
                    status-code = successful-ok (successful-ok)
                    EXPECTED: overrides-supported WITH-VALUE "document-number"
                    GOT: overrides-supported="document-numbers"
                Print color.jpg-4x6 @ 300dpi, black-1                                [PASS]
            Summary: 433 tests, 108 passed, 1 failed, 324 skipped
            Score: 99%
            """;

    private static final String VERBOSE_RUN = """
            "/usr/share/cups/ipptool/get-printer-attributes.test":
                Get-Printer-Attributes:
                    attributes-charset (charset) = utf-8
                    printer-uri (uri) = ipp://127.0.0.1:18631/ipp/print
                Get printer attributes using get-printer-attributes                  [PASS]
                    RECEIVED: 12115 bytes in response
                    status-code = successful-ok (successful-ok)
                    printer-state (enum) = idle
            """;

    @Test
    void readsOutcomesFilesRepeatsDetailsAndTheSummary() {
        IppToolReport report = parse(EVERYWHERE_RUN, "", 1);

        assertThat(report.passed()).hasSize(6);
        assertThat(report.skipped()).containsExactly("RFC 8011 section 4.2.2: Print-URI Operation");
        assertThat(report.failed()).containsExactly("PWG 5100.14 section 5.1/5.2 - Required Operations and Attributes");
        assertThat(report.failureReasons().values().iterator().next())
                .contains("EXPECTED: overrides-supported WITH-VALUE \"document-number\"");
        assertThat(report.result("Print-Job with A4 PDF")).hasValueSatisfying(r -> {
            assertThat(r.repeats()).isEqualTo(1);
            assertThat(r.file()).endsWith("ipp-1.1.test");
        });
        assertThat(report.result("RFC 8011 section 4.2.5")).hasValueSatisfying(r ->
                assertThat(r.displayed("pages-per-minute")).hasValue("10"));
        assertThat(report.summary()).hasValue(new IppToolReport.Summary(433, 108, 1, 324));
        assertThat(report.ranToCompletion()).isTrue();
    }

    @Test
    void knownFailuresOfTheTestFileAreAcceptedOthersAreNot() {
        IppToolReport report = parse(EVERYWHERE_RUN, "", 1);

        report.assertNoFailuresExcept("PWG 5100.14 section 5.1/5.2 - Required Operations and Attributes");
        assertThatThrownBy(report::assertNoFailures)
                .hasMessageContaining("[FAIL] PWG 5100.14 section 5.1/5.2")
                .hasMessageContaining("GOT: overrides-supported=\"document-numbers\"");
    }

    @Test
    void aFileThatCannotBeReadIsAFatalError() {
        String stderr = "ipptool: Filename \"document-a4.pdf\" (mapped to \"/usr/share/cups/ipptool/document-a4.pdf\")"
                + " on line 1295 of \"/usr/share/cups/ipptool/ipp-1.1.test\" cannot be read.\n";
        IppToolReport report = parse(EVERYWHERE_RUN, stderr, 1);

        assertThat(report.ranToCompletion()).isFalse();
        assertThatThrownBy(() -> report.assertNoFailuresExcept("PWG 5100.14"))
                .hasMessageContaining("FATAL: ipptool: Filename \"document-a4.pdf\"");
    }

    @Test
    void verboseRequestLinesAreKeptApartFromTheResponse() {
        IppToolReport report = parse(VERBOSE_RUN, "", 0);

        IppToolReport.TestResult result = report.results().get(0);
        assertThat(result.request()).first().isEqualTo("Get-Printer-Attributes:");
        assertThat(result.request()).contains("attributes-charset (charset) = utf-8");
        assertThat(result.details()).first().isEqualTo("RECEIVED: 12115 bytes in response");
        assertThat(result.displayed("printer-state")).hasValue("idle");
    }

    private static IppToolReport parse(String stdout, String stderr, int exitCode) {
        return IppToolReport.parse(new ExternalCommand.Result(List.of("ipptool"), exitCode, stdout, stderr,
                Duration.ofSeconds(1)));
    }
}
