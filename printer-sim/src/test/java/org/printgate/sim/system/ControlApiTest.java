package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.sim.printer.SimPrinter;

/** The HTTP control API: what it lists, and how it answers requests it cannot carry out. */
class ControlApiTest {
    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void getPrintersListsEveryPrinterWithItsPortsAndState() throws IOException {
        startTwoPrinters();
        sim.control().fault("back-office", "{\"type\": \"jam\"}");

        HttpResponse<String> response = sim.control().get("/printers");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode printers = ControlApiClient.json(response);
        assertThat(printers).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SimPrinter printer = sim.simulator().printer(i);
            JsonNode described = printers.get(i);
            assertThat(described.get("name").asText()).isEqualTo(printer.name());
            assertThat(described.get("ipp-uri").asText()).isEqualTo(sim.simulator().ippUri(printer).toString());
            assertThat(described.get("ipp-port").asInt()).isEqualTo(sim.simulator().ippPort(printer)).isPositive();
            assertThat(described.get("raw-port").asInt()).isEqualTo(sim.simulator().rawPort(printer)).isPositive();
            assertThat(described.get("snmp-port").asInt()).isEqualTo(sim.simulator().snmpPort(printer)).isPositive();
            assertThat(described.get("online").asBoolean()).isTrue();
            assertThat(described.get("tray-levels").get(0).asInt()).isEqualTo(TestPrinter.TRAY_LEVEL);
            assertThat(described.get("supply-levels").get(0).asInt()).isEqualTo(TestPrinter.TONER_LEVEL);
            assertThat(described.get("memory-in-use").asLong()).isZero();
        }
        assertThat(printers.get(0).get("printer-state").asInt()).isEqualTo(3);
        assertThat(strings(printers.get(0).get("printer-state-reasons"))).containsExactly("none");
        assertThat(printers.get(1).get("printer-state").asInt()).isEqualTo(5);
        assertThat(strings(printers.get(1).get("printer-state-reasons"))).containsExactly("media-jam");
    }

    @Test
    void aFaultThatCannotBeReadIsABadRequestAndChangesNothing() throws IOException {
        startTwoPrinters();

        for (String bad : List.of("{\"type\": \"explode\"}", "{\"kind\": \"jam\"}", "{}", "not json", "",
                "{\"type\": \"jam\", \"at-page\": \"third\"}")) {
            HttpResponse<String> response = sim.control().post("/printers/front-desk/faults", bad);
            assertThat(response.statusCode()).as("POST %s", bad).isEqualTo(400);
            assertThat(ControlApiClient.json(response).get("error").asText()).as("POST %s", bad).isNotEmpty();
        }
        assertThat(sim.control().delete("/printers/front-desk/faults/explode").statusCode()).isEqualTo(400);

        JsonNode described = sim.control().printer("front-desk");
        assertThat(described.get("printer-state").asInt()).isEqualTo(3);
        assertThat(strings(described.get("printer-state-reasons"))).containsExactly("none");
    }

    @Test
    void anUnknownPrinterIsNotFound() throws IOException {
        startTwoPrinters();

        assertThat(sim.control().get("/printers/no-such-printer").statusCode()).isEqualTo(404);
        assertThat(sim.control().post("/printers/no-such-printer/faults", "{\"type\": \"jam\"}").statusCode()).isEqualTo(404);
        assertThat(sim.control().delete("/printers/no-such-printer/faults/jam").statusCode()).isEqualTo(404);
        assertThat(sim.control().delete("/printers/no-such-printer/faults").statusCode()).isEqualTo(404);
        assertThat(sim.control().get("/no-such-resource").statusCode()).isEqualTo(404);
    }

    private void startTwoPrinters() throws IOException {
        sim.start(TestPrinter.named("front-desk"), TestPrinter.named("back-office"));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
