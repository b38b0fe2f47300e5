package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.MediaSizeSupported;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Types;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestedAttributesTest {
    private static final Set<String> ALL = Set.of("all");
    private static final Set<String> JOB_LIST = Set.of("job-id", "job-uri");
    /** A printer's answer in small: description, status, job template, media-col-database. */
    private static final List<Attribute<?>> PRINTER = List.of(
            Types.printerName.of("office"), Types.charsetConfigured.of("utf-8"),
            Types.printerState.of(PrinterState.idle), Types.printerStateReasons.of("none"),
            Types.printerIsAcceptingJobs.of(true), Types.queuedJobCount.of(0),
            Types.copiesDefault.of(1), Types.sidesSupported.of("one-sided"),
            Types.mediaReady.of(List.of(new KeywordOrName("iso_a4_210x297mm"))),
            Types.mediaSizeSupported.of(List.of(new MediaSizeSupported(new IntOrIntRange(21000), new IntOrIntRange(29700)))), Types.mediaColDatabase.of(List.of(new MediaColDatabase())),
            ExtraTypes.markerLevels.of(80));
    private static final List<Attribute<?>> JOB = List.of(
            Types.jobId.of(7), Types.jobUri.of(URI.create("ipp://localhost/jobs/7")),
            Types.jobState.of(JobState.processing), Types.jobName.of("report"), Types.copies.of(2),
            Types.media.of(new KeywordOrName("iso_a4_210x297mm")));

    private static IppRequest asking(Operation operation, String... requested) {
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en")));
        if (requested.length > 0) {
            attributes.add(Types.requestedAttributes.of(List.of(requested)));
        }
        IppPacket packet = new IppPacket(0x0200, operation.getCode(), 1,
                List.of(AttributeGroup.groupOf(Tag.operationAttributes, attributes)));
        return new IppRequest(packet, InputStream.nullInputStream(), 631, "/ipp/print", "localhost", null, () -> { });
    }

    private static List<String> printerAnswer(String... requested) {
        return names(RequestedAttributes.of(asking(Operation.getPrinterAttributes, requested), ALL), PRINTER);
    }

    private static List<String> names(RequestedAttributes wanted, List<Attribute<?>> attributes) {
        MutableAttributeGroup group = new MutableAttributeGroup(Tag.printerAttributes, List.of());
        wanted.copy(attributes, group);
        return group.stream().map(Attribute::getName).toList();
    }

    @Test
    void answersOnlyTheNamedAttributes() {
        assertThat(printerAnswer("printer-state", "printer-state-reasons")).containsExactly("printer-state", "printer-state-reasons");
    }

    @Test
    void ignoresNamesItDoesNotKnowAndNone() {
        assertThat(printerAnswer("none")).isEmpty();
        assertThat(printerAnswer("no-such-attribute", "printer-name")).containsExactly("printer-name");
        assertThat(printerAnswer("job-description", "job-status")).as("job groups asked of a printer").isEmpty();
    }

    @Test
    void allAndNothingNamedGiveEverythingButTheMediaColDatabase() {
        List<String> everything = PRINTER.stream().map(Attribute::getName).filter(n -> !n.equals("media-col-database")).toList();

        assertThat(printerAnswer()).containsExactlyElementsOf(everything);
        assertThat(printerAnswer("all")).containsExactlyElementsOf(everything);
    }

    @Test
    void givesTheMediaColDatabaseOnlyWhenAskedByName() {
        assertThat(printerAnswer("job-template")).doesNotContain("media-col-database");
        assertThat(printerAnswer("all", "media-col-database")).contains("media-col-database").hasSize(PRINTER.size());
        assertThat(printerAnswer("media-col-database")).containsExactly("media-col-database");
    }

    @Test
    void splitsAPrintersAttributesIntoJobTemplateAndPrinterDescription() {
        assertThat(printerAnswer("job-template")).containsExactly("copies-default", "sides-supported", "media-ready",
                "media-size-supported");
        assertThat(printerAnswer("printer-description")).containsExactly("printer-name", "charset-configured",
                "printer-state", "printer-state-reasons", "printer-is-accepting-jobs", "queued-job-count", "marker-levels");
        assertThat(printerAnswer("printer-status")).containsExactly("printer-state", "printer-state-reasons",
                "printer-is-accepting-jobs", "queued-job-count", "marker-levels");
    }

    @Test
    void splitsAJobsAttributesIntoJobTemplateJobDescriptionAndJobStatus() {
        RequestedAttributes template = RequestedAttributes.of(asking(Operation.getJobAttributes, "job-template"), ALL);
        RequestedAttributes description = RequestedAttributes.of(asking(Operation.getJobAttributes, "job-description"), ALL);
        RequestedAttributes status = RequestedAttributes.of(asking(Operation.getJobAttributes, "job-status"), ALL);
        RequestedAttributes printerGroup = RequestedAttributes.of(asking(Operation.getJobAttributes, "printer-description"), ALL);

        assertThat(names(template, JOB)).containsExactly("copies", "media");
        assertThat(names(description, JOB)).containsExactly("job-id", "job-uri", "job-state", "job-name");
        assertThat(names(status, JOB)).containsExactly("job-id", "job-uri", "job-state");
        assertThat(names(printerGroup, JOB)).isEmpty();
    }

    @Test
    void listsJobsByIdAndUriUnlessAskedForMore() {
        assertThat(names(RequestedAttributes.of(asking(Operation.getJobs), JOB_LIST), JOB)).containsExactly("job-id", "job-uri");
        assertThat(names(RequestedAttributes.of(asking(Operation.getJobs, "job-state"), JOB_LIST), JOB)).containsExactly("job-state");
        assertThat(names(RequestedAttributes.of(asking(Operation.getJobAttributes), ALL), JOB)).hasSize(JOB.size());
    }

    @Test
    void cupsPrinterListsUseThePrintersGroupsAndOtherObjectsTakeAnyGroupAsAll() {
        RequestedAttributes cupsList = RequestedAttributes.of(asking(ExtraTypes.cupsGetPrinters, "printer-status"), ALL);
        RequestedAttributes subscription = RequestedAttributes.of(asking(Operation.getSubscriptionAttributes,
                "subscription-template"), ALL);

        assertThat(names(cupsList, PRINTER)).containsExactly("printer-state", "printer-state-reasons",
                "printer-is-accepting-jobs", "queued-job-count", "marker-levels");
        assertThat(subscription.wants("notify-events")).isTrue();
    }
}
