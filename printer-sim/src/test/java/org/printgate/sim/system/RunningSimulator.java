package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;

/**
 * The real {@link Simulator}, started for one test from a profile of {@link TestPrinter}s on free
 * ports, with the clients that talk to it over its real sockets: IPP, raw, SNMP and the control
 * API. A test class registers it ({@code @RegisterExtension final RunningSimulator sim = new
 * RunningSimulator();}), each test starts it with the printers it needs
 * ({@code sim.start(TestPrinter.named("jams-at-page-3").faults(...))}), and after the test it is
 * closed with all its clients.
 */
final class RunningSimulator implements AfterEachCallback {
    private Simulator simulator;
    private ControlApiClient control;
    private final List<SnmpProbe> probes = new ArrayList<>();

    /** Starts the simulator with {@code printers}; once per test. */
    void start(TestPrinter... printers) throws IOException {
        if (simulator != null) {
            throw new IllegalStateException("the simulator of this test is already started");
        }
        StringBuilder yaml = new StringBuilder("printers:\n");
        for (TestPrinter printer : printers) {
            yaml.append(printer.yaml());
        }
        Profile profile = Profile.read(new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)));
        simulator = Simulator.start(profile.onFreePorts(), null);
    }

    /**
     * Starts the simulator with one default printer called {@code name} and arms {@code fault}
     * (the control API's JSON) on it; returns the printer's IPP client.
     */
    IppPrinterClient startWithFault(String name, String fault) throws IOException {
        start(TestPrinter.named(name));
        control().fault(name, fault);
        return ipp(name);
    }

    Simulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("start the simulator first: sim.start(TestPrinter.named(...))");
        }
        return simulator;
    }

    SimPrinter printer(String name) {
        return simulator().printer(name).orElseThrow(() -> new AssertionError("no printer " + name));
    }

    IppPrinterClient ipp(String printer) {
        return ipp(printer, Duration.ofSeconds(60));
    }

    IppPrinterClient ipp(String printer, Duration requestTimeout) {
        return new IppPrinterClient(simulator().ippUri(printer(printer)), Duration.ofSeconds(5), requestTimeout);
    }

    RawPortClient raw(String printer) {
        return new RawPortClient(simulator().host(), simulator().rawPort(printer(printer)));
    }

    SnmpProbe snmp(String printer) throws IOException {
        SnmpProbe probe = new SnmpProbe(simulator().host(), simulator().snmpPort(printer(printer)));
        probes.add(probe);
        return probe;
    }

    ControlApiClient control() {
        if (control == null) {
            control = new ControlApiClient(simulator().host(), simulator().controlPort());
        }
        return control;
    }

    /** The job's pages in the ledger, in the order they came out. */
    List<LedgerEntry> pagesOf(String printer, int jobId) {
        return simulator().ledger().entries(entry -> entry.printer().equals(printer) && entry.jobId() == jobId);
    }

    /** All pages of the printer, in the order they came out. */
    List<LedgerEntry> pagesOf(String printer) {
        return simulator().ledger().entries(entry -> entry.printer().equals(printer));
    }

    /**
     * Asserts the job came out whole: pages 1 to {@code count}, each exactly once and in order,
     * each with its own SHA-256, all brought by {@code path}.
     */
    void assertPrintedWhole(String printer, int jobId, int count, String path) {
        List<LedgerEntry> pages = pagesOf(printer, jobId);
        assertThat(pages).as("pages of job %d", jobId).extracting(LedgerEntry::page)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(pages).extracting(LedgerEntry::sha256).doesNotHaveDuplicates()
                .allSatisfy(sha -> assertThat(sha).matches("[0-9a-f]{64}"));
        assertThat(pages).extracting(LedgerEntry::path).containsOnly(path);
    }

    /** Closes the clients and the simulator, if the test started it. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (simulator == null) {
            return;
        }
        try {
            for (SnmpProbe probe : probes) {
                probe.close();
            }
        } finally {
            simulator.close();
        }
    }
}
