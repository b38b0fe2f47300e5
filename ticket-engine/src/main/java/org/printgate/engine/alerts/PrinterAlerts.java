package org.printgate.engine.alerts;

import com.hp.jipp.model.PrinterStateReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.printgate.probe.PrinterStateReasons;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;

/**
 * Printer alerts from what the printer watch reads (docs/ticket-protocol.md §5, 7-2): paper
 * jam, out of paper, toner low and empty from the printer's own {@code printer-state-reasons}
 * (so "low" is the printer's judgement), and printer down for any other reason that stops it
 * (offline, cover open, paused...). A jam is one alert, not also a "printer down".
 */
final class PrinterAlerts {
    static final List<AlertKind> KINDS = List.of(AlertKind.PRINTER_DOWN, AlertKind.PAPER_JAM, AlertKind.OUT_OF_PAPER,
            AlertKind.TONER_LOW, AlertKind.TONER_EMPTY);
    private static final Set<String> JAM = Set.of(PrinterStateReason.mediaJam);
    private static final Set<String> NO_PAPER = Set.of(PrinterStateReason.mediaEmpty, PrinterStateReason.mediaNeeded);
    private static final Set<String> TONER_EMPTY = Set.of(PrinterStateReason.tonerEmpty, PrinterStateReason.markerSupplyEmpty);
    private static final Set<String> TONER_LOW = Set.of(PrinterStateReason.tonerLow, PrinterStateReason.markerSupplyLow);

    private final AlertBoard board;

    PrinterAlerts(AlertBoard board) {
        this.board = board;
    }

    /** Raises what {@code status} shows of {@code queue}'s printer and clears what it no longer shows. */
    void printerChanged(String queue, PrinterStatus status) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("queue", queue);
        details.put("printer-state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("printer-state-reasons", String.join(", ", status.reasons()));
        details.put("printer-state-message", status.message());

        String jam = first(status, JAM);
        String noPaper = first(status, NO_PAPER);
        String tonerEmpty = first(status, TONER_EMPTY);
        String tonerLow = tonerEmpty == null ? first(status, TONER_LOW) : null;
        // Down for a reason none of the specific alerts names: offline, cover open, paused...
        boolean explained = stops(jam) || stops(noPaper) || stops(tonerEmpty);
        boolean down = status.state() == WatchState.DOWN && !explained;

        set(AlertKind.PAPER_JAM, queue, jam, details, queue + ": paper jam (" + jam + "); "
                + "the printer stops until someone clears it");
        set(AlertKind.OUT_OF_PAPER, queue, noPaper, details, queue + ": out of paper (" + noPaper + "); load paper");
        set(AlertKind.TONER_EMPTY, queue, tonerEmpty, details, queue + ": toner or ink empty (" + tonerEmpty
                + "); replace the cartridge");
        set(AlertKind.TONER_LOW, queue, tonerLow, details, queue + ": toner or ink low (" + tonerLow
                + "); have a cartridge ready");
        set(AlertKind.PRINTER_DOWN, queue, down ? String.join(", ", status.reasons().stream().filter(PrinterStateReasons::alerts).toList()) : null, details,
                queue + " is down: " + (status.message().isEmpty() ? "no reason given" : status.message())
                        + " (" + String.join(", ", status.reasons()) + "); no jobs go to it until it is back");
    }

    /** The queue is gone: its printer's alerts are over. */
    void forget(String queue) {
        KINDS.forEach(kind -> board.clear(kind, queue));
    }

    private void set(AlertKind kind, String queue, String reason, Map<String, String> details, String message) {
        if (reason == null) {
            board.clear(kind, queue);
        } else {
            // A printer down is critical whatever its reasons' order; the others as the printer rates them.
            Severity severity = kind != AlertKind.PRINTER_DOWN && reason.endsWith(PrinterStateReasons.WARNING)
                    ? Severity.WARNING : Severity.CRITICAL;
            board.raise(kind, queue, severity, message, details);
        }
    }

    /** The first -error or -warning reason whose keyword is one of {@code keywords}, or null. */
    private static String first(PrinterStatus status, Set<String> keywords) {
        return status.reasons().stream().filter(PrinterStateReasons::alerts)
                .filter(reason -> keywords.contains(PrinterStateReasons.keyword(reason))).findFirst().orElse(null);
    }

    private static boolean stops(String reason) {
        return reason != null && reason.endsWith(PrinterStateReasons.ERROR);
    }
}
