package org.printgate.spooler.local;

import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.PrinterStateReason;
import java.util.ArrayList;
import java.util.List;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The state of a local printer, computed in one place for Get-Printer-Attributes and for the
 * printer-state-changed events (RFC 8011 §5.4.11-§5.4.14): the engine's view of the real
 * printer, this spooler's own jobs on it, and what an operator of this computer set.
 *
 * @param state printer-state
 * @param reasons printer-state-reasons, "none" when there are none
 * @param message printer-state-message
 * @param accepting printer-is-accepting-jobs
 * @param queued queued-job-count
 */
record LocalPrinterState(PrinterState state, List<String> reasons, String message, boolean accepting, int queued) {

    static LocalPrinterState of(LocalPrinter printer, SpoolJobs jobs, QueueControls controls) {
        List<SpoolJob> live = jobs.live().stream().filter(j -> j.queue().equals(printer.name())).toList();
        return of(printer, live.size(), live.stream().anyMatch(j -> j.phase() == Phase.PRINTING), controls);
    }

    static LocalPrinterState of(LocalPrinter printer, int queued, boolean printing, QueueControls controls) {
        boolean paused = controls.isPaused(printer.name());
        List<String> reasons = new ArrayList<>(printer.up() || printer.reasons().isEmpty() ? List.of() : printer.reasons());
        reasons.remove("none");
        if (paused) {
            reasons.add(PrinterStateReason.paused);
        }
        // A paused queue still finishes what it prints: processing until then, as cupsd says.
        PrinterState state = !printer.up() ? PrinterState.stopped : printing ? PrinterState.processing
                : paused ? PrinterState.stopped : PrinterState.idle;
        String message = !printer.up() ? printer.trouble() : paused ? "paused on this computer by an operator" : state.getName();
        boolean accepting = printer.accepting() && !controls.isDisabled(printer.name());
        return new LocalPrinterState(state, reasons.isEmpty() ? List.of("none") : List.copyOf(reasons), message, accepting, queued);
    }
}
