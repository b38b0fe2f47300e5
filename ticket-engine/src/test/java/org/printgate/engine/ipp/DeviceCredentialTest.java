package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Name;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.encoding.Text;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.store.DeviceReport;
import org.printgate.ipp.IppClient;
import org.slf4j.LoggerFactory;

/**
 * A device credential over real IPP (docs/firmware.md §1, §3.1): it reports its printer's
 * firmware and state with Update-Output-Device-Attributes on its own queue, as its own uuid, and
 * may do nothing else; no other role may report; a malformed report is refused, logged, and
 * changes nothing.
 */
class DeviceCredentialTest {
    static final String DEVICE_TOKEN = "office-color-device-token";
    static final String SPOOLER_TOKEN = "ann-workstation-token";
    static final UUID PRINTER_UUID = UUID.fromString("0b7c2a9e-5f41-4d3c-8e2a-6c1d9f0e7a31");

    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(DeviceCredentialTest::config);

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  # Raw devices without SNMP are not watched: what the queues show of firmware is the reports'.
                  - {name: office-color, device-uri: "socket://127.0.0.1:9"}
                  - {name: lobby, device-uri: "socket://127.0.0.1:19"}
                credentials:
                  - {name: dev-office-color, role: device, token-sha256: %s, queue: office-color, output-device-uuid: "urn:uuid:%s"}
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: admin, role: operator, password-sha256: %s, identities: ["*"]}
                """.formatted(Authenticator.sha256Hex(DEVICE_TOKEN), PRINTER_UUID, Authenticator.sha256Hex(SPOOLER_TOKEN),
                Authenticator.sha256Hex("secret")));
    }

    private IppClient device() {
        return new IppClient().withAuthorization("Bearer " + DEVICE_TOKEN);
    }

    private IppClient spooler() {
        return new IppClient().withAuthorization("Bearer " + SPOOLER_TOKEN);
    }

    private IppClient operator() {
        return new IppClient().withAuthorization("Basic "
                + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeviceReportsItsPrinterOnItsQueueAndEachPartKeepsItsLastValue() throws Exception {
        IppPacket answer = report(device(), "office-color", ownUuid(), firmware("ColorJet Firmware", "3.1.4", 3, 1, 4),
                List.of(Types.printerMakeAndModel.of("Printgate Sim ColorJet 300"), Types.printerState.of(PrinterState.idle),
                        Types.printerStateReasons.of("none"), Types.printerStateMessage.of("idle")));
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        DeviceReport kept = engine.get().deviceReport("office-color").orElseThrow();
        assertThat(kept.firmwareNames()).containsExactly("ColorJet Firmware");
        assertThat(kept.firmwareStringVersions()).containsExactly("3.1.4");
        assertThat(kept.firmwareVersions()).containsExactly(new byte[] {3, 1, 4});
        assertThat(kept.makeAndModel()).isEqualTo("Printgate Sim ColorJet 300");
        assertThat(kept.printerState()).isEqualTo(3);

        // A report of its state alone (INFRA lets a device send what changed) keeps the firmware.
        assertThat(report(device(), "office-color", ownUuid(), List.of(), List.of(Types.printerState.of(PrinterState.stopped),
                Types.printerStateReasons.of("paused"))).getStatus()).isEqualTo(Status.successfulOk);
        kept = engine.get().deviceReport("office-color").orElseThrow();
        assertThat(kept.firmwareStringVersions()).containsExactly("3.1.4");
        assertThat(kept.printerState()).isEqualTo(5);
        assertThat(kept.stateReasons()).containsExactly("paused");

        // What the engine does not keep comes back as unsupported; the rest is taken.
        IppPacket partly = report(device(), "office-color", ownUuid(), firmware("ColorJet Firmware", "3.2.0", 3, 2, 0),
                List.of(Types.printerLocation.of("Room 204")));
        assertThat(partly.getStatus()).isEqualTo(Status.successfulOkIgnoredOrSubstitutedAttributes);
        assertThat(partly.get(Tag.unsupportedAttributes).get(Types.printerLocation.getName())).isNotNull();
        assertThat(engine.get().deviceReport("office-color").orElseThrow().firmwareStringVersions()).containsExactly("3.2.0");
        assertThat(engine.get().managed("office-color")).isTrue();
        assertThat(engine.get().managed("lobby")).isFalse();
    }

    @Test
    void aDeviceCredentialMayDoNothingElseNorReportForAnotherQueueOrDevice() throws Exception {
        URI office = queueUri("office-color");
        // Any other operation, on its own queue, the system or a job: client-error-forbidden.
        assertThat(device().send(office, request(Operation.getPrinterAttributes, office)).getStatus())
                .isEqualTo(Status.clientErrorForbidden);
        assertThat(device().send(office, request(Operation.createJob, office, Types.requestingUserName.of("ann@corp")))
                .getStatus()).isEqualTo(Status.clientErrorForbidden);
        assertThat(device().send(office, request(Operation.getJobs, office)).getStatus()).isEqualTo(Status.clientErrorForbidden);
        URI system = engine.systemUri();
        assertThat(device().send(system, request(Operation.getPrinters, null, Types.systemUri.of(system))).getStatus())
                .isEqualTo(Status.clientErrorForbidden);
        assertThat(device().send(office, request(Operation.cancelJob, office, Types.jobId.of(1))).getStatus())
                .isEqualTo(Status.clientErrorForbidden);

        // A report for a queue it is not bound to, existing or not, or as another device.
        List<Attribute<?>> good = firmware("ColorJet Firmware", "3.1.4", 3, 1, 4);
        assertThat(report(device(), "lobby", ownUuid(), good, List.of()).getStatus()).isEqualTo(Status.clientErrorForbidden);
        assertThat(report(device(), "nowhere", ownUuid(), good, List.of()).getStatus()).isEqualTo(Status.clientErrorForbidden);
        assertThat(report(device(), "office-color", URI.create("urn:uuid:" + UUID.randomUUID()), good, List.of()).getStatus())
                .isEqualTo(Status.clientErrorForbidden);
        assertThat(engine.get().deviceReports().last("office-color")).isEmpty();
        assertThat(engine.get().deviceReports().last("lobby")).isEmpty();

        // The uuid's case does not matter (RFC 4122 §3).
        assertThat(report(device(), "office-color", URI.create("urn:uuid:" + PRINTER_UUID.toString().toUpperCase()), good,
                List.of()).getStatus()).isEqualTo(Status.successfulOk);
    }

    /**
     * A spooler and an operator are refused with client-error-forbidden, as firmware.md §3 says of
     * "a credential of another role": a report is the printer's own word, which later steps act
     * on (an update ends when its printer reports the new version), so nobody may speak for it;
     * no other credential of theirs would be let in either (not-authorized would say otherwise).
     */
    @Test
    void noOtherRoleMayReportForAPrinterNotEvenAnOperator() throws Exception {
        List<Attribute<?>> good = firmware("ColorJet Firmware", "9.9.9", 9, 9, 9);
        assertThat(report(spooler(), "office-color", ownUuid(), good, List.of()).getStatus()).isEqualTo(Status.clientErrorForbidden);
        assertThat(report(operator(), "office-color", ownUuid(), good, List.of()).getStatus()).isEqualTo(Status.clientErrorForbidden);
        assertThat(engine.get().deviceReports().last("office-color")).isEmpty();
    }

    @Test
    void malformedReportsAreRefusedLoggedAndChangeNothing() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(OutputDeviceOperations.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            // No output-device-uuid.
            assertThat(report(device(), "office-color", null, firmware("F", "1.0", 1, 0), List.of()).getStatus())
                    .isEqualTo(Status.clientErrorBadRequest);
            // No printer attributes at all.
            assertThat(device().send(queueUri("office-color"), request(Operation.updateOutputDeviceAttributes,
                    queueUri("office-color"), Types.outputDeviceUuid.of(ownUuid()))).getStatus())
                    .isEqualTo(Status.clientErrorBadRequest);
            // Two names for one version, or names without versions: the components do not line up.
            assertThat(report(device(), "office-color", ownUuid(), List.of(Types.printerFirmwareName.of("Main", "Fax"),
                    Types.printerFirmwareStringVersion.of("1.0"), Types.printerFirmwareVersion.of(new byte[] {1, 0})), List.of())
                    .getStatus()).isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
            assertThat(report(device(), "office-color", ownUuid(), List.of(Types.printerFirmwareName.of("Main")), List.of())
                    .getStatus()).isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
            // Values past their syntax's bound: name(MAX) 255 octets, text(127) for the model.
            assertThat(report(device(), "office-color", ownUuid(), firmware("N".repeat(256), "1.0", 1, 0), List.of()).getStatus())
                    .isEqualTo(Status.clientErrorRequestValueTooLong);
            assertThat(report(device(), "office-color", ownUuid(), List.of(), List.of(Types.printerMakeAndModel.of("M".repeat(128))))
                    .getStatus()).isEqualTo(Status.clientErrorRequestValueTooLong);
            // More components than the engine keeps, and a printer-state that is none.
            List<String> many = Collections.nCopies(OutputDeviceOperations.MAX_COMPONENTS + 1, "x");
            assertThat(report(device(), "office-color", ownUuid(), List.of(
                    Types.printerFirmwareName.of(many.stream().map(Name::new).toList()),
                    Types.printerFirmwareStringVersion.of(many.stream().map(Text::new).toList()),
                    Types.printerFirmwareVersion.of(many.stream().map(x -> new byte[] {1}).toList())), List.of()).getStatus())
                    .isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
            assertThat(report(device(), "office-color", ownUuid(), List.of(), List.of(Types.printerState.of(new PrinterState(9, "nine"))))
                    .getStatus()).isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(engine.get().deviceReports().last("office-color")).isEmpty();
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("report from device dev-office-color refused"))
                .hasSize(8);
    }

    private static URI ownUuid() {
        return URI.create("urn:uuid:" + PRINTER_UUID);
    }

    private URI queueUri(String queue) {
        return URI.create("ipp://127.0.0.1:" + engine.get().port() + "/ipp/print/" + queue);
    }

    /** A printer-firmware-* block of one component. */
    private static List<Attribute<?>> firmware(String name, String version, int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        return List.of(Types.printerFirmwareName.of(name), Types.printerFirmwareStringVersion.of(version),
                Types.printerFirmwareVersion.of(bytes));
    }

    /** Update-Output-Device-Attributes on {@code queue} as {@code uuid} (none when null). */
    private IppPacket report(IppClient client, String queue, URI uuid, List<Attribute<?>> firmware, List<Attribute<?>> more)
            throws Exception {
        URI printer = queueUri(queue);
        List<Attribute<?>> operation = new ArrayList<>();
        if (uuid != null) {
            operation.add(Types.outputDeviceUuid.of(uuid));
        }
        List<Attribute<?>> attributes = new ArrayList<>(firmware);
        attributes.addAll(more);
        IppPacket request = request(Operation.updateOutputDeviceAttributes, printer, operation.toArray(Attribute<?>[]::new));
        List<AttributeGroup> groups = new ArrayList<>(request.getAttributeGroups());
        groups.add(AttributeGroup.groupOf(Tag.printerAttributes, attributes));
        return client.send(printer, new IppPacket(request.getVersionNumber(), request.getCode(), request.getRequestId(), groups));
    }

    private static IppPacket request(Operation operation, URI printerUri, Attribute<?>... more) {
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en")));
        if (printerUri != null) {
            attributes.add(Types.printerUri.of(printerUri));
        }
        attributes.addAll(List.of(more));
        return new IppPacket(0x0200, operation.getCode(), 1, AttributeGroup.groupOf(Tag.operationAttributes, attributes));
    }
}
