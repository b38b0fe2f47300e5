package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppServer;
import org.printgate.ipp.IppService;
import org.printgate.ipp.Target;
import org.printgate.sim.ipp.DeviceReports;
import org.printgate.testing.Await;

/**
 * A managed simulated printer (docs/firmware.md §1, §3.1) reports its firmware and state to its
 * engine over real IPP: at start, again after a change, and over and over while the engine is
 * away, without keeping the printer from starting. The engine here is a real IPP server that
 * takes every report and keeps it with the Authorization it came with.
 */
class ManagedPrinterReportsTest {
    private static final String NAME = "managed";
    private static final UUID UUID_IN_PROFILE = UUID.fromString("6f1c8a52-3d0e-4b7a-9c55-0a1b2c3d4e5f");
    private static final String TOKEN = "device-secret-for-managed";

    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();
    private IppServer engine;

    /** A report as the engine received it. */
    private record Received(String authorization, IppPacket packet) {
        AttributeGroup printer() {
            return packet.get(Tag.printerAttributes);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void reportsAtStartTryingAgainUntilItsEngineAnswers() throws Exception {
        int port = freePort();
        URI queue = URI.create("ipp://127.0.0.1:" + port + "/ipp/print/bench");
        sim.start(TestPrinter.named(NAME).with("printer-uuid", "\"urn:uuid:" + UUID_IN_PROFILE + "\"")
                .with("engine-uri", queue.toString()).with("device-token", TOKEN));

        // Nobody listens there yet: the report fails, and the printer is up and answering all the same.
        Await.until(Duration.ofSeconds(10), () -> progress().attempts() >= 1 && !progress().lastProblem().isEmpty(),
                () -> "a failed report, so far " + progress());
        assertThat(sim.ipp(NAME).getPrinterAttributes("printer-state").getStatus()).isEqualTo(Status.successfulOk);
        assertThat(received).isEmpty();

        // The engine comes: the next try (1 s, then 2 s, 4 s... after the first) reaches it.
        engine = startEngineOn(port);
        Await.until(Duration.ofSeconds(20), () -> !received.isEmpty(), () -> "a report, so far " + progress());
        Received report = received.get(0);
        assertThat(report.authorization()).isEqualTo("Bearer " + TOKEN);
        IppPacket packet = report.packet();
        assertThat(packet.getCode()).isEqualTo(Operation.updateOutputDeviceAttributes.getCode());
        assertThat(packet.getValue(Tag.operationAttributes, Types.printerUri)).isEqualTo(queue);
        assertThat(packet.getValue(Tag.operationAttributes, Types.outputDeviceUuid))
                .isEqualTo(URI.create("urn:uuid:" + UUID_IN_PROFILE));
        assertThat(packet.getStrings(Tag.printerAttributes, Types.printerFirmwareName)).containsExactly(TestPrinter.FIRMWARE_NAME);
        assertThat(packet.getStrings(Tag.printerAttributes, Types.printerFirmwareStringVersion))
                .containsExactly(TestPrinter.FIRMWARE_VERSION);
        assertThat(packet.getValues(Tag.printerAttributes, Types.printerFirmwareVersion))
                .containsExactly(new byte[] {2, 7, 1});
        assertThat(packet.getString(Tag.printerAttributes, Types.printerMakeAndModel)).isEqualTo("Printgate Sim Bench 1");
        assertThat(packet.getValue(Tag.printerAttributes, Types.printerState)).isEqualTo(PrinterState.idle);
        assertThat(packet.getStrings(Tag.printerAttributes, Types.printerStateReasons)).containsExactly("none");
        Await.until(Duration.ofSeconds(5), () -> progress().accepted() >= 1, () -> "accepted: " + progress());

        // A change of state is reported too: an operator pauses the printer.
        sim.printer(NAME).pause();
        Await.until(Duration.ofSeconds(10), () -> received.size() >= 2, () -> "a second report, so far " + progress());
        IppPacket paused = received.get(received.size() - 1).packet();
        assertThat(paused.getValue(Tag.printerAttributes, Types.printerState)).isEqualTo(PrinterState.stopped);
        assertThat(paused.getStrings(Tag.printerAttributes, Types.printerStateReasons)).contains("paused");
    }

    @Test
    void printerUuidComesFromTheProfileAndTheFirmwareVersionHasAnOctetPerComponent() throws Exception {
        sim.start(TestPrinter.named(NAME).with("printer-uuid", "\"urn:uuid:" + UUID_IN_PROFILE + "\""),
                TestPrinter.named("unmanaged"));
        IppPacket response = sim.ipp(NAME).getPrinterAttributes("printer-uuid", "printer-firmware-version",
                "printer-firmware-string-version");
        assertThat(response.getValue(Tag.printerAttributes, Types.printerUuid)).isEqualTo(URI.create("urn:uuid:" + UUID_IN_PROFILE));
        // "2.7.1" is 02 07 01 (PWG 5100.13 printer-firmware-version), the text stays in the string version.
        assertThat(response.getValues(Tag.printerAttributes, Types.printerFirmwareVersion)).containsExactly(new byte[] {2, 7, 1});
        assertThat(response.getStrings(Tag.printerAttributes, Types.printerFirmwareStringVersion))
                .containsExactly(TestPrinter.FIRMWARE_VERSION);
        // Without one in the profile it is derived from the name: the same after a restart.
        assertThat(sim.printer("unmanaged").uuid())
                .isEqualTo(UUID.nameUUIDFromBytes("printgate-sim:unmanaged".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(sim.simulator().deviceReports().progress("unmanaged")).isEmpty();
    }

    private DeviceReports.Progress progress() {
        return sim.simulator().deviceReports().progress(NAME).orElseThrow();
    }

    /** A port nothing listens on now (the engine comes there later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** An engine that takes every Update-Output-Device-Attributes and keeps it. */
    private IppServer startEngineOn(int port) {
        IppService service = new IppService() {
            @Override
            public Object authenticate(org.printgate.ipp.Caller caller) {
                return caller.authorization();
            }

            @Override
            public Set<Integer> supportedOperations() {
                return Set.of(Operation.updateOutputDeviceAttributes.getCode());
            }

            @Override
            public Target resolve(org.printgate.ipp.IppRequest request) {
                return new Target() {
                    @Override
                    public boolean supports(int code) {
                        return true;
                    }

                    @Override
                    public void dispatch(org.printgate.ipp.IppRequest request, org.printgate.ipp.IppResponse response) {
                        received.add(new Received(request.principal(), request.packet()));
                    }
                };
            }

            @Override
            public Optional<HttpResource> httpGet(String path, org.printgate.ipp.Caller caller) {
                return Optional.empty();
            }
        };
        return IppServer.builder(service).listen("127.0.0.1", port).build().start();
    }
}
