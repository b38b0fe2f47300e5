package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeyValues;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.ipp.ExtraTypes;

/**
 * Get-Printer-Attributes answers what an IPP Everywhere client (CUPS's {@code lpadmin -m
 * everywhere}, a phone) needs, with the values of the profile and the hardware.
 */
class PrinterAttributesTest {
    private static final String NAME = "everywhere-basics";

    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void identifyPrinterMakesThePrinterShowItselfWithTheMessage() throws IOException {
        sim.start(TestPrinter.named(NAME));
        assertThat(sim.printer(NAME).lastIdentifyMessage()).isEmpty();
        IppPacket response = sim.ipp(NAME).identifyPrinter("sound", "where are you?");
        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(sim.printer(NAME).lastIdentifyMessage()).hasValueSatisfying(m ->
                assertThat(m).contains("sound").contains("where are you?"));
    }

    @Test
    void getPrinterAttributesAnswersTheIppEverywhereBasicsWithTheProfileValues() throws IOException {
        sim.start(TestPrinter.named(NAME));
        IppPrinterClient ipp = sim.ipp(NAME);

        // media-col-database comes only when named (PWG 5100.7), as CUPS's "everywhere" driver asks.
        IppPacket response = ipp.getPrinterAttributes("all", "media-col-database");

        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        String uuid = response.getValue(Tag.printerAttributes, Types.printerUuid).toString();
        assertThat(uuid).startsWith("urn:uuid:");
        assertThat(UUID.fromString(uuid.substring("urn:uuid:".length()))).isEqualTo(sim.printer(NAME).uuid());
        assertThat(response.getValue(Tag.printerAttributes, Types.printerUriSupported)).isEqualTo(ipp.printerUri());
        assertThat(response.getString(Tag.printerAttributes, Types.printerName)).isEqualTo(NAME);
        assertThat(response.getStrings(Tag.printerAttributes, Types.ippFeaturesSupported)).contains("ipp-everywhere");
        assertThat(response.getStrings(Tag.printerAttributes, Types.ippVersionsSupported)).contains("2.0");
        assertThat(response.getValues(Tag.printerAttributes, Types.operationsSupported)).contains(Operation.printJob,
                Operation.createJob, Operation.sendDocument, Operation.cancelJob, Operation.getJobAttributes,
                Operation.getJobs, Operation.getPrinterAttributes);
        assertThat(response.getStrings(Tag.printerAttributes, Types.documentFormatSupported))
                .containsExactlyElementsOf(TestPrinter.DOCUMENT_FORMATS);
        assertThat(response.getValue(Tag.printerAttributes, Types.pagesPerMinute)).isEqualTo(TestPrinter.FAST_PAGES_PER_MINUTE);

        // One media-col per media-supported, sized in hundredths of millimetres (PWG 5100.7).
        List<MediaColDatabase> media = response.getValues(Tag.printerAttributes, Types.mediaColDatabase);
        assertThat(media).extracting(col -> col.getMediaSize().getXDimension().getStart() + "x"
                + col.getMediaSize().getYDimension().getStart()).containsExactly("21000x29700", "21590x27940");

        List<KeyValues> supplies = response.getValues(Tag.printerAttributes, Types.printerSupply);
        assertThat(supplies).hasSize(1);
        assertThat(supplies.get(0)).containsEntry("type", "toner").containsEntry("level", String.valueOf(TestPrinter.TONER_LEVEL))
                .containsEntry("colorantname", "#000000");
        assertThat(response.getValues(Tag.printerAttributes, ExtraTypes.markerLevels)).containsExactly(TestPrinter.TONER_LEVEL);
        assertThat(response.getStrings(Tag.printerAttributes, ExtraTypes.markerNames)).containsExactly("Black Toner");

        assertThat(response.getStrings(Tag.printerAttributes, Types.printerFirmwareName)).containsExactly(TestPrinter.FIRMWARE_NAME);
        assertThat(response.getStrings(Tag.printerAttributes, Types.printerFirmwareStringVersion))
                .containsExactly(TestPrinter.FIRMWARE_VERSION);
        assertThat(response.getValue(Tag.printerAttributes, Types.printerState)).isEqualTo(PrinterState.idle);
        assertThat(response.getStrings(Tag.printerAttributes, Types.printerStateReasons)).containsExactly("none");
        assertThat(response.getValue(Tag.printerAttributes, Types.printerIsAcceptingJobs)).isTrue();
    }

    @Test
    void requestedAttributesLimitsTheAnswerToTheNamedAttributes() throws IOException {
        sim.start(TestPrinter.named(NAME));

        IppPacket response = sim.ipp(NAME).getPrinterAttributes("printer-name", "printer-state", "marker-levels");

        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(response.get(Tag.printerAttributes)).extracting(Attribute::getName)
                .containsExactlyInAnyOrder("printer-name", "printer-state", "marker-levels");
    }
}
