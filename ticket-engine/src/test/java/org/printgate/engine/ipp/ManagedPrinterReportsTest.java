package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.store.DeviceReport;
import org.printgate.ipp.IppClient;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.sim.Simulator;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;

/**
 * A real simulated printer managed by a real engine (docs/firmware.md §2 step 600): it reports
 * its firmware and state at start with its device credential; operators see the report and that
 * the queue is managed in Get-Printer-Attributes and on the console; the engine keeps the report
 * across its restart, with the printer gone meanwhile.
 */
class ManagedPrinterReportsTest {
    private static final String DEVICE_TOKEN = "office-color-device-token";
    private static final UUID PRINTER_UUID = UUID.fromString("3a6f0c1e-8b2d-4e57-9a10-c4d5e6f70812");

    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(ManagedPrinterReportsTest::config);
    private Simulator simulator;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  # Raw devices without SNMP are not watched: what the queues show of firmware is the report's.
                  - {name: office-color, device-uri: "socket://127.0.0.1:9"}
                  - {name: lobby, device-uri: "socket://127.0.0.1:19"}
                credentials:
                  - {name: dev-office-color, role: device, token-sha256: %s, queue: office-color, output-device-uuid: "urn:uuid:%s"}
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: olga, role: operator, password-pbkdf2: "%s"}
                """.formatted(Authenticator.sha256Hex(DEVICE_TOKEN), PRINTER_UUID, Authenticator.sha256Hex("ann"),
                Authenticator.hashPassword("olga-secret".toCharArray(), 1000)));
    }

    @AfterEach
    void stopPrinter() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aManagedPrinterReportsAtStartAndTheEngineKeepsAndShowsItAcrossARestart() throws Exception {
        simulator = Simulator.start(Profile.read(new ByteArrayInputStream(("""
                printers:
                  - printer-name: office-color
                    printer-make-and-model: Printgate Sim ColorJet 300
                    document-format-supported: [application/pdf]
                    pages-per-minute: 600
                    media-supported: [iso_a4_210x297mm]
                    media-default: iso_a4_210x297mm
                    printer-firmware-name: ColorJet Firmware
                    printer-firmware-string-version: "3.1.4"
                    memory-bytes: 1048576
                    trays:
                      - {name: Tray 1, media-source: tray-1, media: iso_a4_210x297mm, max-capacity: 500, level: 300}
                    supplies:
                      - {description: Black Toner, color: "#000000", kind: toner, level: 80, pages-per-percent: 50}
                    printer-uuid: "urn:uuid:%s"
                    engine-uri: "ipp://127.0.0.1:%d/ipp/print/office-color"
                    device-token: %s
                """).formatted(PRINTER_UUID, engine.get().port(), DEVICE_TOKEN).getBytes(StandardCharsets.UTF_8))).onFreePorts(), null);

        Await.until(Duration.ofSeconds(20), () -> engine.get().deviceReport("office-color").isPresent(),
                () -> "a report from office-color: " + simulator.deviceReports().progress("office-color"));
        assertReported(engine.get().deviceReport("office-color").orElseThrow());
        assertOperatorsSeeIt();

        // The printer goes away and the engine restarts: the report is the store's, not a new one.
        simulator.close();
        simulator = null;
        engine.restartOnTheSamePort();
        assertReported(engine.get().deviceReport("office-color").orElseThrow());
        assertOperatorsSeeIt();
    }

    private static void assertReported(DeviceReport report) {
        assertThat(report.outputDevice()).isEqualTo(PRINTER_UUID);
        assertThat(report.firmwareNames()).containsExactly("ColorJet Firmware");
        assertThat(report.firmwareStringVersions()).containsExactly("3.1.4");
        assertThat(report.firmwareVersions()).containsExactly(new byte[] {3, 1, 4});
        assertThat(report.makeAndModel()).isEqualTo("Printgate Sim ColorJet 300");
        assertThat(report.printerState()).isEqualTo(3);
        assertThat(report.stateReasons()).containsExactly("none");
    }

    /** Get-Printer-Attributes for operators (not for spoolers) and the console's pages. */
    private void assertOperatorsSeeIt() throws Exception {
        IppClient operator = new IppClient().withAuthorization("Basic "
                + Base64.getEncoder().encodeToString("olga:olga-secret".getBytes(StandardCharsets.UTF_8)));
        IppPacket office = getPrinterAttributes(operator, "office-color");
        assertThat(office.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(office.getValue(Tag.printerAttributes, PrintgateTypes.firmwareManaged)).isTrue();
        assertThat(office.getStrings(Tag.printerAttributes, Types.printerFirmwareName)).containsExactly("ColorJet Firmware");
        assertThat(office.getStrings(Tag.printerAttributes, Types.printerFirmwareStringVersion)).containsExactly("3.1.4");
        assertThat(office.getValues(Tag.printerAttributes, Types.printerFirmwareVersion)).containsExactly(new byte[] {3, 1, 4});
        IppPacket lobby = getPrinterAttributes(operator, "lobby");
        assertThat(lobby.getValue(Tag.printerAttributes, PrintgateTypes.firmwareManaged)).isFalse();
        assertThat(lobby.getStrings(Tag.printerAttributes, Types.printerFirmwareName)).isEmpty();
        IppPacket spooler = getPrinterAttributes(new IppClient().withAuthorization("Bearer ann"), "office-color");
        assertThat(spooler.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(spooler.get(Tag.printerAttributes).get(PrintgateTypes.firmwareManaged.getName())).isNull();

        String cookie = signIn();
        String page = console(cookie, "/printers/office-color");
        assertThat(page).contains("id=\"printer-firmware\">ColorJet Firmware 3.1.4<")
                .contains("id=\"printer-managed\">managed: the printer reports")
                .containsPattern("id=\"printer-device-report\">idle, reported 20\\d\\d-");
        assertThat(console(cookie, "/printers/lobby")).contains("id=\"printer-managed\">not managed")
                .doesNotContain("printer-device-report");
        assertThat(console(cookie, "/printers")).contains("ColorJet Firmware 3.1.4 <span class=\"managed\">(managed)</span>");
    }

    private IppPacket getPrinterAttributes(IppClient client, String queue) throws Exception {
        URI uri = URI.create("ipp://127.0.0.1:" + engine.get().port() + "/ipp/print/" + queue);
        return client.send(uri, new IppPacket(0x0200, Operation.getPrinterAttributes.getCode(), 1,
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri))));
    }

    /** Signs olga in to the console as a browser does; returns the session cookie. */
    private String signIn() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(consoleUri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=olga&password=olga-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("olga's login").isEqualTo(303);
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private String console(String cookie, String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(consoleUri(path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.body();
    }

    private URI consoleUri(String path) {
        return URI.create("http://127.0.0.1:" + engine.get().port() + "/console" + path);
    }
}
