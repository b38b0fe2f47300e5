package org.printgate.sim.ipp;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.PrinterStateReason;
import java.util.ArrayList;
import java.util.List;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.printer.SimPrinter;

/**
 * The IPP state of a simulated printer, computed in one place for Get-Printer-Attributes and for
 * the printer-state-changed events (RFC 8011 §5.4.11-§5.4.14): the hardware's condition, the
 * jobs on the engine, and what an operator set (paused, not accepting jobs).
 *
 * @param state printer-state
 * @param reasons printer-state-reasons, "none" when there are none
 * @param message printer-state-message
 * @param accepting printer-is-accepting-jobs
 */
record PrinterStateNow(PrinterState state, List<String> reasons, String message, boolean accepting) {

    static PrinterStateNow of(SimPrinter printer) {
        Hardware hardware = printer.hardware();
        int condition = hardware.printerState();
        boolean printing = condition == PrinterState.processing.getCode()
                || printer.jobs().stream().anyMatch(job -> job.state().equals(JobState.processing));
        boolean paused = printer.paused();
        List<String> reasons = new ArrayList<>(hardware.printerStateReasons());
        if (paused) {
            reasons.remove("none");
            // A paused printer finishes the job it prints (PWG 5100.9 moving-to-paused), then stops.
            reasons.add(printing ? PrinterStateReason.movingToPaused : PrinterStateReason.paused);
        }
        PrinterState state = condition == PrinterState.stopped.getCode() ? PrinterState.stopped
                : printing ? PrinterState.processing : paused ? PrinterState.stopped : PrinterState.idle;
        String message = reasons.contains("none") ? state.getName() : String.join(", ", reasons);
        boolean accepting = hardware.online() && !hardware.busy() && printer.acceptingJobs();
        return new PrinterStateNow(state, List.copyOf(reasons), message, accepting);
    }
}
