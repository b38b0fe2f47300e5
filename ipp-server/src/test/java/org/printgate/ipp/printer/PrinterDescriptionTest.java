package org.printgate.ipp.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Operation;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterDescriptionTest {

    private static PrinterDescription office() {
        return PrinterDescription.of(URI.create("ipp://localhost:631/ipp/print"))
                .name("office")
                .moreInfo(URI.create("http://localhost:631/"))
                .icons(List.of(URI.create("http://localhost:631/icon-48.png")))
                .uuid(URI.create("urn:uuid:6a4b2a1c-0000-0000-0000-000000000001"))
                .dnsSdName("office")
                .operations(List.of(Operation.printJob))
                .jobCreationAttributes(List.of("copies"));
    }

    @Test
    void answersTheIdentityAndProtocolOfAnIppEverywherePrinter() {
        List<Attribute<?>> attributes = office().attributes();

        assertThat(attributes).extracting(Attribute::getName)
                .startsWith("printer-uri-supported", "uri-security-supported", "uri-authentication-supported", "printer-name")
                .contains("ipp-features-supported", "operations-supported", "compression-supported",
                        "job-creation-attributes-supported")
                .doesNotContain("printer-make-and-model", "printer-device-id", "document-format-supported")
                .doesNotHaveDuplicates();
        assertThat(attributes).filteredOn(a -> a.getName().equals("compression-supported")).singleElement()
                .satisfies(a -> assertThat(a.strings()).containsExactly("none"));
    }

    @Test
    void saysMakeModelDeviceIdAndFormatsOnlyWhenGiven() {
        List<String> names = office().makeAndModel("Acme Laser 1").deviceId("MFG:Acme;MDL:Laser 1;")
                .documentFormats(List.of("application/pdf")).attributes().stream().map(Attribute::getName).toList();

        assertThat(names).containsSubsequence("printer-location", "printer-make-and-model", "printer-more-info",
                "printer-icons", "printer-uuid", "printer-device-id", "printer-dns-sd-name");
        assertThat(names).containsSubsequence("document-format-default", "document-format-supported", "compression-supported");
    }
}
