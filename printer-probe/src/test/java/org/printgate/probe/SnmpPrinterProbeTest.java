package org.printgate.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.DatagramSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;

/**
 * hrPrinterDetectedErrorState decoding (RFC 2790: bit 0 is the most significant bit of the first
 * octet) and the SNMP probe against a simulated printer's agent.
 */
class SnmpPrinterProbeTest {
    private ExecutorService pool;
    private SnmpPrinterProbe probe;

    @BeforeEach
    void openSession() throws Exception {
        pool = Executors.newCachedThreadPool();
        probe = new SnmpPrinterProbe(Duration.ofSeconds(1), pool);
    }

    @AfterEach
    void closeSession() throws Exception {
        probe.close();
        pool.shutdownNow();
    }

    @Test
    void bitZeroIsTheMostSignificantBitOfTheFirstOctet() {
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {(byte) 0x80})).containsExactly("media-low-warning");
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {0x04, 0x00})).containsExactly("media-jam-error");
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {0x02})).containsExactly("offline-error");
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {0x00, 0x00})).isEmpty();
    }

    @Test
    void decodesEveryBitOfTheSecondOctet() {
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {0x00, (byte) 0xFE})).containsExactly(
                "input-tray-missing-error", "output-tray-missing-error", "marker-supply-missing-error",
                "output-area-almost-full-warning", "output-area-full-error", "media-empty-warning", "other-warning");
        // Bit 15 is not defined by RFC 2790.
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {0x00, 0x01})).isEmpty();
    }

    @Test
    void decodesEveryBitOfTheFirstOctet() {
        assertThat(SnmpPrinterProbe.reasonsOf(new byte[] {(byte) 0xFF})).containsExactly("media-low-warning",
                "media-empty-error", "toner-low-warning", "toner-empty-error", "cover-open-error", "media-jam-error",
                "offline-error", "other-warning");
    }

    @Test
    void readsJamAndPageCounterFromSimulatedPrinter() throws Exception {
        String profile = """
                printers:
                  - printer-name: front-desk
                    printer-make-and-model: Printgate Sim Probe 1
                    pages-per-minute: 6000
                    memory-bytes: 1048576
                    document-format-supported: [application/pdf]
                    media-supported: [iso_a4_210x297mm]
                    media-default: iso_a4_210x297mm
                """;
        try (Simulator simulator = Simulator.start(Profile.read(
                new ByteArrayInputStream(profile.getBytes(StandardCharsets.UTF_8))).onFreePorts(), null)) {
            SimPrinter printer = simulator.printer("front-desk").orElseThrow();
            printer.hardware().apply(FaultSpec.of(FaultType.JAM));
            URI snmp = URI.create("snmp://public@" + simulator.host() + ":" + simulator.snmpPort(printer));

            ProbeReading reading = probe.read(snmp).get(5, TimeUnit.SECONDS);

            assertThat(reading.reasons()).containsExactly("media-jam-error");
            assertThat(reading.pageCount()).isZero();
        }
    }

    @Test
    void silentAgentIsNoAnswer() throws Exception {
        // A bound UDP socket that never replies.
        try (DatagramSocket silent = new DatagramSocket(0)) {
            URI uri = URI.create("snmp://public@127.0.0.1:" + silent.getLocalPort());

            assertThatThrownBy(() -> probe.read(uri).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NoAnswerException.class)
                    .hasMessage("No answer from 127.0.0.1:" + silent.getLocalPort());
        }
    }
}
