package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.IppTool;
import org.printgate.testing.peers.IppToolReport;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.ipp.IppClient;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.Await;

/**
 * CUPS's conformance files against the spooler's local printer for office-color: one run of
 * {@code ipp-everywhere.test}, which includes {@code ipp-2.0.test}, which includes
 * {@code ipp-1.1.test}. Every job it prints goes the whole way — spooled, ticketed by the engine,
 * forwarded to the simulated printer — and must come out there. One test fails, for two reasons
 * that are listed in docs/benchmarks.md ("ipptool against the spooler") and asserted here exactly, so
 * any other failure, or this one going away, fails this test: CUPS 2.4.2's own bug — it expects
 * overrides-supported to hold "document-number"; the PWG keyword is "document-numbers".
 */
class IppToolAgainstTheSpoolerTest {
    static final String REQUIRED_ATTRIBUTES_TEST = "PWG 5100.14 section 5.1/5.2 - Required Operations and Attributes";
    static final List<String> KNOWN_UNMET = List.of(
            "EXPECTED: overrides-supported WITH-VALUE \"document-number\"");

    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(40);

    /** One run for the class: it prints ~45 jobs, which the tests below follow to their end. */
    private static IppToolReport report;

    @BeforeAll
    static void runIppEverywhereTestAgainstOfficeColor() {
        // office-color advertises 300 and 600 dpi PWG raster: the test files print both.
        TestDocuments documents = TestDocuments.withRasterResolutions(300, 600);
        report = IppTool.against(stack.queueUri("office-color")).in(documents.dir())
                .ignoreErrors().repeatWhenBusy().requestTimeout(Duration.ofSeconds(60))
                .defaultFile("document-letter.pdf").timeout(Duration.ofMinutes(4))
                .run("ipp-everywhere.test");
        for (String file : List.of("ipp-1.1.test", "ipp-2.0.test", "ipp-everywhere.test")) {
            Map<IppToolReport.Outcome, Long> counts = report.results().stream().filter(r -> r.file().endsWith("/" + file))
                    .collect(Collectors.groupingBy(IppToolReport.TestResult::outcome, Collectors.counting()));
            System.out.printf("ipptool %s against the spooler: %s%n", file, counts);
        }
    }

    @Test
    void passesIppEverywhereIpp20AndIpp11ButForTheListedFailure() {
        assertThat(report.ranToCompletion()).as(report.describe()).isTrue();
        assertThat(report.passed()).as("tests passed").hasSizeGreaterThanOrEqualTo(70);
        assertThat(report.result("RFC 8011 section 4.2.1: Print-Job Operation"))
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(IppToolReport.Outcome.PASS));
        // The local printer lists Hold-Job, so ipp-1.1.test holds a job and releases it: both run and pass.
        for (String held : List.of("Print-Job with job-hold-until", "Release-Job")) {
            assertThat(report.result(held)).as(held).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(IppToolReport.Outcome.PASS));
        }
        Map<String, List<String>> failures = report.failureReasons();
        assertThat(failures.keySet()).as(report.describe()).containsOnly(REQUIRED_ATTRIBUTES_TEST);
        assertThat(failures.get(REQUIRED_ATTRIBUTES_TEST).stream().map(String::trim).filter(line -> line.startsWith("EXPECTED")))
                .as(report.describe()).containsExactlyElementsOf(KNOWN_UNMET);
    }

    @Test
    void everyJobIpptoolLeftComesOutOnceAndEveryJobItCanceledStaysCanceled() {
        Await.until(Duration.ofMinutes(2), () -> stack.spooler().jobs().live().isEmpty(),
                () -> "the spooler's jobs to end; live: " + stack.spooler().jobs().live());
        List<SpoolJob> jobs = stack.spooler().jobs().all();

        // ipp-1.1.test's "Cancel-Job Operation (pending/processing job)" cancels a job milliseconds after
        // its Print-Job, while its ticket is being asked for: it must stay canceled, never be sent.
        assertThat(jobs).filteredOn(j -> j.phase() != Phase.COMPLETED)
                .as("jobs not completed (ipptool cancels some; none may abort)")
                .allSatisfy(j -> assertThat(j.phase()).as("%s", j).isEqualTo(Phase.CANCELED));
        assertThat(jobs).filteredOn(j -> j.phase() == Phase.COMPLETED).hasSizeGreaterThan(30);
        int pagesCompleted = jobs.stream().filter(j -> j.phase() == Phase.COMPLETED).mapToInt(SpoolJob::pagesDone).sum();
        List<LedgerEntry> printed = stack.pagesOf("office-color");
        // ipp-1.1.test asks for copies=2 once: each page of each copy comes out once.
        assertThat(printed).extracting(e -> e.jobId() + "/" + e.copy() + "/" + e.page()).doesNotHaveDuplicates();
        assertThat(printed).hasSize(pagesCompleted);
    }

    @Test
    void printerIconsAreServedAsPngs() throws Exception {
        URI queue = stack.queueUri("office-color");
        IppPacket answer = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10)).send(queue, new IppPacket(0x0200,
                Operation.getPrinterAttributes.getCode(), 1, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue),
                Types.requestedAttributes.of("printer-icons")))));
        List<URI> icons = answer.getValues(Tag.printerAttributes, Types.printerIcons);

        assertThat(icons).hasSize(3);
        HttpClient http = HttpClient.newHttpClient();
        for (URI icon : icons) {
            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(icon).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).as("%s", icon).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).as("%s", icon).hasValue("image/png");
            assertThat(png.body()).as("%s", icon).startsWith(0x89, 'P', 'N', 'G');
        }
    }
}
