package org.printgate.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.ipp.SharedThreads;
import org.printgate.sim.control.ControlApi;
import org.printgate.sim.ipp.DeviceReports;
import org.printgate.sim.ipp.IppEndpoint;
import org.printgate.sim.ipp.PrinterIppService;
import org.printgate.sim.ledger.PageLedger;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.sim.raw.RawSocketServer;
import org.printgate.sim.snmp.SnmpAgentHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated printers in one process, from a {@link Profile}: for each, an IPP Everywhere
 * endpoint, a raw port and an SNMP agent, all driven by its hardware state; one page ledger and
 * one control API for all. Threads are shared, so hundreds of printers cost little.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final Profile profile;
    private final PageLedger ledger;
    private final List<SimPrinter> printers = new ArrayList<>();
    private final Map<SimPrinter, IppEndpoint> ipp = new IdentityHashMap<>();
    private final Map<SimPrinter, Integer> snmpPorts = new IdentityHashMap<>();
    private final SharedThreads threads;
    private final ExecutorService lanes;
    private final RawSocketServer raw;
    private final SnmpAgentHost snmp;
    private final ControlApi control;
    /** Managed printers' reports to their engine (docs/firmware.md §3.1). */
    private final DeviceReports deviceReports = new DeviceReports();

    private Simulator(Profile profile, Path ledgerFile) throws IOException {
        this.profile = profile;
        this.ledger = new PageLedger(ledgerFile);
        this.threads = new SharedThreads(2, 128);
        AtomicInteger laneThreads = new AtomicInteger();
        this.lanes = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sim-lane-" + laneThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.raw = new RawSocketServer(profile.host());
        this.snmp = new SnmpAgentHost(InetAddress.getByName(profile.host()));
        boolean started = false;
        try {
            for (int i = 0; i < profile.printers().size(); i++) {
                SimPrinter printer = new SimPrinter(i, profile.printers().get(i), ledger, lanes);
                printers.add(printer);
                ipp.put(printer, new IppEndpoint(printer, profile.host(), profile.ippPort(i), threads).start());
                raw.add(printer, profile.rawPort(i));
                snmpPorts.put(printer, snmp.add(printer.name(), profile.snmpPort(i), printer.hardware()));
            }
            this.control = new ControlApi(this, profile.host(), profile.controlPort());
            // Once its ports are up, a managed printer tells its engine what it runs; never waited for.
            printers.stream().filter(p -> p.spec().managed()).forEach(deviceReports::start);
            started = true;
        } finally {
            if (!started) {
                close();
            }
        }
    }

    /** Starts every printer of the profile; the ledger is also appended to {@code ledgerFile} if given. */
    public static Simulator start(Profile profile, Path ledgerFile) throws IOException {
        long begin = System.nanoTime();
        Simulator simulator = new Simulator(profile, ledgerFile);
        log.info("{} printers up in {} ms", simulator.printers.size(), (System.nanoTime() - begin) / 1_000_000);
        return simulator;
    }

    public List<SimPrinter> printers() {
        return List.copyOf(printers);
    }

    public Optional<SimPrinter> printer(String name) {
        return printers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public SimPrinter printer(int index) {
        return printers.get(index);
    }

    public PageLedger ledger() {
        return ledger;
    }

    public int ippPort(SimPrinter printer) {
        return ipp.get(printer).port();
    }

    public URI ippUri(SimPrinter printer) {
        return URI.create("ipp://" + profile.host() + ":" + ippPort(printer) + PrinterIppService.PATH);
    }

    public int rawPort(SimPrinter printer) {
        return raw.port(printer);
    }

    public int snmpPort(SimPrinter printer) {
        return snmpPorts.get(printer);
    }

    public int controlPort() {
        return control.port();
    }

    public String host() {
        return profile.host();
    }

    /** How the managed printers' reports to their engine go. */
    public DeviceReports deviceReports() {
        return deviceReports;
    }

    @Override
    public void close() {
        deviceReports.close();
        if (control != null) {
            control.close();
        }
        for (IppEndpoint endpoint : ipp.values()) {
            endpoint.close();
        }
        try {
            raw.close();
        } catch (IOException e) {
            log.warn("closing raw ports", e);
        }
        snmp.close();
        lanes.shutdownNow();
        threads.close();
        try {
            ledger.close();
        } catch (IOException e) {
            log.warn("closing the ledger", e);
        }
    }
}
