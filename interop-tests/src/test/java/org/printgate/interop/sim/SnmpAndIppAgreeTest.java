package org.printgate.interop.sim;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.NetSnmp;
import org.printgate.ipp.IppClient;
import org.printgate.sim.printer.SimPrinter;

/**
 * net-snmp's snmpwalk reads the Printer MIB of a simulated printer, and a jam set over the
 * control API shows at once in hrPrinterDetectedErrorState and in IPP printer-state-reasons.
 */
class SnmpAndIppAgreeTest {
    private static final String PRINTMIB = "1.3.6.1.2.1.43";
    private static final String HR_PRINTER_STATUS = ".1.3.6.1.2.1.25.3.5.1.1.1";
    private static final String HR_PRINTER_DETECTED_ERROR_STATE = ".1.3.6.1.2.1.25.3.5.1.2.1";
    private static final String PRT_MARKER_LIFE_COUNT = ".1.3.6.1.2.1.43.10.2.1.4.1.1";
    private static final String PRT_MARKER_SUPPLIES_DESCRIPTION = ".1.3.6.1.2.1.43.11.1.1.6.1.1";
    private static final String PRT_MARKER_SUPPLIES_LEVEL = ".1.3.6.1.2.1.43.11.1.1.9.1.1";
    private static final String PRT_INPUT_CURRENT_LEVEL = ".1.3.6.1.2.1.43.8.2.1.10.1.1";

    @RegisterExtension
    static final DemoPrinters demo = DemoPrinters.atSpeed(1);

    @Test
    void snmpwalkShowsThePrinterMib() {
        SimPrinter printer = demo.printer("office-color");
        Map<String, NetSnmp.Value> mib = NetSnmp.walk(snmpAddress(printer), PRINTMIB);
        assertThat(mib.get(PRT_MARKER_SUPPLIES_DESCRIPTION).text()).isEqualTo("Black Toner");
        assertThat(mib.get(PRT_MARKER_SUPPLIES_LEVEL).asLong()).isEqualTo(printer.hardware().supplyLevels()[0]);
        assertThat(mib.get(PRT_INPUT_CURRENT_LEVEL).asLong()).isEqualTo(printer.hardware().trayLevels()[0]);
        assertThat(mib.get(PRT_MARKER_LIFE_COUNT).asLong()).isEqualTo(printer.hardware().pageCount());
    }

    @Test
    void aJamSetOverTheControlApiShowsInSnmpAndIppAtOnce() throws Exception {
        SimPrinter printer = demo.printer("laser-ps");
        assertThat(errorState(printer)[0] & 0x04).as("jammed bit before").isZero();
        assertThat(ippReasons(printer)).containsExactly("none");

        control("POST", "/printers/laser-ps/faults", "{\"type\":\"jam\"}");
        assertThat(errorState(printer)[0] & 0x04).as("hrPrinterDetectedErrorState jammed bit").isNotZero();
        assertThat(NetSnmp.get(snmpAddress(printer), HR_PRINTER_STATUS).orElseThrow().asLong()).as("hrPrinterStatus other").isEqualTo(1);
        assertThat(ippReasons(printer)).contains("media-jam");

        control("DELETE", "/printers/laser-ps/faults/jam", null);
        assertThat(errorState(printer)[0] & 0x04).as("jammed bit after clearing").isZero();
        assertThat(ippReasons(printer)).containsExactly("none");
    }

    private static String snmpAddress(SimPrinter printer) {
        return demo.simulator().host() + ":" + demo.simulator().snmpPort(printer);
    }

    private static byte[] errorState(SimPrinter printer) {
        return NetSnmp.get(snmpAddress(printer), HR_PRINTER_DETECTED_ERROR_STATE).orElseThrow().bytes();
    }

    private static List<String> ippReasons(SimPrinter printer) throws Exception {
        URI uri = demo.simulator().ippUri(printer);
        IppPacket response = new IppClient().send(uri, new IppPacket(Operation.getPrinterAttributes, 1,
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri),
                        Types.requestedAttributes.of("printer-state-reasons"))));
        return response.getStrings(Tag.printerAttributes, Types.printerStateReasons);
    }

    private static void control(String method, String path, String json) throws Exception {
        URI uri = URI.create("http://" + demo.simulator().host() + ":" + demo.simulator().controlPort() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
