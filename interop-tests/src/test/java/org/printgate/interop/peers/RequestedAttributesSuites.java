package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.printgate.ipp.IppClient;
import org.printgate.testing.peers.IppTool;
import org.printgate.testing.peers.IppToolReport;

/**
 * "Answer what is asked": CUPS's {@code get-printer-attributes-suite.test} (requested-attributes
 * and its groups, RFC 8011 §4.2.5.1, PWG 5100.7 media-col-database) and {@code ipp-2.1.test}
 * (which includes ipp-2.0 and ipp-1.1, then PWG 5100.12 §6.3), run against one Printgate printer,
 * with the failures that are expected and why; and the small answers a polling client must get.
 */
public final class RequestedAttributesSuites {
    public static final String SUITE = "get-printer-attributes-suite.test";
    public static final String IPP_21 = "ipp-2.1.test";

    /**
     * CUPS 2.4.2's suite names this test 'media-col-database' but sends requested-attributes
     * 'all' (a copy of the test before it): it then wants media-col-database, which PWG 5100.7
     * keeps out of 'all' (as the file's own first two tests check), and none of the attributes
     * 'all' brings. No printer can pass it and the first two; only its EXPECT of
     * media-col-database and its NOT EXPECTED lines may fail.
     */
    public static final String SUITE_SELF_CONTRADICTION = "Get-Printer-Attributes (requested-attributes='media-col-database')";

    /**
     * ipp-2.1.test's PWG 5100.12 §6.3 test: the subscription attributes (notify-*, ippget-event-life)
     * and the operations IPP/2.1 adds (Hold-Job to Disable-Printer). Every Printgate printer claims
     * IPP/2.1 (the spooler's local printers and the simulated ones), so it must pass.
     */
    public static final String IPP_21_REQUIRED_ATTRIBUTES = "PWG 5100.12 section 6.3 - Required Printer Description Attributes";

    private RequestedAttributesSuites() {}

    /** Both files against {@code printer}, from {@code documents} (ipp-1.1 prints its default file). */
    public static IppToolReport run(URI printer, TestDocuments documents, String defaultFile) {
        IppToolReport report = IppTool.against(printer).in(documents.dir()).ignoreErrors().repeatWhenBusy()
                .requestTimeout(Duration.ofSeconds(60)).defaultFile(defaultFile).timeout(Duration.ofMinutes(5))
                .run(SUITE, IPP_21);
        // ipp-2.1.test INCLUDEs ipp-2.0.test, which INCLUDEs ipp-1.1.test: each file's own count.
        for (String file : report.results().stream().map(IppToolReport.TestResult::file).distinct().toList()) {
            List<IppToolReport.TestResult> results = report.results().stream().filter(r -> r.file().equals(file)).toList();
            System.out.printf("ipptool %s against %s: %d passed, %d failed, %d skipped%n", file, printer,
                    count(results, IppToolReport.Outcome.PASS), count(results, IppToolReport.Outcome.FAIL),
                    count(results, IppToolReport.Outcome.SKIP));
        }
        return report;
    }

    private static long count(List<IppToolReport.TestResult> results, IppToolReport.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /**
     * A printer that claims IPP/2.1 (with subscriptions and the operator operations): every test
     * passes but the suite's self-contradiction, and that one only for its own reason; ipp-2.1.test's
     * PWG 5100.12 §6.3 test among those that pass.
     */
    public static void assertPassesIpp21ButForTheSuitesSelfContradiction(IppToolReport report) {
        assertThat(report.ranToCompletion()).as(report.describe()).isTrue();
        assertThat(report.result("Get-Printer-Attributes (requested-attributes='job-template')"))
                .as("the suite's last test ran").isPresent();
        assertThat(report.result(IPP_21_REQUIRED_ATTRIBUTES)).as(report.describe())
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(IppToolReport.Outcome.PASS));
        assertThat(report.result("RFC 8011 section 4.2.1: Print-Job Operation")).as("ipp-1.1's Print-Job")
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(IppToolReport.Outcome.PASS));
        assertThat(report.failureReasons().keySet()).as(report.describe()).containsExactly(SUITE_SELF_CONTRADICTION);

