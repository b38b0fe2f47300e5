package org.printgate.sim.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.IppClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One simulator process runs 500 printers, each with its IPP, raw and SNMP port, in a 1 GiB heap
 * (the surefire execution "scale" runs this class alone with -Xmx1g). Every printer must answer
 * on all three ports. Prints the start time and the heap used, for docs/benchmarks.md.
 */
class FiveHundredPrintersScaleTest {
    private static final int PRINTERS = 500;

    @Test
    void runsFiveHundredPrintersInOneGibibyte() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx1g").isLessThanOrEqualTo(1L << 30);
        StringBuilder yaml = new StringBuilder("printers:\n");
        for (int i = 0; i < PRINTERS; i++) {
            yaml.append("""
                      - printer-name: p%03d
                        printer-make-and-model: Printgate Sim Scale
                        document-format-supported: [application/pdf, image/pwg-raster, application/postscript]
                        pages-per-minute: 30
                        media-supported: [iso_a4_210x297mm]
                        media-default: iso_a4_210x297mm
                        printer-firmware-name: Scale
                        printer-firmware-string-version: "1.0"
                        memory-bytes: 16777216
                        trays: [{name: Tray 1, media-source: main, media: iso_a4_210x297mm, max-capacity: 500, level: 500}]
                        supplies: [{description: Black Toner, color: "#000000", kind: toner, level: 80, pages-per-percent: 50}]
                    """.formatted(i));
        }
        Profile profile = Profile.read(new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8))).onFreePorts();
        long begin = System.nanoTime();
        try (Simulator simulator = Simulator.start(profile, null)) {
            long startMillis = (System.nanoTime() - begin) / 1_000_000;
            IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10));
            try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
                snmp.listen();
                for (SimPrinter printer : simulator.printers()) {
                    // IPP: Get-Printer-Attributes answers with this printer's name.
                    URI uri = simulator.ippUri(printer);
                    IppPacket response = ipp.send(uri, new IppPacket(Operation.getPrinterAttributes, 1,
                            AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                                    Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri),
                                    Types.requestedAttributes.of("printer-name"))));
                    assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
                    assertThat(response.getString(Tag.printerAttributes, Types.printerName)).isEqualTo(printer.name());
                    // Raw: the port accepts a connection.
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(simulator.host(), simulator.rawPort(printer)), 5000);
                    }
                    // SNMP: sysName.0 is the printer's name.
                    CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                            new UdpAddress(simulator.host() + "/" + simulator.snmpPort(printer)), new OctetString("public"));
                    target.setVersion(SnmpConstants.version2c);
                    target.setTimeout(2000);
                    PDU get = new PDU();
                    get.add(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0")));
                    ResponseEvent<UdpAddress> answer = snmp.get(get, target);
                    assertThat(answer.getResponse()).as("SNMP answer from %s", printer.name()).isNotNull();
                    assertThat(answer.getResponse().get(0).getVariable().toString()).isEqualTo(printer.name());
                }
            }
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            System.out.printf("sim_scale: printers=%d start_ms=%d heap_used_mb=%d threads=%d%n",
                    PRINTERS, startMillis, heapMb, threads);
            assertThat(simulator.printers()).hasSize(PRINTERS);
        }
    }
}
