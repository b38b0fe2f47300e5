package org.printgate.interop.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;

/**
 * The demo profile's printers, in this JVM, on free ports, for a test class: register as a
 * static {@code @RegisterExtension} field. {@code speedUp} multiplies every printer's
 * pages-per-minute so conformance runs that print hundreds of pages end in minutes.
 */
final class DemoPrinters implements BeforeAllCallback, AfterAllCallback {
    private final int speedUp;
    private Simulator simulator;

    private DemoPrinters(int speedUp) {
        this.speedUp = speedUp;
    }

    static DemoPrinters atSpeed(int speedUp) {
        return new DemoPrinters(speedUp);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            simulator = Simulator.start(Profile.demo().onFreePorts().faster(speedUp), null);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo printers did not start", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
        }
    }

    Simulator simulator() {
        return simulator;
    }

    SimPrinter printer(String name) {
        return simulator.printer(name).orElseThrow(() -> new AssertionError("no demo printer " + name));
    }

    /** Pages of one printer's job, in the order they came out. */
    List<LedgerEntry> pages(String printer, int jobId) {
        return simulator.ledger().entries(e -> e.printer().equals(printer) && e.jobId() == jobId);
    }
}