        List<String> contradiction = report.failureReasons().get(SUITE_SELF_CONTRADICTION).stream().map(String::trim).toList();
        assertThat(contradiction.stream().filter(line -> line.startsWith("EXPECTED"))).as(report.describe())
                .containsExactly("EXPECTED: media-col-database");
        assertThat(contradiction).as(report.describe())
                .allMatch(line -> line.startsWith("EXPECTED: media-col-database") || line.startsWith("NOT EXPECTED: ")
                        || line.startsWith("RECEIVED:") || line.startsWith("status-code") || line.startsWith("GOT:"));
    }

    /** Get-Printer-Attributes of {@code printer} asking for {@code requested}, and the size of the answer. */
    public static Answer ask(URI printer, String... requested) {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer)));
        if (requested.length > 0) {
            operation.add(Types.requestedAttributes.of(List.of(requested)));
        }
        try {
            IppPacket answer = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10)).send(printer, new IppPacket(0x0200,
                    Operation.getPrinterAttributes.getCode(), 1, List.of(AttributeGroup.groupOf(Tag.operationAttributes, operation))));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            answer.write(bytes);
            return new Answer(answer, bytes.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer, and how many bytes it took. */
    public record Answer(IppPacket packet, int bytes) {
        public List<String> names(Tag group) {
            AttributeGroup attributes = packet.get(group);
            return attributes == null ? List.of() : attributes.stream().map(Attribute::getName).toList();
        }
    }

    /**
     * What CUPS's ipp backend polls all through a job (printer-state and its reasons) gets those
     * and the operation attributes every answer carries, nothing else; a monitor asking for the
     * printer-status group gets the status, not the description; media-col-database comes only by
     * name; "all" brings not it, and says IPP/2.1.
     */
    public static void assertAnswersOnlyWhatIsAsked(URI printer) {
        Answer everything = ask(printer);
        Answer poll = ask(printer, "printer-state", "printer-state-reasons");
        Answer status = ask(printer, "printer-status");
        Answer database = ask(printer, "media-col-database");
        System.out.printf("Get-Printer-Attributes of %s: everything %d bytes, printer-status %d bytes,"
                + " printer-state and reasons %d bytes%n", printer, everything.bytes(), status.bytes(), poll.bytes());

        assertThat(poll.packet().getStatus()).isEqualTo(Status.successfulOk);
        assertThat(poll.packet().getAttributeGroups()).extracting(AttributeGroup::getTag)
                .containsExactly(Tag.operationAttributes, Tag.printerAttributes);
        assertThat(poll.names(Tag.printerAttributes)).containsExactly("printer-state", "printer-state-reasons");
        assertThat(poll.names(Tag.operationAttributes)).isSubsetOf("attributes-charset", "attributes-natural-language",
                "status-message");
        assertThat(poll.bytes()).as("a poll's answer").isLessThan(200);
        assertThat(status.names(Tag.printerAttributes)).as("the printer-status group")
                .contains("printer-state", "printer-state-reasons", "printer-is-accepting-jobs", "queued-job-count")
                .doesNotContain("printer-name", "document-format-supported", "copies-default", "media-col-database");
        assertThat(status.bytes()).as("a printer-status answer").isLessThan(2000);
        assertThat(database.names(Tag.printerAttributes)).containsExactly("media-col-database");
        assertThat(everything.names(Tag.printerAttributes)).doesNotContain("media-col-database")
                .contains("printer-name", "copies-default", "job-settable-attributes-supported");
        assertThat(everything.packet().getValues(Tag.printerAttributes, Types.ippVersionsSupported)).contains("2.1");
    }
}
