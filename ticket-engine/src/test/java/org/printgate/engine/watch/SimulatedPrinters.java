package org.printgate.engine.watch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.sim.Simulator;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;

/**
 * The real printer simulator, in process, on free ports, with the queues a test points at its
 * printers: by SNMP only (a raw socket:// printer), by IPP only, or both.
 */
public final class SimulatedPrinters implements AutoCloseable {
    static final int TRAY_CAPACITY = 500;
    static final int TRAY_LEVEL = 300;
    static final int TONER_LEVEL = 80;

    private final Simulator simulator;

    private SimulatedPrinters(Simulator simulator) {
        this.simulator = simulator;
    }

    /** The printers given, each written by {@link #entry}. */
    static SimulatedPrinters start(String... printerYaml) throws IOException {
        String yaml = "printers:\n" + String.join("", printerYaml);
        Profile profile = Profile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return new SimulatedPrinters(Simulator.start(profile.onFreePorts(), null));
    }

    /** A printer with a tray at {@value #TRAY_LEVEL} of {@value #TRAY_CAPACITY} sheets and {@value #TONER_LEVEL} % toner. */
    static String entry(String name) {
        return entry(name, TONER_LEVEL);
    }

    /** One printer of a profile, as a user would write it. */
    public static String entry(String name, int tonerLevel) {
        return """
                  - printer-name: %s
                    printer-make-and-model: Printgate Sim Watch 1
                    document-format-supported: [application/pdf, application/octet-stream]
                    pages-per-minute: 6000
                    media-supported: [iso_a4_210x297mm]
                    media-default: iso_a4_210x297mm
                    memory-bytes: 1048576
                    trays:
                      - {name: Tray 1, media-source: tray-1, media: iso_a4_210x297mm, max-capacity: %d, level: %d}
                    supplies:
                      - {description: Black Toner, color: "#000000", kind: toner, level: %d, pages-per-percent: 50}
                """.formatted(name, TRAY_CAPACITY, TRAY_LEVEL, tonerLevel);
    }

    SimPrinter printer(String name) {
        return simulator.printer(name).orElseThrow(() -> new AssertionError("no simulated printer " + name));
    }

    Hardware hardware(String name) {
        return printer(name).hardware();
    }

    URI ippUri(String name) {
        return simulator.ippUri(printer(name));
    }

    int ippPort(String name) {
        return simulator.ippPort(printer(name));
    }

    int snmpPort(String name) {
        return simulator.snmpPort(printer(name));
    }

    URI snmpUri(String name) {
        return URI.create("snmp://public@" + simulator.host() + ":" + snmpPort(name));
    }

    URI socketUri(String name) {
        return URI.create("socket://" + simulator.host() + ":" + simulator.rawPort(printer(name)));
    }

    /** A queue the watch reads by SNMP and by IPP. */
    QueueConfig bySnmpAndIpp(String queue, String printer) {
        return new QueueConfig(queue, ippUri(printer), snmpUri(printer), 1, 0, null, null);
    }

    /** A queue the watch reads by IPP only. */
    QueueConfig byIpp(String queue, String printer) {
        return new QueueConfig(queue, ippUri(printer), null, 1, 0, null, null);
    }

    /** A raw (socket://) queue the watch reads by SNMP only. */
    QueueConfig bySnmp(String queue, String printer) {
        return new QueueConfig(queue, socketUri(printer), snmpUri(printer), 1, 0, null, null);
    }

    /** Frees hung requests first, so that closing does not wait for them. */
    @Override
    public void close() {
        for (SimPrinter printer : simulator.printers()) {
            printer.hardware().clear(FaultType.HANG);
        }
        simulator.close();
    }
}
