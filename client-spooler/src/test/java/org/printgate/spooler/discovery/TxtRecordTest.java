package org.printgate.spooler.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.ExtraTypes;
import org.printgate.spooler.local.LocalPrinter;

class TxtRecordTest {
    private static final int PORT = 8631;

    private static LocalPrinter printer(String name, boolean up, boolean accepting, List<Attribute<?>> capabilities) {
        return new LocalPrinter(name, URI.create("ipp://192.0.2.7/ipp/print"), null, up, List.of(), accepting,
                "2nd floor", capabilities);
    }

    private static LocalPrinter colorDuplexPrinter() {
        return printer("office-color", true, true, List.of(
                Types.documentFormatSupported.of("application/octet-stream", "image/jpeg", "application/pdf", "image/pwg-raster"),
                Types.printerMakeAndModel.of("Example Color 500"),
                ExtraTypes.urfSupported.of("V1.4", "CP1", "RS300", "W8", "SRGB24", "DM1"),
                Types.colorSupported.of(true),
                Types.sidesSupported.of("one-sided", "two-sided-long-edge", "two-sided-short-edge")));
    }

    @Test
    void carriesTheIppEverywhereKeysOfTheLocalPrinter() {
        LocalPrinter printer = colorDuplexPrinter();
        TxtRecord txt = TxtRecord.of(printer, PORT);

        assertThat(txt.get("txtvers")).isEqualTo("1");
        assertThat(txt.get("qtotal")).isEqualTo("1");
        assertThat(txt.get("rp")).isEqualTo("printers/office-color");
        assertThat(txt.get("ty")).isEqualTo("Example Color 500");
        assertThat(txt.get("product")).isEqualTo("(Example Color 500)");
        assertThat(txt.get("adminurl")).isEqualTo("http://127.0.0.1:8631/");
        assertThat(txt.get("note")).isEqualTo("2nd floor");
        // The formats a client looks for come first; octet-stream is no format.
        assertThat(txt.get("pdl")).isEqualTo("application/pdf,image/pwg-raster,image/jpeg");
        assertThat(txt.get("URF")).isEqualTo("V1.4,CP1,RS300,W8,SRGB24,DM1");
        assertThat(txt.get("Color")).isEqualTo("T");
        assertThat(txt.get("Duplex")).isEqualTo("T");
        assertThat(txt.get("UUID")).isEqualTo(printer.uuid().toString().substring("urn:uuid:".length()))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(txt.get("kind")).isEqualTo("document");
        assertThat(txt.get("air")).isEqualTo("none");
        assertThat(txt.get("printer-state")).isEqualTo("3");
        // remote, colour, duplex, copies (the defaults give copies-supported).
        assertThat(txt.get("printer-type")).isEqualTo("0x5A");
        assertThat(txt.asMap()).doesNotContainKey("mopria-certified");
    }

    @Test
    void saysWhatAMonochromeSimplexPrinterLacks() {
        TxtRecord txt = TxtRecord.of(printer("laser", true, true, List.of(
                Types.documentFormatSupported.of("application/postscript", "application/pdf"),
                Types.colorSupported.of(false), Types.sidesSupported.of("one-sided"))), PORT);

        assertThat(txt.get("Color")).isEqualTo("F");
        assertThat(txt.get("Duplex")).isEqualTo("F");
        assertThat(txt.get("URF")).isEqualTo("none");
        assertThat(txt.get("pdl")).isEqualTo("application/pdf,application/postscript");
        assertThat(txt.get("printer-type")).isEqualTo("0x46");
    }

    @Test
    void showsAStoppedPrinterAndAQueueRefusingJobs() {
        TxtRecord txt = TxtRecord.of(printer("laser", false, false, List.of()), PORT);

        assertThat(txt.get("printer-state")).isEqualTo("5");
        assertThat(Integer.decode(txt.get("printer-type")) & 0x80000).as("rejecting-jobs bit").isEqualTo(0x80000);
    }

    @Test
    void changesWhenThePrinterDoes() {
        LocalPrinter printer = colorDuplexPrinter();

        assertThat(TxtRecord.of(printer, PORT)).isEqualTo(TxtRecord.of(printer, PORT));
        assertThat(TxtRecord.of(printer.withState(false, List.of("media-jam")), PORT)).isNotEqualTo(TxtRecord.of(printer, PORT));
    }

    @Test
    void keepsEveryEntryWithin255BytesCuttingPdlAtAComma() {
        List<String> formats = new ArrayList<>(List.of("application/vnd.example-format-with-a-long-name-0"));
        for (int i = 1; i < 12; i++) {
            formats.add("application/vnd.example-format-with-a-long-name-" + i);
        }
        formats.add("image/pwg-raster");
        String model = "Ünïcødé ".repeat(40);
        TxtRecord txt = TxtRecord.of(printer("long", true, true, List.of(
                Types.documentFormatSupported.of(formats), Types.printerMakeAndModel.of(model))), PORT);

        assertThat(txt.bytes()).allSatisfy(entry -> assertThat(entry.length).isLessThanOrEqualTo(TxtRecord.MAX_ENTRY_BYTES));
        assertThat(txt.get("pdl")).startsWith("image/pwg-raster,").doesNotEndWith(",");
        assertThat(formats).contains(txt.get("pdl").substring(txt.get("pdl").lastIndexOf(',') + 1));
        // Cut on a character boundary: the value decodes back to a prefix of the model.
        assertThat(model).startsWith(txt.get("ty"));
        assertThat(new String(("ty=" + txt.get("ty")).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain("\uFFFD");
    }

    @Test
    void namesTheServiceAfterThePrinterAndNumbersItAfterAClash() {
        PrinterService service = PrinterService.of(colorDuplexPrinter(), PORT);

        assertThat(service.name()).isEqualTo("office-color (Printgate)");
        assertThat(service.nameForAttempt(1)).isEqualTo("office-color (Printgate)");
        assertThat(service.nameForAttempt(2)).isEqualTo("office-color (Printgate) (2)");
        String longQueue = "q".repeat(80);
        PrinterService longOne = PrinterService.of(printer(longQueue, true, true, List.of()), PORT);
        assertThat(longOne.name()).endsWith(" (Printgate)").hasSize(PrinterService.MAX_NAME_BYTES);
        assertThat(longOne.nameForAttempt(12)).endsWith(" (12)").hasSize(PrinterService.MAX_NAME_BYTES);
    }
}
